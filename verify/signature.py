"""One signature, every check run, in the order of ETSI EN 319 102-1.

Nothing short-circuits except what makes later checks meaningless (no
``/Contents``, a CMS that does not parse): a reviewer sees at once that a
signature is both untrusted and modified after signing.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from asn1crypto import crl, ocsp, x509
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import MDPPerm
from pyhanko.sign.general import byte_range_digest
from pyhanko.sign.validation.generic_cms import extract_tst_data_iter

from verify import messages
from verify.byterange import check_byte_range
from verify.certuse import signing_usage_allowed
from verify.chain import build_context, validate_chain, validity_finding
from verify.changes import analyse_changes
from verify.discovery import FoundSignature
from verify.integrity import check_integrity
from verify.options import VerifyOptions
from verify.outcome import Finding, combine, failed, indeterminate
from verify.policy import check_algorithms, sha1_accepted, weak_digest_names
from verify.report import SignatureReport, Signer
from verify.sigdata import SignatureData, SignatureFormatError, parse_signature, read_contents
from verify.timing import SigningTime, signing_time
from verify.truststore import TrustStore

FUTURE_TOLERANCE = timedelta(minutes=10)
KNOWN_SUBFILTERS = frozenset(
    {"adbe.pkcs7.detached", "ETSI.CAdES.detached", "adbe.pkcs7.sha1", "ETSI.RFC3161"}
)


@dataclass
class FileContext:
    """What every signature of the file shares: reader, size, DSS, trust, options."""

    reader: PdfFileReader
    size: int
    tail_clean: bool
    store: TrustStore
    options: VerifyOptions
    dss_certs: list[x509.Certificate] = field(default_factory=list)
    dss_crls: list[crl.CertificateList] = field(default_factory=list)
    dss_ocsps: list[ocsp.OCSPResponse] = field(default_factory=list)


def _signer(cert: x509.Certificate | None) -> Signer:
    if cert is None:
        return Signer()
    subject = cert.subject.native

    def first(value: object) -> str | None:
        if isinstance(value, list):
            return str(value[-1]) if value else None
        return None if value is None else str(value)

    return Signer(
        common_name=first(subject.get("common_name")),
        organization=first(subject.get("organization_name")),
        subject=cert.subject.human_friendly,
        issuer=cert.issuer.human_friendly,
        serial=format(cert.serial_number, "X"),
    )


def _docmdp(sig_dict: generic.DictionaryObject) -> MDPPerm | None:
    try:
        for ref in sig_dict.get("/Reference", []):
            ref = ref.get_object()
            if ref.get("/TransformMethod") == "/DocMDP":
                return MDPPerm(ref["/TransformParams"].raw_get("/P"))
    except (KeyError, ValueError, TypeError, AttributeError):
        return None
    return None


def _digest_names(data: SignatureData, subfilter: str | None) -> list[str]:
    names = [data.digest_algorithm]
    with contextlib.suppress(ValueError, KeyError):
        names.append(data.signer_info["signature_algorithm"].hash_algo)
    if subfilter == "adbe.pkcs7.sha1":
        names.append("sha1")
    return names


def _structure_findings(
    ctx: FileContext, found: FoundSignature, report: SignatureReport, contents: bytes
) -> tuple[list[Finding], list[int] | None, int | None]:
    findings: list[Finding] = []
    check = check_byte_range(ctx.reader, found, contents, ctx.size)
    report.coverage = check.coverage
    findings.extend(failed("FORMAT_FAILURE", p) for p in check.problems)
    if not ctx.tail_clean and check.coverage != "entire_file":
        findings.append(failed("FORMAT_FAILURE", messages.TRAILING_GARBAGE))
    usable = check.ranges if check.ranges is not None and len(check.ranges) == 4 else None
    if usable is not None and usable[2] + usable[3] > ctx.size:
        usable = None
    return findings, usable, check.signed_revision


def _range_digest(ctx: FileContext, ranges: list[int] | None) -> Callable[[str], bytes]:
    def digest(algorithm: str) -> bytes:
        if ranges is None:
            return b""
        return byte_range_digest(ctx.reader.stream, ranges, algorithm)[1]

    return digest


def _has_timestamp_token(data: SignatureData) -> bool:
    """Whether the CMS carries a signature or content timestamp (the only use of a TS context).

    Without one, pyHanko's timing collection never touches the context, so
    it is not built; a malformed attribute counts as present, and pyHanko
    reports it as before.
    """
    try:
        return any(
            True
            for signed in (False, True)
            for _ in extract_tst_data_iter(data.signer_info, signed=signed)
        )
    except Exception:  # malformed attributes: let the timing collection judge them
        return True


async def _time_and_trust(
    ctx: FileContext,
    data: SignatureData,
    report: SignatureReport,
    found: FoundSignature,
    ranges: list[int] | None,
) -> tuple[list[Finding], list[str]]:
    findings: list[Finding] = []
    notes: list[str] = []
    options = ctx.options
    now = options.moment()
    extra = [*data.other_certs, *ctx.dss_certs]
    crls = [*data.crls, *ctx.dss_crls]
    ocsps = [*data.ocsps, *ctx.dss_ocsps]
    ts_context = None
    if found.kind != "timestamp" and _has_timestamp_token(data):
        weak_now = weak_digest_names(sha1_ok=False)
        ts_context = build_context(
            ctx.store, extra, crls, ocsps, now, options.online, weak_now, "soft-fail"
        )
    try:
        if found.kind == "timestamp":
            gen_time = data.signed_data["encap_content_info"]["content"].parsed["gen_time"].native
            when = SigningTime(gen_time, "timestamp")
        else:
            when = await signing_time(data, ts_context, _range_digest(ctx, ranges))
    finally:
        if ts_context is not None:
            await ts_context.aclose()
    if when.message:
        notes.append(when.message)
    report.signing_time = when.moment
    report.signing_time_source = when.source
    moment = when.moment or now
    if when.moment is not None and when.moment > now + FUTURE_TOLERANCE:
        findings.append(indeterminate("GENERIC", messages.signing_time_in_future(when.moment, now)))
        moment = now
    sha1_ok = sha1_accepted(when.moment, options.accept_sha1_before)
    for algo in check_algorithms(
        _digest_names(data, found.subfilter),
        data.signer_cert.public_key if data.signer_cert else None,
        sha1_ok,
    ):
        findings.append(indeterminate("CRYPTO_CONSTRAINTS_FAILURE", algo.message))
    if sha1_ok and "sha1" in {n.lower() for n in _digest_names(data, found.subfilter)}:
        notes.append(messages.SHA1_TOLERATED)
    cert = data.signer_cert
    if cert is None:
        findings.append(indeterminate("NO_SIGNING_CERTIFICATE_FOUND", messages.NO_SIGNER_CERT))
        return findings, notes
    if found.kind == "signature" and not signing_usage_allowed(cert):
        findings.append(indeterminate("CHAIN_CONSTRAINTS_FAILURE", messages.WRONG_KEY_USAGE))
    validity = validity_finding(cert, moment, when.source == "timestamp")
    if validity is not None:
        findings.append(validity)
    context = build_context(
        ctx.store, extra, crls, ocsps, moment, options.online, weak_digest_names(sha1_ok)
    )
    try:
        chain = await validate_chain(cert, context, when.source == "timestamp")
    finally:
        await context.aclose()
    report.trusted = chain.trusted
    report.revocation = chain.revocation
    subs = {f.sub_indication for f in findings}
    findings.extend(f for f in chain.findings if f.sub_indication not in subs)
    if chain.trusted and chain.revocation == "unknown" and not chain.findings:
        notes.append(messages.NO_REVOCATION_POINTER)
    return findings, notes


async def verify_signature(ctx: FileContext, found: FoundSignature) -> SignatureReport:
    """Run every check on one signature dictionary and combine the outcomes."""
    report = SignatureReport(field=found.field_name, subfilter=found.subfilter)
    findings: list[Finding] = []
    notes: list[str] = []
    if found.subfilter is not None and found.subfilter not in KNOWN_SUBFILTERS:
        findings.append(failed("FORMAT_FAILURE", messages.unknown_subfilter(found.subfilter)))
    elif found.subfilter == "adbe.pkcs7.sha1":
        notes.append(messages.LEGACY_SHA1_SUBFILTER)
    try:
        contents = read_contents(found.sig_dict)
    except SignatureFormatError as exc:
        return _finish(report, [*findings, failed("FORMAT_FAILURE", str(exc))], notes)
    structure, ranges, signed_revision = _structure_findings(ctx, found, report, contents)
    findings.extend(structure)
    try:
        data = parse_signature(found.sig_dict, contents)
    except SignatureFormatError as exc:
        return _finish(report, [*findings, failed("FORMAT_FAILURE", str(exc))], notes)
    report.signer = _signer(data.signer_cert)
    if ranges is not None:
        integrity = check_integrity(ctx.reader.stream, ranges, data)
        report.intact = integrity.intact
        if integrity.format_problem and data.signer_cert is not None:
            findings.append(failed("FORMAT_FAILURE", integrity.format_problem))
        elif not integrity.hash_ok and data.signer_cert is not None:
            findings.append(failed("HASH_FAILURE", messages.HASH_FAILURE))
        elif not integrity.signature_ok and data.signer_cert is not None:
            findings.append(failed("SIG_CRYPTO_FAILURE", messages.SIG_CRYPTO_FAILURE))
    if signed_revision is not None:
        change = analyse_changes(ctx.reader, signed_revision, _docmdp(found.sig_dict))
        report.modified_after = change.modified_after
        if change.permitted:
            notes.extend(change.messages)
        else:
            findings.extend(
                failed("FORMAT_FAILURE", m) for m in change.messages or [messages.MODIFIED]
            )
    trust_findings, trust_notes = await _time_and_trust(ctx, data, report, found, ranges)
    findings.extend(trust_findings)
    notes.extend(trust_notes)
    return _finish(report, findings, notes)


def _finish(report: SignatureReport, findings: list[Finding], notes: list[str]) -> SignatureReport:
    report.indication, report.sub_indication = combine(findings)
    ordered = sorted(findings, key=lambda f: f.indication != "TOTAL_FAILED")
    report.messages = [f.message for f in ordered] + notes
    if report.indication == "TOTAL_PASSED":
        report.messages.insert(0, messages.PASSED)
    return report
