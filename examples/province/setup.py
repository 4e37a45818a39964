"""Set up a small Thanh Hóa province in this service, to click through the appraisal chain.

One huyện (Quảng Xương), three communes, a key for every actor of the chain,
and three dossiers of 2024 at different points of their way — with dates,
so the deadline of 15/11 shows:

============ ============================================================
Quảng Nhân   nộp 08/11/2024; huyện thẩm định Đạt (Mẫu 02), Thành viên BCĐ
             cho ý kiến (Mẫu 03); **chờ Sở TT&TT thẩm tra** (Mẫu 04)
Quảng Hòa    nộp 12/11/2024, tiêu chí 1.6 có tệp bị sửa sau khi ký; huyện
             yêu cầu bổ sung 1.6: **trả lại, chờ xã nộp lại** (tệp bổ sung:
             ``build/Quảng Hòa - bổ sung.zip``)
Quảng Định   nộp 22/11/2024, **sau hạn** (đánh dấu, không từ chối); huyện
             đã quyết định 12 tiêu chí, **chờ huyện** thẩm định tiếp
============ ============================================================

Run it from the repository root after ``make run`` has started once (same
``HOSO_DATA_DIR``/``HOSO_DATABASE_URL`` as the server; the database may be in
use)::

    .venv/bin/python examples/province/setup.py

It writes every key to ``examples/province/build/keys.txt`` (shown once,
only hashes are stored) and prints them. The evidence is signed with a test
PKI and checked here, as of 01/06/2024, against the test root written to
``build/trust``; to let the service check the supplemented ZIP the commune
uploads the same way, start it with ``HOSO_TRUST=examples/province/build/trust
HOSO_VALIDATION_TIME=2024-06-01T08:00:00+07:00 make run``.
Then open http://127.0.0.1:8000/tham-dinh/ and sign in with a key.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import sys
import uuid
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from api import appraisal_actions as actions  # noqa: E402
from api.appraisal_store import load  # noqa: E402
from api.blobs import BlobStore  # noqa: E402
from api.db import Database, upgrade_to_head  # noqa: E402
from api.db.models import ApiKey, DossierJob  # noqa: E402
from api.key_actors import ActorBinding, actor_of  # noqa: E402
from api.keys import create_key  # noqa: E402
from api.policies import request_policy  # noqa: E402
from api.settings import Settings, get_settings  # noqa: E402
from api.uploads import ensure_blob_row  # noqa: E402
from criteria import load_catalog  # noqa: E402
from criteria.deadlines import VIETNAM  # noqa: E402
from criteria.document_kinds import KINDS  # noqa: E402
from tests.support.admin_pdf import make_admin_pdf  # noqa: E402
from tests.support.pki import VALIDATION_TIME, Identity, build_pki, issue, key, name  # noqa: E402
from tests.support.signing import sign_pdf  # noqa: E402
from tests.support.tamper import change_one_byte  # noqa: E402
from verify import VerifyOptions  # noqa: E402
from verify.dossier import DossierOptions, check_dossier  # noqa: E402

BUILD = Path(__file__).resolve().parent / "build"
EXAMPLE = ROOT / "examples" / "assessments" / "thanhhoa-xa-khong-ap-dung-4.8-dat.json"
PROVINCE = "Thanh Hóa"
DISTRICT = "Ủy ban nhân dân huyện Quảng Xương"
DEPARTMENT = "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
COMMUNES = ("Quảng Nhân", "Quảng Hòa", "Quảng Định")
LABEL = "ví dụ tỉnh"
FILED_AS = {"DS": "BÁO CÁO", "QC": "QUYẾT ĐỊNH"}
SUBJECTS = {
    "covering_period": "Chuyển đổi số giai đoạn 2023 - 2025",
    "covering_year": "Chuyển đổi số năm 2024",
    "covering": "Tuyên truyền, tập huấn kỹ năng số năm 2024",
}


def at(day: int, month: int = 11, hour: int = 9) -> dt.datetime:
    return dt.datetime(2024, month, day, hour, 0, tzinfo=VIETNAM)


def commune_name(place: str) -> str:
    return f"Ủy ban nhân dân xã {place}"


def assessment(place: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["unit"] = {
        "name": commune_name(place),
        "parent": DISTRICT,
        "level": "xa",
        "area_type": "xa",
        "province": PROVINCE,
        "place": place,
    }
    return data


def signer(pki: Any, cn: str, org: str) -> Identity:
    private = key()
    cert = issue(
        name(cn, org),
        private,
        pki.intermediate,
        not_before=dt.datetime(2023, 1, 1, tzinfo=dt.UTC),
        not_after=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    )
    return Identity(cert, private, [pki.intermediate.cert, pki.root.cert])


def dossier_zip(place: str, pki: Any, department: Identity, broken: set[str]) -> bytes:
    """The commune's dossier: assessment.json and every document its criteria need, signed."""
    data = assessment(place)
    agency = commune_name(place).upper()
    own = signer(pki, agency, DISTRICT.upper())
    catalog = load_catalog(data["catalog"])
    buffer = io.BytesIO()
    serial = 10
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("ho-so/assessment.json", json.dumps(data, ensure_ascii=False, indent=2))
        for criterion in catalog.criteria:
            if data["criteria"].get(criterion.id, {}).get("not_applicable"):
                continue
            for required in criterion.documents:
                serial += 1
                kind = required.kinds[0] if required.kinds else "BC"
                doc_type = FILED_AS.get(kind, KINDS[kind])
                body = required.issuer == "body"
                day = {"covering_period": dt.date(2023, 5, 2), "any_date": dt.date(2022, 8, 15)}
                pdf = make_admin_pdf(
                    parent_agency=f"UBND TỈNH {PROVINCE.upper()}" if body else DISTRICT.upper(),
                    agency=DEPARTMENT if body else agency,
                    number=f"{serial}/{'STTTT' if body else 'UBND'}-VP"
                    if kind == "CV"
                    else f"{serial}/{kind}-{'STTTT' if body else 'UBND'}",
                    place=PROVINCE if body else place,
                    date=day.get(required.period, dt.date(2024, 3, 1 + serial % 20)),
                    doc_type=doc_type,
                    subject=SUBJECTS.get(required.period, "Kết quả chuyển đổi số năm 2024"),
                    signer_name="Lê Văn Hòa",
                    recipients="Phòng Văn hóa và Thông tin huyện Quảng Xương",
                )
                signed = sign_pdf(pdf, department if body else own)
                if criterion.id in broken:
                    signed = change_one_byte(signed)
                folder = f"ho-so/{criterion.id}. Minh chứng"
                archive.writestr(f"{folder}/{doc_type.title()} {serial}.pdf", signed)
    return buffer.getvalue()


