"""One row per check of a signature, each with its own state — as DSS lists them.

A reviewer must never read "không kiểm tra được thu hồi" under a green
"hợp lệ" in the same style: integrity, coverage, changes after signing,
the chain, revocation, algorithms and the signing time each get a state
(passed, info, warning, unknown, failed, not checked) and a sentence. The
state comes from the findings (their topic, and the level the policy gives
their check), or, when a check found nothing, from what the report knows.
"""

from __future__ import annotations

from verify.labels import CHECK_LABELS, COVERAGE_LABELS
from verify.outcome import Finding
from verify.policy import Policy
from verify.report import CheckName, CheckOutcome, CheckState, SignatureReport
from verify.vntime import shown

ORDER: tuple[CheckName, ...] = (
    "integrity",
    "coverage",
    "changes",
    "chain",
    "revocation",
    "algorithms",
    "time",
)

TOPIC_OF_CHECK: dict[str, CheckName] = {
    "algorithms": "algorithms",
    "legacy_algorithms": "algorithms",
    "trusted_chain": "chain",
    "certificate_validity": "chain",
    "key_usage": "chain",
    "revocation_data": "revocation",
    "claimed_time": "time",
}
TOPIC_OF_SUB: dict[str, CheckName] = {
    "HASH_FAILURE": "integrity",
    "SIG_CRYPTO_FAILURE": "integrity",
    "FORMAT_FAILURE": "integrity",
    "REVOKED": "revocation",
    "TRY_LATER": "revocation",
    "CRYPTO_CONSTRAINTS_FAILURE": "algorithms",
    "NO_POE": "time",
    "GENERIC": "time",
}
"""Anything else (missing chain, expiry, key usage, no certificate) is about the chain."""

RANK: dict[CheckState, int] = {
    "passed": 0,
    "not_checked": 1,
    "info": 2,
    "warning": 3,
    "unknown": 4,
    "failed": 5,
}


def topic_of(finding: Finding) -> CheckName:
    if finding.topic is not None:
        return finding.topic  # type: ignore[return-value]
    if finding.check in TOPIC_OF_CHECK:
        return TOPIC_OF_CHECK[finding.check]
    return TOPIC_OF_SUB.get(finding.sub_indication or "", "chain")


def _state_of(finding: Finding, policy: Policy) -> CheckState:
    level = policy.level(finding.check)
    if level == "WARN":
        return "warning"
    if level == "INFORM":
        return "info"
    return "failed" if finding.indication == "TOTAL_FAILED" else "unknown"


def _passed_text(name: CheckName, report: SignatureReport) -> tuple[CheckState, str]:
    """The state and sentence of a check that produced no finding."""
    revision = (
        f" (phiên bản {report.signed_revision}/{report.revisions} của tệp)"
        if report.signed_revision and report.revisions
        else ""
    )
    if name == "integrity":
        if not report.intact:
            return "not_checked", "Không kiểm tra được (chữ ký không đọc được)."
        return "passed", "Nội dung được ký còn nguyên: giá trị băm và giá trị chữ ký khớp."
    if name == "coverage":
        if report.coverage == "unclear":
            return "not_checked", "Không xác định được phạm vi ký."
        if report.coverage == "entire_revision":
            return "passed", (
                f"Chữ ký bao phủ toàn bộ tệp lúc ký{revision}; các phần thêm sau đó được xét ở "
                "dòng “Thay đổi sau khi ký”."
            )
        return "passed", f"Chữ ký bao phủ {COVERAGE_LABELS[report.coverage]}{revision}."
    if name == "changes":
        if report.modified_after == "signatures_or_validation_data":
            return "passed", "Sau khi ký chỉ thêm chữ ký hoặc dữ liệu xác thực (được phép)."
        return "passed", "Không có thay đổi nào sau khi ký."
    if name == "chain":
        if report.trusted and report.chain:
            return "passed", "Tin cậy: " + " → ".join(report.chain) + "."
        return "not_checked", "Chưa kiểm tra được chuỗi chứng thư."
    if name == "revocation":
        if report.revocation == "good":
            return "passed", "Chứng thư chưa bị thu hồi tại thời điểm ký."
        if report.revocation == "revoked":
            return "failed", "Chứng thư ĐÃ BỊ THU HỒI trước thời điểm ký."
        if report.trusted:
            return "unknown", (
                "Không kiểm tra được: chứng thư không khai báo nơi tra cứu thu hồi "
                "(CRL/OCSP) và tệp không kèm dữ liệu thu hồi."
            )
        return "not_checked", "Chưa kiểm tra (chưa dựng được chuỗi chứng thư)."
    if name == "algorithms":
        used = ", ".join(x for x in (report.digest_algorithm, report.key) if x)
        if not used:
            return "not_checked", "Không đọc được thuật toán của chữ ký."
        return "passed", f"{used}: đạt mức tối thiểu của chính sách."
    return _time_text(report)


def _time_text(report: SignatureReport) -> tuple[CheckState, str]:
    if report.claimed_time_placeholder:
        return "unknown", "Không rõ: thời điểm ghi trong tệp là giá trị mặc định của phần mềm ký."
    if report.signing_time is None:
        return "unknown", "Không rõ: tệp không ghi thời điểm ký và không có dấu thời gian."
    if report.signing_time_source == "timestamp":
        return "passed", f"{shown(report.signing_time)}, chứng minh bằng dấu thời gian."
    return "info", (
        f"{shown(report.signing_time)}, chỉ do người ký khai (đồng hồ máy ký), "
        "không có dấu thời gian."
    )


def check_rows(
    report: SignatureReport,
    findings: list[Finding],
    policy: Policy,
    direct_warnings: dict[CheckName, list[str]],
) -> list[CheckOutcome]:
    """One outcome per check, in ``ORDER``; ``findings`` before the policy's levels."""
    worst: dict[CheckName, CheckState] = {}
    texts: dict[CheckName, list[str]] = {}
    for finding in findings:
        name = topic_of(finding)
        state = _state_of(finding, policy)
        if RANK[state] >= RANK.get(worst.get(name, "passed"), 0):
            worst[name] = state
        texts.setdefault(name, []).append(finding.message)
    for name, messages in direct_warnings.items():
        if messages:
            known: CheckState = worst.get(name, "warning")
            worst[name] = known if RANK[known] > RANK["warning"] else "warning"
            texts.setdefault(name, []).extend(messages)
    rows = []
    for name in ORDER:
        base_state, base_text = _passed_text(name, report)
        found_state = worst.get(name)
        if found_state is None:
            rows.append(
                CheckOutcome(name=name, label=CHECK_LABELS[name], state=base_state, text=base_text)
            )
            continue
        found = list(dict.fromkeys(texts[name]))
        if found_state in ("info", "warning") and base_state == "passed":
            found.insert(0, base_text)
        rows.append(
            CheckOutcome(
                name=name, label=CHECK_LABELS[name], state=found_state, text=" ".join(found)
            )
        )
    return rows
