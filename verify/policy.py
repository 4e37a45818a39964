"""Validation policies as data: one model, one loader, a level per check (EU DSS constraint style).

A policy says, for each check whose outcome is a matter of policy, what a
miss means: ``FAIL`` (the finding decides the signature's indication),
``WARN`` (the signature keeps ``TOTAL_PASSED``; the reviewer sees a warning)
or ``INFORM`` (a note). Checks tag their findings with their name and never
read a flag: ``Policy.judge`` applies the levels in one place.

Integrity is never a matter of policy: a changed byte, a wrong signature
value, a modification after signing, a malformed structure, a revocation
before the signing time, or an expiry proven by a timestamp is
``TOTAL_FAILED`` under every policy — the model has no level for them, so
no policy file, built-in or not, can accept an attacked file.

Built-in policies are ``verify/policies/*.yaml``; a deployment adds its own
in a policy folder (``$HOSO_DATA_DIR/policies/<id>.yaml``) or gives a file by
path. A file may start from another policy (``extends: vn-legacy``) and
change only what differs, e.g. the legacy cut-off date.

Each policy has its own ``id`` and ``version``; every report names them, and
caches key on ``Policy.cache_key``, which also changes with the content of
the file and with ``RULES_VERSION`` (the verifier's own rules).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from verify.errors import PolicyInvalidError, PolicyNotFoundError
from verify.outcome import Finding
from verify.report import PolicyRef
from verify.vntime import VIETNAM

RULES_VERSION = "2025.2"
"""The verifier's own rules (how checks run and combine); bump when they change."""

BUILTIN_DIR = Path(__file__).parent / "policies"
DEFAULT_POLICY = "strict"
MAX_EXTENDS_DEPTH = 4
MAX_POLICY_BYTES = 100_000

Level = Literal["FAIL", "WARN", "INFORM"]
CheckName = Literal[
    "algorithms",
    "legacy_algorithms",
    "trusted_chain",
    "certificate_validity",
    "key_usage",
    "revocation_data",
    "claimed_time",
]

LEVEL_WORDS: dict[str, str] = {
    "FAIL": "không chấp nhận",
    "WARN": "chấp nhận, có cảnh báo",
    "INFORM": "chấp nhận, ghi chú",
}

CHECK_LABELS: dict[str, str] = {
    "algorithms": "Thuật toán dưới mức tối thiểu",
    "legacy_algorithms": "Thuật toán cũ (SHA-1, RSA 1024) trước mốc cho phép",
    "trusted_chain": "Không có chuỗi đến chứng thư gốc đã cài",
    "certificate_validity": "Chứng thư hết hạn/chưa hiệu lực theo thời điểm khai báo",
    "key_usage": "Chứng thư không dành cho ký số",
    "revocation_data": "Không có dữ liệu thu hồi (CRL/OCSP)",
    "claimed_time": "Thời điểm ký chỉ do người ký khai (không có dấu thời gian)",
}


def digest_label(name: str) -> str:
    """``sha512_224`` → ``SHA-512/224``, ``sha3_256`` → ``SHA3-256``, ``sha1`` → ``SHA-1``."""
    name = name.lower()
    if name.startswith("sha3_"):
        return "SHA3-" + name[5:]
    if name.startswith("sha") and "_" in name:
        head, tail = name[3:].split("_", 1)
        return f"SHA-{head}/{tail}"
    if name.startswith("sha"):
        return "SHA-" + name[3:]
    return name.upper()


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LegacyAlgorithms(_Strict):
    """Weaker algorithms tolerated for signatures made before a cut-off moment."""

    digests: tuple[str, ...] = ()
    rsa_min_bits: int | None = Field(None, ge=512)
    signed_before: datetime
    level: Level = "WARN"
    basis: str = Field(min_length=1, description="Căn cứ của mốc thời gian, tiếng Việt")

    @field_validator("signed_before", mode="before")
    @classmethod
    def _day_in_vietnam(cls, value: Any) -> Any:
        """A bare date (``2025-08-15``) means 00:00 that day, Viet Nam time."""
        if isinstance(value, str) and len(value.strip()) == 10:
            value = date.fromisoformat(value.strip())
        if isinstance(value, date) and not isinstance(value, datetime):
            return datetime(value.year, value.month, value.day, tzinfo=VIETNAM)
        return value

    @field_validator("signed_before")
    @classmethod
    def _with_offset(cls, value: datetime) -> datetime:
        if value.tzinfo is None:
            raise ValueError("cần có múi giờ, ví dụ 2025-08-15T00:00:00+07:00 (hoặc chỉ ghi ngày)")
        return value


class Algorithms(_Strict):
    """Acceptable digests and minimum key sizes (allow-list, as DSS's CryptographicConstraint)."""

    level: Level = "FAIL"
    digests: tuple[str, ...] = Field(min_length=1)
    rsa_min_bits: int = Field(2048, ge=512)
    ec_min_bits: int = Field(256, ge=160)
    legacy: LegacyAlgorithms | None = None