def checked_job(
    session: Session, settings: Settings, blobs: BlobStore, owner: ApiKey, zip_bytes: bytes,
    file_name: str, trust: Path,
) -> DossierJob:  # fmt: skip
    """Check the ZIP here (test trust, as of 01/06/2024) and keep it as a finished dossier job."""
    path = BUILD / file_name
    path.write_bytes(zip_bytes)
    options = DossierOptions(
        verify=VerifyOptions(trust=(trust,), validation_time=VALIDATION_TIME), workers=2
    )
    result = check_dossier(path, options)
    blob = blobs.store_bytes(zip_bytes, "application/zip")
    ensure_blob_row(session, blob)
    files = result.stats.pdfs
    job = DossierJob(
        id=str(uuid.uuid4()),
        owner_key_id=owner.id,
        blob_sha256=blob.sha256,
        file_name=file_name,
        state="done",
        progress_done=files,
        progress_total=files,
        attempts=1,
        policy_version=request_policy(settings, None).cache_key,
        trust_fingerprint=result.trust_fingerprint,
        result=result.model_dump(mode="json"),
        finished_at=dt.datetime.now(dt.UTC),
    )
    session.add(job)
    session.flush()
    return job


ACTORS: list[tuple[str, str, dict[str, Any]]] = [
    *[
        (f"xã {p}", "submitter", {"kind": "xa", "unit": commune_name(p), "parent": DISTRICT,
                                  "person": f"Chủ tịch UBND xã {p}"})
        for p in COMMUNES
    ],
    ("huyện Quảng Xương", "reviewer", {"kind": "huyen", "unit": DISTRICT,
                                       "person": "Trưởng phòng Văn hóa và Thông tin"}),
    ("Thành viên BCĐ tỉnh", "reviewer", {"kind": "bcd",
                                        "unit": "Sở Nông nghiệp và Phát triển nông thôn",
                                        "areas": ["huyện Quảng Xương"],
                                        "person": "Giám đốc Sở Nông nghiệp và PTNT"}),
    ("Sở TT&TT", "reviewer", {"kind": "so_tttt", "unit": "Sở Thông tin và Truyền thông",
                             "person": "Phòng Bưu chính, Viễn thông và CNTT"}),
    ("UBND tỉnh", "reviewer", {"kind": "ubnd_tinh", "unit": "Ủy ban nhân dân tỉnh Thanh Hóa",
                              "person": "Văn phòng UBND tỉnh"}),
]  # fmt: skip


