"""Cross-checks of the printed fields against the signatures."""

from __future__ import annotations

from datetime import UTC, date, datetime

from verify.crosscheck import agency_matches, cross_check
from verify.report import AdministrativeFields, SignatureReport, Signer

DECISION = AdministrativeFields(
    agency="ỦY BAN NHÂN DÂN XÃ TÂN THỊNH",
    parent_agency="UBND HUYỆN VĂN CHẤN",
    number="15/QĐ-UBND",
    type_code="QĐ",
    type="QUYẾT ĐỊNH",
    date=date(2024, 3, 12),
    signer_name="Hoàng Văn Minh",
)


def _signature(
    common_name: str | None = "UBND xã Tân Thịnh",
    organization: str | None = "Ủy ban nhân dân huyện Văn Chấn",
    signed: datetime | None = datetime(2024, 3, 12, 2, 0, tzinfo=UTC),
) -> SignatureReport:
    return SignatureReport(
        signer=Signer(common_name=common_name, organization=organization),
        signing_time=signed,
        signing_time_source="claimed",
    )


def _codes(fields: AdministrativeFields, *signatures: SignatureReport) -> list[str]:
    return [p.code for p in cross_check(fields, list(signatures))]


def test_consistent_document_has_no_problem() -> None:
    """Matching code, signing on the document's date, the agency's certificate: nothing to say."""
    assert cross_check(DECISION, [_signature()]) == []


def test_type_code_disagrees_with_type_name() -> None:
    """``15/KH-UBND`` on a QUYẾT ĐỊNH is reported, naming the code the type requires."""
    fields = DECISION.model_copy(update={"number": "15/KH-UBND", "type_code": "KH"})
    problems = cross_check(fields, [])
    assert [p.code for p in problems] == ["TYPE_CODE_MISMATCH"]
    assert problems[0].severity == "error"
    assert "“QĐ”" in problems[0].message


def test_type_code_without_its_stroke_is_accepted() -> None:
    """``QD`` typed for ``QĐ`` is the same code."""
    assert _codes(DECISION.model_copy(update={"type_code": "QD"})) == []


def test_letter_numbered_like_a_decision() -> None:
    """A công văn carries no type code; one that does is reported."""
    fields = DECISION.model_copy(update={"type": "CÔNG VĂN"})
    assert _codes(fields) == ["TYPE_CODE_MISMATCH"]


def test_signed_before_the_document_date() -> None:
    """A signature made the day before the printed date is reported, dates in Vietnamese form."""
    early = _signature(signed=datetime(2024, 3, 11, 9, 0, tzinfo=UTC))
    problems = cross_check(DECISION, [early])
    assert [p.code for p in problems] == ["SIGNED_BEFORE_DOCUMENT_DATE"]
    assert "11/03/2024" in problems[0].message and "12/03/2024" in problems[0].message


def test_signing_time_is_compared_in_vietnam_time() -> None:
    """17:30 UTC on the 11th is 00:30 on the 12th in Vietnam: the same day, no problem."""
    late_utc = _signature(signed=datetime(2024, 3, 11, 17, 30, tzinfo=UTC))
    assert _codes(DECISION, late_utc) == []


def test_certificate_of_another_agency() -> None:
    """A certificate issued to another commune does not vouch for this one's document."""
    other = _signature(common_name="UBND xã Đại Lịch", organization="UBND huyện Văn Chấn")
    problems = cross_check(DECISION, [other])
    assert [p.code for p in problems] == ["SIGNER_AGENCY_MISMATCH"]
    assert "UBND xã Đại Lịch" in problems[0].message


def test_personal_certificate_of_the_signer() -> None:
    """A personal certificate in the name printed under the signature is not a mismatch."""
    personal = _signature(common_name="Hoàng Văn Minh", organization=None)
    assert _codes(DECISION, personal) == []


def test_each_signature_is_checked() -> None:
    """Problems name the signature they concern."""
    problems = cross_check(
        DECISION, [_signature(), _signature(common_name="Công ty ABC", organization=None)]
    )
    assert [p.code for p in problems] == ["SIGNER_AGENCY_MISMATCH"]
    assert "chữ ký thứ 2" in problems[0].message


def test_nothing_to_compare() -> None:
    """Without a date, agency or signer names there is nothing to contradict."""
    bare = SignatureReport()
    assert cross_check(AdministrativeFields(), [bare]) == []


def test_agency_names_match_without_diacritics_and_abbreviations() -> None:
    """UBND = Ủy ban nhân dân; case, diacritics and the level word may differ; generic is not enough."""
    assert agency_matches("ỦY BAN NHÂN DÂN XÃ TÂN THỊNH", "UBND xã Tân Thịnh, huyện Văn Chấn")
    assert agency_matches("UY BAN NHAN DAN XA TAN THINH", "Ủy ban nhân dân xã Tân Thịnh")
    assert agency_matches("ỦY BAN NHÂN DÂN TỈNH YÊN BÁI", "UBND Yên Bái")
    assert agency_matches(
        "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Sở Thông tin và Truyền thông tỉnh Thanh Hóa"
    )
    assert agency_matches("SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Sở TT&TT Thanh Hóa")
    assert not agency_matches("ỦY BAN NHÂN DÂN XÃ TÂN THỊNH", "Ủy ban nhân dân")
    assert not agency_matches("ỦY BAN NHÂN DÂN XÃ TÂN THỊNH", "UBND xã Đại Lịch")
