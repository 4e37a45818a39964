"""Generate a sample dossier (hồ sơ) of a Thanh Hóa commune, signed with the test PKI.

Run from the repository root (the test PKI and PDF generator live in
``tests/support``, so the repository root must be on the path)::

    .venv/bin/python examples/dossier/make_sample.py examples/dossier/build

It writes ``build/ho-so/`` (assessment.json and one folder per criterion),
``build/ho-so.zip`` (the same, zipped with Vietnamese names) and
``build/trust/`` (the test root to pass with ``--trust``). Every document a
criterion needs (``hoso catalog show thanhhoa-2023-xa``) is filed, of the
right kind, issuer and period — 1.1 with a period plan of 2023 covering 2024,
1.2 with the Sở TT&TT's monthly report — except where one reason is built in:

====== ==================================================================
1.1    evidenced; beside its three documents a plan naming no period
       (``PERIOD_NOT_FOUND``), listed but not blocking
1.3    no folder at all (``NO_FOLDER``)
1.4    an empty folder (``EMPTY_FOLDER``)
1.5    only an unsigned PDF and a photo (``ONLY_UNSIGNED``)
1.6    signature invalid, one byte changed after signing
1.7    signed with a certificate nobody trusts (``SIGNATURE_UNTRUSTED``)
1.8    a Tờ trình where a Báo cáo is asked (``WRONG_DOCUMENT_TYPE``)
1.9    the Ban biên tập decision and the statistics, no Quy chế
       (``REQUIRED_DOCUMENT_MISSING``)
1.10   no number (``Số:``) on the plan (``NUMBER_MISSING``), and a .docx
2.1    no date on the plan (``DATE_MISSING``)
2.2    dated 2022, outside the assessment year (``DATE_OUTSIDE_YEAR``)
2.3    a report of another commune (``WRONG_ISSUER``)
3.1    a plan of the period 2016–2020 (``PERIOD_NOT_COVERING``)
3.5    no evidence; the commune explains, with a signed letter
       (``chờ thẩm định``)
3.6    no evidence; explained, the letter named is not in the dossier
       (``chờ thẩm định``, ``EXPLANATION_FILE_MISSING``)
4.2    the cấp độ decision dated 2025, after the year (``DATE_AFTER_YEAR``)
4.4    the commune's report signed with another commune's certificate
       (``SIGNER_NOT_ISSUER``)
4.8    not applicable: the commune has no postal point ("nếu có")
====== ==================================================================

plus a folder that matches no criterion and a stray file at the root.
Nothing generated is committed (``build/`` is ignored). README.md beside
this file shows the end-to-end run.
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

from criteria import load_catalog  # noqa: E402
from criteria.catalog import RequiredDocument  # noqa: E402
from criteria.document_kinds import KINDS  # noqa: E402
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
CATALOG = "thanhhoa-2023-xa"
UNIT = "ỦY BAN NHÂN DÂN XÃ QUẢNG TÂM"
PARENT = "UBND THÀNH PHỐ THANH HÓA"
OTHER = "ỦY BAN NHÂN DÂN XÃ QUẢNG ĐÔNG"
DEPARTMENT = "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
PROVINCE = "UBND TỈNH THANH HÓA"
YEAR = 2024

# What the verifier reads as a type; a list (DS) is filed as a report's annex.
FILED_AS = {"DS": "BÁO CÁO", "QC": "QUYẾT ĐỊNH"}
CODES = {name: code for code, name in KINDS.items()}
SUBJECTS = {
    "covering_period": "Chuyển đổi số xã Quảng Tâm giai đoạn 2023 - 2025",
    "covering_year": "Chuyển đổi số xã Quảng Tâm năm 2024",
    "covering": "Tuyên truyền, tập huấn kỹ năng số năm 2024",
}


@dataclass(frozen=True)
class Signers:
    """Who signs the sample's documents."""

    unit: Identity
    other: Identity
    department: Identity
    untrusted: Identity