def decide_as_advised(
    session: Session, who: ApiKey, dossier_id: str, stage: str, when: dt.datetime,
    only: int | None = None, ask: dict[str, str] | None = None,
) -> None:  # fmt: skip
    """The appraiser follows the check (Đạt where it says Đạt), asking for ``ask``."""
    loaded = load(session, dossier_id)
    actor = actor_of(who)
    assert actor is not None
    stage_def = loaded.chain.stage(stage)
    assert stage_def is not None
    for index, criterion in enumerate(loaded.flow.missing(stage_def, actor)):
        if only is not None and index >= only:
            break
        moment = when + dt.timedelta(minutes=3 * index)
        if criterion in (ask or {}):
            verdict, reason = "yeu_cau_bo_sung", (ask or {})[criterion]
        elif loaded.flow.facts.advice(criterion) == "dat":
            verdict, reason = "dat", ""
        else:
            verdict, reason = "khong_dat", "Chưa có minh chứng hợp lệ."
        actions.decide(session, who, actor, loaded, stage, criterion, verdict, reason, moment)
    session.commit()


def conclude(session: Session, who: ApiKey, dossier_id: str, stage: str, when: dt.datetime) -> None:
    actor = actor_of(who)
    assert actor is not None
    actions.conclude(session, who, actor, load(session, dossier_id), stage, when)
    session.commit()


def main(argv: list[str] | None = None) -> int:
    global BUILD
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--build", type=Path, default=BUILD, help="where the keys, ZIPs and trust are written"
    )
    BUILD = parser.parse_args(argv).build
    settings = get_settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    db = Database(settings.effective_database_url, pool_size=2)
    upgrade_to_head(db)
    blobs = BlobStore(settings.blob_dir)
    BUILD.mkdir(parents=True, exist_ok=True)
    with db.session() as session:
        if session.scalars(select(ApiKey).where(ApiKey.label.startswith(LABEL))).first():
            print(
                "Cơ sở dữ liệu này đã có tỉnh ví dụ. Muốn tạo lại: dừng máy chủ, xóa thư mục "
                f"{settings.data_dir} (hoặc đặt HOSO_DATA_DIR khác) rồi chạy lại."
            )
            return 2
    print("Đang tạo chứng thư thử nghiệm, ký và kiểm tra hồ sơ của ba xã (khoảng một phút)…")
    pki = build_pki()
    trust = pki.write_trust(BUILD / "trust")
    department = signer(pki, DEPARTMENT, f"UBND TỈNH {PROVINCE.upper()}")
    lines = []
    with db.session() as session:
        keys: dict[str, ApiKey] = {}
        for label, role, actor in ACTORS:
            made = create_key(
                session, role, f"{LABEL}: {label}", ActorBinding(province=PROVINCE, **actor)
            )
            keys[label] = session.get(ApiKey, made.id)  # type: ignore[assignment]
            lines.append(f"{label:<22} {role:<10} {made.secret}")
        session.commit()

        def submitted(place: str, broken: set[str], when: dt.datetime) -> str:
            owner = keys[f"xã {place}"]
            zip_bytes = dossier_zip(place, pki, department, broken)
            job = checked_job(session, settings, blobs, owner, zip_bytes, f"{place}.zip", trust)
            actor = actor_of(owner)
            assert actor is not None
            loaded = actions.submit(session, owner, actor, job, when)
            session.commit()
            return loaded.row.id

        nhan = submitted("Quảng Nhân", set(), at(8))
        decide_as_advised(session, keys["huyện Quảng Xương"], nhan, "huyen", at(15))
        conclude(session, keys["huyện Quảng Xương"], nhan, "huyen", at(18))
        decide_as_advised(session, keys["Thành viên BCĐ tỉnh"], nhan, "bcd", at(22))
        conclude(session, keys["Thành viên BCĐ tỉnh"], nhan, "bcd", at(25))

        hoa = submitted("Quảng Hòa", {"1.6"}, at(12))
        ask = {"1.6": "Báo cáo tỷ lệ hồ sơ TTHC trực tuyến bị sửa sau khi ký: nộp lại bản ký số."}
        decide_as_advised(session, keys["huyện Quảng Xương"], hoa, "huyen", at(19), ask=ask)
        conclude(session, keys["huyện Quảng Xương"], hoa, "huyen", at(20))
        supplement = dossier_zip("Quảng Hòa", pki, department, set())
        (BUILD / "Quảng Hòa - bổ sung.zip").write_bytes(supplement)

        dinh = submitted("Quảng Định", set(), at(22))
        decide_as_advised(session, keys["huyện Quảng Xương"], dinh, "huyen", at(26), only=12)
    db.dispose()
    (BUILD / "keys.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"\nKhóa của từng người (đã ghi vào {BUILD / 'keys.txt'}):")
    print("\n".join(lines))
    print("\nMở http://127.0.0.1:8000/tham-dinh/ và đăng nhập bằng một khóa ở trên.")
    print(
        "Xã Quảng Hòa nộp lại tệp build/Quảng Hòa - bổ sung.zip; để máy chủ kiểm tra được chữ ký "
        "của tệp đó như các hồ sơ mẫu, chạy máy chủ với HOSO_TRUST=examples/province/build/trust "
        "HOSO_VALIDATION_TIME=2024-06-01T08:00:00+07:00 (chứng thư thử nghiệm năm 2024)."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
