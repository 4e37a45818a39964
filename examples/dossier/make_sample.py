"""Generate a sample dossier (hồ sơ) of a Thanh Hóa commune, signed with the test PKI.

Run from the repository root (the test PKI and PDF generator live in
``tests/support``, so the repository root must be on the path)::

    .venv/bin/python examples/dossier/make_sample.py examples/dossier/build

It writes ``build/ho-so/`` (assessment.json and one folder per criterion),
``build/ho-so.zip`` (the same, zipped with Vietnamese names) and
``build/trust/`` (the test root to pass with ``--trust``). Most criteria are
well evidenced; the others each fail for one reason the check must report:

====== ==================================================================
1.3    no folder at all
1.4    an empty folder
1.5    only an unsigned PDF and a photo
1.6    signature invalid (one byte changed after signing)
1.7    signed with a certificate nobody trusts
1.8    wrong kind of document (a Tờ trình where a Báo cáo is asked)
1.10   no number (``Số:``) on the document
2.1    no date on the document
2.2    dated 2022, outside the assessment year 2024
2.3    signed by another commune (not the unit or its parent)
====== ==================================================================

plus a folder that matches no criterion, a ``.docx`` in a criterion folder
and a stray file at the root. Nothing generated is committed (``build/`` is
ignored). README.md beside this file shows the end-to-end run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.support.admin_pdf import make_admin_pdf  # noqa: E402
from tests.support.pki import (  # noqa: E402
    VALIDATION_TIME,
    Identity,
    SamplePKI,
    build_pki,
    issue,
    key,
    name,
)
from tests.support.signing import sign_pdf  # noqa: E402
from tests.support.tamper import change_one_byte  # noqa: E402

ASSESSMENT = ROOT / "examples" / "assessments" / "thanhhoa-xa.json"
UNIT = "ỦY BAN NHÂN DÂN XÃ QUẢNG TÂM"
PARENT = "UBND THÀNH PHỐ THANH HÓA"
OTHER = "ỦY BAN NHÂN DÂN XÃ QUẢNG ĐÔNG"
YEAR = 2024

CODES = {
    "QUYẾT ĐỊNH": "QĐ",
    "KẾ HOẠCH": "KH",
    "BÁO CÁO": "BC",
    "TỜ TRÌNH": "TTr",
    "QUY CHẾ": "QC",
}
SUBJECTS = {
    "QUYẾT ĐỊNH": "Về việc thành lập Ban biên tập Trang thông tin điện tử xã",
    "KẾ HOẠCH": "Chuyển đổi số xã Quảng Tâm năm 2024",
    "BÁO CÁO": "Kết quả thực hiện tiêu chí chuyển đổi số năm 2024",
    "TỜ TRÌNH": "Đề nghị phê duyệt danh mục dự án chuyển đổi số",
    "QUY CHẾ": "Hoạt động của Ban biên tập Trang thông tin điện tử xã",
}


@dataclass(frozen=True)
class Signers:
    """Who signs the sample's documents."""

    unit: Identity
    other: Identity
    untrusted: Identity


def make_signers(pki: SamplePKI) -> Signers:
    """The commune's certificate, another commune's, and one chaining to no trusted root."""
    start = dt.datetime(2023, 1, 1, tzinfo=dt.UTC)
    end = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)

    def issued(cn: str, org: str) -> Identity:
        private = key()
        cert = issue(name(cn, org), private, pki.intermediate, not_before=start, not_after=end)
        return Identity(cert, private, [pki.intermediate.cert, pki.root.cert])

    return Signers(
        unit=issued(UNIT, PARENT),
        other=issued(OTHER, "UBND HUYỆN QUẢNG XƯƠNG"),
        untrusted=pki.self_signed,
    )


def document(
    doc_type: str, serial: int, *, day: dt.date | None = None, omit: tuple[str, ...] = ()
) -> bytes:
    """An administrative PDF of the commune, numbered ``serial``."""
    return make_admin_pdf(
        parent_agency=PARENT,
        agency=UNIT,
        number=f"{serial}/{CODES[doc_type]}-UBND",
        place="Quảng Tâm",
        date=day or dt.date(YEAR, 3, 1 + serial % 10),
        doc_type=doc_type,
        subject=SUBJECTS[doc_type],
        signer_name="Lê Văn Hòa",
        omit=omit,
    )


def assessment() -> dict[str, Any]:
    """The commune's self-assessment: every criterion reported as met."""
    data: dict[str, Any] = json.loads(ASSESSMENT.read_text(encoding="utf-8"))
    data["criteria"]["3.12"] = {"a": 30, "b": 40, "target": 60}
    data["criteria"]["4.8"] = {"value": True}
    return data