def make_signers(pki: SamplePKI) -> Signers:
    """The commune's, another commune's and the Sở TT&TT's certificates; one trusted by nobody."""
    start = dt.datetime(2023, 1, 1, tzinfo=dt.UTC)
    end = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)

    def issued(cn: str, org: str) -> Identity:
        private = key()
        cert = issue(name(cn, org), private, pki.intermediate, not_before=start, not_after=end)
        return Identity(cert, private, [pki.intermediate.cert, pki.root.cert])

    return Signers(
        unit=issued(UNIT, PARENT),
        other=issued(OTHER, "UBND HUYỆN QUẢNG XƯƠNG"),
        department=issued(DEPARTMENT, PROVINCE),
        untrusted=pki.self_signed,
    )


def document(
    doc_type: str,
    serial: int,
    *,
    subject: str = "Kết quả thực hiện tiêu chí chuyển đổi số năm 2024",
    day: dt.date | None = None,
    agency: str = UNIT,
    parent: str = PARENT,
    omit: tuple[str, ...] = (),
) -> bytes:
    """An administrative PDF numbered ``serial`` (of the commune unless told otherwise)."""
    code = CODES.get(doc_type)
    issuer_code = "STTTT" if agency == DEPARTMENT else "UBND"
    number = f"{serial}/{issuer_code}-VP" if code == "CV" else f"{serial}/{code}-{issuer_code}"
    return make_admin_pdf(
        parent_agency=parent,
        agency=agency,
        number=number,
        place="Thanh Hóa" if agency == DEPARTMENT else "Quảng Tâm",
        date=day or dt.date(YEAR, 3, 1 + serial % 10),
        doc_type=doc_type,
        subject=subject,
        signer_name="Lê Văn Hòa",
        omit=omit,
    )


def assessment() -> dict[str, Any]:
    """The commune's self-assessment: every criterion met, 3.5 and 3.6 explained, 4.8 left out."""
    data: dict[str, Any] = json.loads(ASSESSMENT.read_text(encoding="utf-8"))
    data["criteria"]["3.12"] = {"a": 30, "b": 40, "target": 60}
    data["criteria"]["4.8"] = {"not_applicable": True}
    data["criteria"]["3.5"]["explanation"] = {
        "text": "Trạm y tế chưa xuất được báo cáo từ hệ thống; số liệu lấy từ sổ theo dõi "
        "của trạm, xã chịu trách nhiệm về số liệu.",
        "file": "3.5/Giải trình số liệu.pdf",
    }
    data["criteria"]["3.6"]["explanation"] = {
        "text": "Số liệu do Trạm y tế xã cung cấp, chưa có văn bản của Sở Y tế.",
        "file": "Giải trình 3.6.pdf",
    }
    return data


