"""Who issued a filed document, and whether that is who the criterion asks for.

The issuer is the agency printed in the document's header (``fields.agency``;
``fields.parent_agency`` is the line above it, the agency it belongs to). A
body of the unit — its Ban Chỉ đạo, its Câu lạc bộ — prints the unit as its
parent line, and its documents count as the unit's. The signature must back
the header: a passing signature's certificate names the issuer, the unit or
its parent, or is a personal certificate without an organisation (the
verifier already compares the header with the certificate).

Names are compared folded (no case, no diacritics), abbreviations expanded
(``UBND`` = ``Ủy ban nhân dân``, ``TT&TT`` = ``Thông tin và Truyền thông``);
one name may contain the other (``UBND xã Tân Thịnh, huyện Văn Chấn``), but
a generic name alone (``Ủy ban nhân dân``) never matches a particular one.
"""

from __future__ import annotations

import re

from criteria.assessment import Unit
from criteria.catalog import RequiredDocument
from criteria.document_kinds import fold
from criteria.filed import DocumentReport

_ABBREVIATIONS = {
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "ubmttq": "uy ban mat tran to quoc",
    "tt&tt": "thong tin va truyen thong",
    "tttt": "thong tin va truyen thong",
    "stttt": "so thong tin va truyen thong",
    "tp": "thanh pho",
    "tx": "thi xa",
    "tt": "thi tran",
    "vp": "van phong",
    "bcd": "ban chi dao",
    "bhxh": "bao hiem xa hoi",
    "nhnn": "ngan hang nha nuoc",
}

_GENERIC = frozenset(
    [
        "uy",
        "ban",
        "nhan",
        "dan",
        "hoi",
        "dong",
        "xa",
        "phuong",
        "thi",
        "tran",
        "huyen",
        "quan",
        "tinh",
        "thanh",
        "pho",
        "so",
        "phong",
        "van",
        "truong",
        "trung",
        "tam",
        "chi",
        "cuc",
        "cong",
        "an",
    ]
)
"""Words every agency of a kind shares: a match must also share a word outside these."""

STATE_HEADS = (
    "uy ban nhan dan",
    "hoi dong nhan dan",
    "so ",
    "bo ",
    "cuc ",
    "chi cuc",
    "tong cuc",
    "ban ",
    "phong ",
    "van phong",
    "trung tam",
    "cong an",
    "ngan hang nha nuoc",
    "bao hiem xa hoi",
    "kho bac",
    "thanh tra",
    "vien ",
    "tram y te",
    "benh vien",
    "truong ",
    "dang uy",
    "uy ban mat tran",
)
"""How the name of a state agency (cơ quan nhà nước) begins, folded and expanded."""


def normalise(name: str) -> str:
    """``UBND xã Tân Thịnh`` → ``uy ban nhan dan xa tan thinh``."""
    words = re.findall(r"[a-z0-9&]+", fold(name))
    return " ".join(_ABBREVIATIONS.get(w, w) for w in words)


def same_body(name: str | None, known: str | None) -> bool:
    """Whether ``name`` (read from a document or a certificate) names the agency ``known``."""
    if not name or not known:
        return False
    a, b = normalise(name), normalise(known)
    if not a or not b:
        return False
    if a == b:
        return True
    longer, shorter = (a, b) if len(a) >= len(b) else (b, a)
    if f" {shorter} " not in f" {longer} ":
        return False
    return any(word not in _GENERIC for word in shorter.split())


def is_state_agency(name: str | None) -> bool:
    """``Sở Y tế``, ``UBND xã …``, ``Công an tỉnh``: a name that begins like a state agency's."""
    if not name:
        return False
    text = normalise(name) + " "
    return text.startswith(STATE_HEADS)


_LOCAL_GOVERNMENT = re.compile(
    r"^(uy ban nhan dan|hoi dong nhan dan) (xa|phuong|thi tran|huyen|quan|thi xa|thanh pho)\b"
)