class Checks(_Strict):
    """The level of every other check a policy may relax."""

    trusted_chain: Level = "FAIL"
    certificate_validity: Level = "FAIL"
    key_usage: Level = "FAIL"
    revocation_data: Level = "FAIL"
    claimed_time: Level = "INFORM"


@dataclass
class Judged:
    """Findings after the policy's levels: those that decide, warnings, notes."""

    findings: list[Finding]
    warnings: list[str]
    notes: list[str]


class Policy(_Strict):
    """One validation policy, resolved (``extends`` applied) and checked."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{0,23}$")
    version: str = Field(pattern=r"^[0-9A-Za-z.\-]{1,10}$")
    title: str = Field(min_length=1)
    summary: str = Field(min_length=1)
    sources: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    algorithms: Algorithms
    checks: Checks = Field(default_factory=Checks)

    @property
    def ref(self) -> PolicyRef:
        return PolicyRef(id=self.id, version=self.version)

    @property
    def fingerprint(self) -> str:
        """SHA-256 over the resolved content and the verifier's rules version."""
        text = self.model_dump_json() + "|" + RULES_VERSION
        return hashlib.sha256(text.encode()).hexdigest()

    @property
    def cache_key(self) -> str:
        """``id@version:fingerprint``, at most 48 characters (stored-result and cache keys)."""
        return f"{self.id}@{self.version}:{self.fingerprint[:12]}"

    def level(self, check: str | None) -> Level:
        """The level of a finding's check; untagged findings (integrity) always FAIL."""
        if check is None:
            return "FAIL"
        if check == "algorithms":
            return self.algorithms.level
        if check == "legacy_algorithms":
            legacy = self.algorithms.legacy
            return legacy.level if legacy is not None else "FAIL"
        level: Level = getattr(self.checks, check)
        return level

    def legacy_applies(self, signing_time: datetime | None) -> bool:
        """The legacy tolerance covers a signature made (by the time we trust) before its cut-off."""
        legacy = self.algorithms.legacy
        return (
            legacy is not None and signing_time is not None and signing_time < legacy.signed_before
        )

    def judge(self, findings: Iterable[Finding]) -> Judged:
        """Apply the levels: FAIL findings stay, WARN become warnings, INFORM become notes."""
        kept: list[Finding] = []
        warnings: list[str] = []
        notes: list[str] = []
        for finding in findings:
            level = self.level(finding.check)
            if level == "FAIL":
                kept.append(finding)
            elif level == "WARN":
                warnings.append(finding.message)
            else:
                notes.append(finding.message)
        return Judged(findings=kept, warnings=warnings, notes=notes)

    def accepts(self) -> list[str]:
        """What this policy accepts and how, one Vietnamese line per check (``hoso policies``)."""
        algos = self.algorithms
        lines = [
            f"Hàm băm: {', '.join(digest_label(d) for d in algos.digests)}; RSA từ {algos.rsa_min_bits} "
            f"bit, ECDSA từ {algos.ec_min_bits} bit (ngoài ra: {LEVEL_WORDS[algos.level]})."
        ]
        if algos.legacy is not None:
            legacy = algos.legacy
            extra = [digest_label(d) for d in legacy.digests]
            if legacy.rsa_min_bits is not None:
                extra.append(f"RSA từ {legacy.rsa_min_bits} bit")
            lines.append(
                f"Thuật toán cũ ({', '.join(extra)}) cho chữ ký tạo trước "
                f"{legacy.signed_before.astimezone(VIETNAM):%d/%m/%Y}: {LEVEL_WORDS[legacy.level]}."
            )
        for name, level in self.checks.model_dump().items():
            lines.append(f"{CHECK_LABELS[name]}: {LEVEL_WORDS[level]}.")
        return lines


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Mappings merged key by key; any other value (lists included) replaced."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _read_raw(path: Path, label: str) -> dict[str, Any]:
    try:
        if path.stat().st_size > MAX_POLICY_BYTES:
            raise PolicyInvalidError(f"Tệp chính sách {label} quá lớn (tối đa 100 KB).")
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise PolicyNotFoundError(f"Không đọc được tệp chính sách {label}.") from exc
    except UnicodeDecodeError as exc:
        raise PolicyInvalidError(f"Tệp chính sách {label} không phải văn bản UTF-8.") from exc
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (dòng {mark.line + 1}, cột {mark.column + 1})" if mark is not None else ""
        raise PolicyInvalidError(f"Tệp chính sách {label} không phải YAML hợp lệ{where}.") from exc
    if not isinstance(raw, dict):
        raise PolicyInvalidError(f"Tệp chính sách {label} phải là một bảng khoá: giá trị (YAML).")
    return raw


def _problems(exc: ValidationError) -> list[str]:
    out = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error["loc"]) or "(gốc)"
        kind = error["type"]
        if kind == "extra_forbidden":
            text = "khoá không có trong mẫu chính sách (xem verify/README.md)"
        elif kind == "missing":
            text = "thiếu giá trị bắt buộc"
        elif kind == "literal_error":
            text = "mức phải là FAIL, WARN hoặc INFORM"
        elif kind == "string_pattern_mismatch" and where == "id":
            text = "chỉ gồm chữ thường không dấu, số và dấu '-', tối đa 24 ký tự"
        elif kind == "string_pattern_mismatch":
            text = "chỉ gồm chữ, số, '.' và '-', tối đa 10 ký tự"
        else:
            text = str(error.get("msg", "giá trị không hợp lệ")).removeprefix("Value error, ")
        out.append(f"{where}: {text}")
    return out