def _kind_for(criterion_id: str) -> str:
    from criteria import load_catalog
    from criteria.evidence_types import evidence_types

    criterion = load_catalog("thanhhoa-2023-xa").find(criterion_id)
    assert criterion is not None
    for kind in evidence_types(criterion):
        if kind in CODES:
            return kind
    return "BÁO CÁO"  # a Danh sách is filed as a report's annex; "any kind" takes a report


def build(out: Path) -> dict[str, Path]:
    """Write the dossier folder, its ZIP and the trust folder under ``out``."""
    pki = build_pki()
    signers = make_signers(pki)
    dossier = out / "ho-so"
    if dossier.exists():
        shutil.rmtree(dossier)
    dossier.mkdir(parents=True)
    data = assessment()
    (dossier / "assessment.json").write_text(
        json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8"
    )

    def put(folder: str, name: str, content: bytes) -> None:
        target = dossier / folder
        target.mkdir(parents=True, exist_ok=True)
        (target / name).write_bytes(content)

    def signed(kind: str, serial: int, who: Identity | None = None, **kw: Any) -> bytes:
        return sign_pdf(document(kind, serial, **kw), who or signers.unit)

    broken = {"1.3", "1.4", "1.5", "1.6", "1.7", "1.8", "1.10", "2.1", "2.2", "2.3"}
    for serial, criterion_id in enumerate(data["criteria"], start=10):
        if criterion_id in broken or criterion_id == "1.1":
            continue
        kind = _kind_for(criterion_id)
        put(f"{criterion_id}. Minh chứng", f"{kind.title()} {serial}.pdf", signed(kind, serial))
    put("1.1. Kế hoạch CĐS", "Kế hoạch CĐS 2024.pdf", signed("KẾ HOẠCH", 100))
    put("1.1. Kế hoạch CĐS", "Báo cáo đánh giá.pdf", signed("BÁO CÁO", 101))
    put("1.2", "anh-chup-he-thong.jpg", _tiny_jpeg())
    (dossier / "1.4").mkdir()
    put("1.5", "Báo cáo chưa ký.pdf", document("BÁO CÁO", 105))
    put("1.5", "ảnh hội nghị.jpg", _tiny_jpeg())
    put("1.6", "Báo cáo bị sửa.pdf", change_one_byte(signed("BÁO CÁO", 106)))
    put("1.7 - Tiếp nhận phản ánh", "Báo cáo.pdf", signed("BÁO CÁO", 107, signers.untrusted))
    put("1.8", "Tờ trình.pdf", signed("TỜ TRÌNH", 108))
    put("1.10", "Kế hoạch không số.pdf", signed("KẾ HOẠCH", 110, omit=("number",)))
    put("1.10", "Danh sách.docx", b"PK\x03\x04 not really a docx")
    put("2.1", "Kế hoạch không ngày.pdf", signed("KẾ HOẠCH", 111, omit=("date",)))
    put("2.2", "Báo cáo năm 2022.pdf", signed("BÁO CÁO", 112, day=dt.date(2022, 11, 5)))
    put("2.3", "Báo cáo xã khác.pdf", _other_commune(signers))
    put("9.9 Tài liệu khác", "ghi-chu.txt", "Thư mục không thuộc tiêu chí nào.".encode())
    (dossier / "ghi chú.txt").write_text("Tệp nằm ngoài thư mục tiêu chí.", encoding="utf-8")
    archive = out / "ho-so.zip"
    _zip(dossier, archive)
    trust = pki.write_trust(out / "trust")
    return {"dossier": dossier, "zip": archive, "trust": trust}


def _other_commune(signers: Signers) -> bytes:
    pdf = make_admin_pdf(
        parent_agency=PARENT,
        agency=OTHER,
        number="7/BC-UBND",
        place="Quảng Đông",
        date=dt.date(YEAR, 3, 2),
        doc_type="BÁO CÁO",
        subject="Kết quả chuyển đổi số xã Quảng Đông",
        signer_name="Trần Thị Mai",
    )
    return sign_pdf(pdf, signers.other)


def _tiny_jpeg() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


def _zip(folder: Path, target: Path) -> None:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            archive.write(path, path.relative_to(folder.parent).as_posix())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default=str(Path(__file__).parent / "build"))
    args = parser.parse_args(argv)
    paths = build(Path(args.out))
    at = VALIDATION_TIME.isoformat()
    print(f"Hồ sơ mẫu: {paths['dossier']}")
    print(f"Tệp nén:   {paths['zip']}")
    print(f"Tin cậy:   {paths['trust']}")
    print(
        f"Kiểm tra:  hoso check {paths['zip']} --trust {paths['trust']} --at {at} "
        "--report out.html --report out.json --report out.xlsx --render mau-02 -o mau-02.docx"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