SIGNED_CASES: list[tuple[str, str, str, int, str, dict[str, Any]]] = [
    # folder, file, type, number, signer (Signers field), other fields of the document
    ("1.1. Minh chứng", "Kế hoạch chưa rõ giai đoạn.pdf", "KẾ HOẠCH", 99, "unit",
     {"subject": "Chuyển đổi số", "day": dt.date(2022, 2, 1)}),
    ("1.7 - Tiếp nhận phản ánh", "Báo cáo.pdf", "BÁO CÁO", 107, "untrusted", {}),
    ("1.8", "Tờ trình.pdf", "TỜ TRÌNH", 108, "unit", {}),
    ("1.9", "Quyết định Ban biên tập.pdf", "QUYẾT ĐỊNH", 109, "unit",
     {"subject": "Về việc thành lập Ban biên tập Trang thông tin điện tử xã",
      "day": dt.date(2021, 4, 2)}),
    ("1.9", "Thống kê tin bài.pdf", "BÁO CÁO", 119, "unit",
     {"subject": "Thống kê tin, bài năm 2024"}),
    ("1.10", "Kế hoạch không số.pdf", "KẾ HOẠCH", 110, "unit",
     {"subject": SUBJECTS["covering"], "omit": ("number",)}),
    ("2.1", "Kế hoạch không ngày.pdf", "KẾ HOẠCH", 111, "unit",
     {"subject": SUBJECTS["covering"], "omit": ("date",)}),
    ("2.1", "Công văn triệu tập.pdf", "CÔNG VĂN", 121, "unit",
     {"subject": "Triệu tập tập huấn kỹ năng số"}),
    ("2.2", "Báo cáo năm 2022.pdf", "BÁO CÁO", 112, "unit", {"day": dt.date(2022, 11, 5)}),
    ("3.1", "Kế hoạch giai đoạn cũ.pdf", "KẾ HOẠCH", 113, "unit",
     {"subject": "Tuyên truyền kỹ năng số giai đoạn 2016 - 2020", "day": dt.date(2016, 3, 1)}),
    ("3.5", "Giải trình số liệu.pdf", "CÔNG VĂN", 114, "unit",
     {"subject": "Giải trình số liệu tiêu chí 3.5"}),
    ("4.2", "Quyết định cấp độ 2025.pdf", "QUYẾT ĐỊNH", 115, "unit",
     {"subject": "Phê duyệt cấp độ an toàn hệ thống thông tin", "day": dt.date(2025, 1, 10)}),
    ("4.2", "Báo cáo thực hiện phương án.pdf", "BÁO CÁO", 116, "unit", {}),
    ("4.4", "Báo cáo ký nhầm chứng thư.pdf", "BÁO CÁO", 117, "other", {}),
]  # fmt: skip
"""The signed documents built to fail (or to stand beside the evidence) for one reason each."""


def filed_for(required: RequiredDocument, serial: int, signers: Signers) -> tuple[str, bytes]:
    """(file name, signed PDF) of a document that satisfies ``required``."""
    kind = required.kinds[0] if required.kinds else "BC"
    doc_type = FILED_AS.get(kind, KINDS[kind])
    subject = SUBJECTS.get(required.period, "Kết quả thực hiện tiêu chí chuyển đổi số năm 2024")
    if kind == "QC":
        subject = "Ban hành Quy chế hoạt động của Ban biên tập Trang thông tin điện tử xã"
    day = {"covering_period": dt.date(2023, 5, 2), "any_date": dt.date(2022, 8, 15)}.get(
        required.period
    )
    if required.issuer == "body":
        pdf = document(doc_type, serial, subject=subject, agency=DEPARTMENT, parent=PROVINCE)
        return f"{doc_type.title()} Sở TT&TT {serial}.pdf", sign_pdf(pdf, signers.department)
    pdf = document(doc_type, serial, subject=subject, day=day)
    return f"{doc_type.title()} {serial}.pdf", sign_pdf(pdf, signers.unit)


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

    def signed(kind: str, serial: int, who: Identity, **kw: Any) -> bytes:
        return sign_pdf(document(kind, serial, **kw), who)

    built = {"1.3", "1.4", "1.5", "1.6", "1.7", "1.8", "1.9", "1.10", "2.1", "2.2", "2.3"}
    built |= {"3.1", "3.5", "3.6", "4.2", "4.4", "4.8"}
    catalog = load_catalog(CATALOG)
    serial = 10
    for criterion in catalog.criteria:
        if criterion.id in built:
            continue
        for required in criterion.documents:
            serial += 1
            name, content = filed_for(required, serial, signers)
            put(f"{criterion.id}. Minh chứng", name, content)
    for folder, name, kind, serial, who, fields in SIGNED_CASES:
        put(folder, name, signed(kind, serial, getattr(signers, who), **fields))
    put("1.2. Minh chứng", "anh-chup-he-thong.jpg", _tiny_jpeg())
    (dossier / "1.4").mkdir()
    put("1.5", "Báo cáo chưa ký.pdf", document("BÁO CÁO", 105))
    put("1.5", "ảnh hội nghị.jpg", _tiny_jpeg())
    put("1.6", "Báo cáo bị sửa.pdf", change_one_byte(signed("BÁO CÁO", 106, signers.unit)))
    put("1.10", "Danh sách.docx", b"PK\x03\x04 not really a docx")
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