def competent_for(report: DocumentReport, unit: Unit) -> bool:
    """A state agency with authority over the unit's figures.

    Thanh Hóa accepts documents "do cơ quan nhà nước có thẩm quyền ban hành":
    the unit itself, its parent, the province and its departments, the police,
    the State Bank branch… but not another commune's or district's government,
    which has no say over this unit (its report is about itself).
    """
    names = issuers(report)
    if any(same_body(n, u) for n in names for u in (unit.name, unit.parent)):
        return True
    agency = next((n for n in names if n), None)
    if not is_state_agency(agency):
        return False
    return _LOCAL_GOVERNMENT.match(normalise(agency or "")) is None


def allowed_names(required: RequiredDocument, unit: Unit) -> list[str]:
    """The agencies whose documents satisfy ``required`` (empty for "any state agency")."""
    if required.issuer == "unit":
        return [unit.name]
    if required.issuer == "parent":
        return [unit.parent] if unit.parent else []
    if required.issuer == "unit_or_parent":
        return [n for n in (unit.name, unit.parent) if n]
    if required.issuer == "body":
        return list(required.bodies)
    return []


def issuers(report: DocumentReport) -> list[str | None]:
    """The names that stand for the document's issuer.

    The agency in the header; its parent line too when the agency is a body
    *of* that parent (its Ban Chỉ đạo, a Phòng, a Câu lạc bộ) — but never when
    the agency is a local government of its own: a commune's parent line names
    its district, and that does not make the commune's report the district's.
    Without a header, the certificates' organisations are all there is.
    """
    fields = report.fields
    if not fields.agency:
        return [s.signer.organization for s in report.passing]
    if _LOCAL_GOVERNMENT.match(normalise(fields.agency)):
        return [fields.agency]
    return [fields.agency, fields.parent_agency]


def issued_by(report: DocumentReport, names: list[str]) -> bool:
    """The document was issued by one of ``names`` or by a body belonging to one of them."""
    return any(same_body(c, n) for c in issuers(report) for n in names)


def outside_province(report: DocumentReport, unit: Unit) -> bool:
    """A provincial body of another province (``Sở TT&TT`` of the wrong ``tỉnh``)."""
    if not unit.province:
        return False
    text = normalise(" ".join(n for n in (report.fields.parent_agency, report.fields.agency) if n))
    return " tinh " in f" {text} " and normalise(unit.province) not in text


def issuer_problem(report: DocumentReport, required: RequiredDocument, unit: Unit) -> str | None:
    """Why the document's issuer is not the one ``required`` asks for; None when it is."""
    agency = report.fields.agency
    shown = agency or "không rõ cơ quan ban hành"
    if required.issuer == "state_agency":
        if competent_for(report, unit):
            return None
        return (
            f"văn bản do {shown} ban hành, không phải cơ quan nhà nước có thẩm quyền đối với "
            f"{unit.name}"
        )
    names = allowed_names(required, unit)
    if not names:
        return (
            "không biết cơ quan cấp trên của đơn vị để đối chiếu: "
            'ghi "unit.parent" trong assessment.json'
        )
    if issued_by(report, names) and not (
        required.issuer == "body" and outside_province(report, unit)
    ):
        return None
    return f"văn bản do {shown} ban hành, tiêu chí cần văn bản {issuer_text(required, unit)}"


def issuer_text(required: RequiredDocument, unit: Unit) -> str:
    """``của Ủy ban nhân dân xã Tân Thịnh``: who may issue the document, for a sentence."""
    if required.issuer == "state_agency":
        return "của cơ quan nhà nước có thẩm quyền"
    names = allowed_names(required, unit)
    if not names:
        return "của cơ quan cấp trên của đơn vị"
    return "của " + " hoặc ".join(names)


def signer_problem(report: DocumentReport, unit: Unit) -> str | None:
    """The header names one agency, the signatures another: who signed is not the issuer."""
    passing = report.passing
    agency = report.fields.agency
    if not passing or not agency or all(not s.signer.organization for s in passing):
        return None
    backed = [agency, report.fields.parent_agency, unit.name, unit.parent]
    for signature in passing:
        for name in (signature.signer.organization, signature.signer.common_name):
            if any(same_body(name, known) for known in backed):
                return None
    first = passing[0].signer
    who = first.organization or first.common_name or "không rõ"
    return f"văn bản ghi cơ quan ban hành {agency} nhưng được ký bằng chứng thư số của {who}"