class PolicyLoader:
    """Finds policies by name (built-in, then the deployment's folders) or by path."""

    def __init__(self, folders: Sequence[Path] = ()) -> None:
        self.folders = tuple(Path(f) for f in folders)

    def names(self) -> list[str]:
        """Built-in names first, then the deployment's, without duplicates."""
        names = sorted(p.stem for p in BUILTIN_DIR.glob("*.yaml"))
        for folder in self.folders:
            if folder.is_dir():
                names += sorted(
                    p.stem for p in folder.glob("*.yaml") if p.is_file() and p.stem not in names
                )
        return names

    def _named_path(self, name: str) -> Path | None:
        builtin = BUILTIN_DIR / f"{name}.yaml"
        if builtin.is_file():
            return builtin
        for folder in self.folders:
            candidate = folder / f"{name}.yaml"
            if candidate.is_file():
                return candidate
        return None

    def _resolve(self, path: Path, label: str, depth: int) -> dict[str, Any]:
        raw = _read_raw(path, label)
        parent = raw.pop("extends", None)
        if parent is None:
            return raw
        if depth >= MAX_EXTENDS_DEPTH:
            raise PolicyInvalidError(f"Chính sách {label}: 'extends' lồng nhau quá sâu.")
        parent_path = self._named_path(str(parent))
        if parent_path is None:
            raise PolicyNotFoundError(
                f"Chính sách {label} dựa trên '{parent}', nhưng không có chính sách tên đó. "
                f"Các chính sách có: {', '.join(self.names())}."
            )
        missing = [k for k in ("id", "version") if k not in raw]
        if missing:
            raise PolicyInvalidError(
                f"Chính sách {label} dựa trên '{parent}' phải có id và version riêng "
                f"(thiếu: {', '.join(missing)})."
            )
        return _merge(self._resolve(parent_path, str(parent), depth + 1), raw)

    def _load_file(self, path: Path, label: str) -> Policy:
        raw = self._resolve(path, label, 0)
        try:
            policy = Policy.model_validate(raw)
        except ValidationError as exc:
            raise PolicyInvalidError(
                f"Tệp chính sách {label} có lỗi: " + "; ".join(_problems(exc)) + "."
            ) from exc
        builtin = BUILTIN_DIR / f"{policy.id}.yaml"
        if builtin.is_file() and path.resolve() != builtin.resolve():
            raise PolicyInvalidError(
                f"Tệp chính sách {label} mang id '{policy.id}' của một chính sách có sẵn: "
                "hãy đặt id khác (ví dụ thêm tên đơn vị)."
            )
        return policy

    def load(self, spec: str | Path) -> Policy:
        """A policy by name (``strict``, ``vn-legacy``, a deployment's) or by file path."""
        text = str(spec).strip()
        if not text:
            raise PolicyNotFoundError(self._unknown(text))
        named = self._named_path(text) if "/" not in text and not text.endswith(".yaml") else None
        if named is not None:
            policy = _cached_file_policy(self, named, _stamp(named))
            if policy.id != text:
                raise PolicyInvalidError(
                    f"Tệp chính sách {named} mang id '{policy.id}', khác tên tệp '{text}'."
                )
            return policy
        path = Path(text)
        if path.is_file():
            return _cached_file_policy(self, path, _stamp(path))
        if path.is_dir():
            raise PolicyNotFoundError(f"{path} là một thư mục; hãy chỉ ra tệp chính sách .yaml.")
        raise PolicyNotFoundError(self._unknown(text))

    def _unknown(self, text: str) -> str:
        return (
            f"Không có chính sách kiểm tra '{text}'. Các chính sách có: "
            f"{', '.join(self.names())}; hoặc chỉ ra đường dẫn tới một tệp chính sách .yaml."
        )

    def all(self) -> list[Policy]:
        return [self.load(name) for name in self.names()]

    def __hash__(self) -> int:
        return hash(self.folders)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PolicyLoader) and other.folders == self.folders


def _stamp(path: Path) -> tuple[str, float, int]:
    st = path.stat()
    return (str(path.resolve()), st.st_mtime, st.st_size)


@lru_cache(maxsize=32)
def _cached_file_policy(loader: PolicyLoader, path: Path, _stamp: tuple[str, float, int]) -> Policy:
    return loader._load_file(path, str(path) if path.parent != BUILTIN_DIR else path.stem)


def load_policy(spec: str | Path, folders: Sequence[Path] = ()) -> Policy:
    """The policy named ``spec`` (built-in or in ``folders``) or read from the file ``spec``."""
    return PolicyLoader(folders).load(spec)


@lru_cache(maxsize=1)
def default_policy() -> Policy:
    """The built-in strict policy (the default of every verification)."""
    return load_policy(DEFAULT_POLICY)
