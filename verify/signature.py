"""One signature, every check run, in the order of ETSI EN 319 102-1.

Nothing short-circuits except what makes later checks meaningless (no
``/Contents``, a CMS that does not parse): a reviewer sees at once that a
signature is both untrusted and modified after signing.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from asn1crypto import crl, ocsp, x509
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import MDPPerm
from pyhanko.sign.general import byte_range_digest
from pyhanko.sign.validation.generic_cms import extract_tst_data_iter

from verify import messages
from verify.algorithms import allowed, check_algorithms, key_label
from verify.answer import summarize
from verify.byterange import check_byte_range
from verify.certinfo import describe
from verify.certuse import signing_usage_allowed
from verify.chain import ChainInputs, build_context, check_chain, validity_finding
from verify.changes import analyse_changes
from verify.checks import check_rows
from verify.discovery import FoundSignature
from verify.integrity import check_integrity
from verify.online import OnlineAccess
from verify.options import VerifyOptions
from verify.outcome import Finding, combine, failed, indeterminate
from verify.policy import digest_label
from verify.report import Change, SignatureReport, Signer
from verify.revision_diff import PageInfo, read_pages
from verify.sigdata import SignatureData, SignatureFormatError, parse_signature, read_contents
from verify.timing import SigningTime, signing_time
from verify.truststore import TrustStore
from verify.vntime import in_vietnam

FUTURE_TOLERANCE = timedelta(minutes=10)
KNOWN_SUBFILTERS = frozenset(
    {"adbe.pkcs7.detached", "ETSI.CAdES.detached", "adbe.pkcs7.sha1", "ETSI.RFC3161"}
)


@dataclass
class FileContext:
    """What every signature of the file shares: reader, size, DSS, trust, options, network.

    ``dossier_certs``: issuing CAs embedded in the other files of a dossier
    (intermediates only); ``online``: the file's network access, when asked;
    ``carried``: the certificates the file's signatures embed (collected as
    they are parsed, for the other files of a dossier).
    """

    reader: PdfFileReader
    size: int
    tail_clean: bool
    store: TrustStore
    options: VerifyOptions
    dss_certs: list[x509.Certificate] = field(default_factory=list)
    dss_crls: list[crl.CertificateList] = field(default_factory=list)
    dss_ocsps: list[ocsp.OCSPResponse] = field(default_factory=list)
    dossier_certs: list[x509.Certificate] = field(default_factory=list)
    online: OnlineAccess | None = None
    carried: list[x509.Certificate] = field(default_factory=list)
    _pages: list[PageInfo] | None = None

    def page_of(self, found: FoundSignature) -> int | None:
        """1-based page holding the signature's widget, when it has one."""
        if found.widget is None and found.widget_page is None:
            return None
        if self._pages is None:
            try:
                self._pages = read_pages(self.reader)
            except Exception:  # a broken page tree only loses the page number
                self._pages = []
        for number, page in enumerate(self._pages, start=1):
            if page.ref is not None and page.ref == found.widget_page:
                return number
            if found.widget is not None and any(ref == found.widget for ref, _ in page.annots):
                return number
        return None


def _about(topic: str, findings: list[Finding]) -> list[Finding]:
    """The same findings, filed under one row of the reviewer's table of checks."""
    return [dataclasses.replace(f, topic=topic) for f in findings]


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
    if usable is not None:
        report.signed_length = usable[2] + usable[3]
    return _about("coverage", findings), usable, check.signed_revision


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


async def _signing_time(
    ctx: FileContext,
    data: SignatureData,
    found: FoundSignature,
    ranges: list[int] | None,
    now: datetime,
) -> SigningTime:
    if found.kind == "timestamp":
        gen_time = data.signed_data["encap_content_info"]["content"].parsed["gen_time"].native
        return SigningTime(gen_time, "timestamp")
    if not _has_timestamp_token(data):
        return await signing_time(data, None, _range_digest(ctx, ranges))
    policy = ctx.options.policy
    fetchers = ctx.online.fetchers() if ctx.online is not None else None
    ts_context = build_context(
        ctx.store,
        [*data.other_certs, *ctx.dss_certs, *ctx.dossier_certs],
        [*data.crls, *ctx.dss_crls],
        [*data.ocsps, *ctx.dss_ocsps],
        now,
        allowed(policy, legacy=False),
        fetchers=fetchers,
        revocation_mode="soft-fail",
    )
    try:
        return await signing_time(data, ts_context, _range_digest(ctx, ranges))
    finally:
        await ts_context.aclose()


def _record_time(report: SignatureReport, when: SigningTime) -> None:
    report.signing_time = in_vietnam(when.moment) if when.moment is not None else None
    report.signing_time_source = when.source
    report.claimed_time = in_vietnam(when.claimed) if when.claimed is not None else None
    report.claimed_time_placeholder = when.placeholder


def _time_findings(when: SigningTime, now: datetime) -> tuple[list[Finding], list[str]]:
    findings: list[Finding] = []
    notes = [when.message] if when.message else []
    if when.placeholder and when.claimed is not None:
        notes.append(messages.placeholder_time(when.claimed))
    elif when.source == "claimed" and when.moment is not None:
        findings.append(indeterminate("NO_POE", messages.claimed_time(when.moment), "claimed_time"))
    if when.moment is not None and when.moment > now + FUTURE_TOLERANCE:
        findings.append(indeterminate("GENERIC", messages.signing_time_in_future(when.moment, now)))
    return findings, notes


def _validity(cert: x509.Certificate, when: SigningTime, now: datetime) -> Finding | None:
    if when.moment is not None:
        moment = now if when.moment > now + FUTURE_TOLERANCE else when.moment
        return validity_finding(cert, moment, when.source == "timestamp")
    validity = cert["tbs_certificate"]["validity"]
    not_before, not_after = validity["not_before"].native, validity["not_after"].native
    if not_before <= now <= not_after:
        return None
    return indeterminate(
        "OUT_OF_BOUNDS_NO_POE",
        messages.unknown_time_validity(now, not_before, not_after),
        "certificate_validity",
    )


async def _time_and_trust(
    ctx: FileContext,
    data: SignatureData,
    report: SignatureReport,
    found: FoundSignature,
    ranges: list[int] | None,
) -> tuple[list[Finding], list[str], list[str]]:
    """Findings, direct warnings and notes of time, algorithms, certificate and chain."""
    options = ctx.options
    policy = options.policy
    now = options.moment()
    when = await _signing_time(ctx, data, found, ranges, now)
    _record_time(report, when)
    findings, notes = _time_findings(when, now)
    warnings: list[str] = []
    proven = when.source == "timestamp"
    report.digest_algorithm = digest_label(data.digest_algorithm)
    if data.signer_cert is not None:
        report.key = key_label(data.signer_cert.public_key)
    findings.extend(
        check_algorithms(
            _digest_names(data, found.subfilter),
            data.signer_cert.public_key if data.signer_cert else None,
            policy,
            when.moment,
            proven,
        )
    )
    cert = data.signer_cert
    if cert is None:
        findings.append(indeterminate("NO_SIGNING_CERTIFICATE_FOUND", messages.NO_SIGNER_CERT))
        return findings, warnings, notes
    if found.kind == "signature" and not signing_usage_allowed(cert):
        findings.append(
            indeterminate("CHAIN_CONSTRAINTS_FAILURE", messages.WRONG_KEY_USAGE, "key_usage")
        )
    validity = _validity(cert, when, now)
    if validity is not None:
        findings.append(validity)
    moment = (
        when.moment if when.moment is not None and when.moment <= now + FUTURE_TOLERANCE else now
    )
    inputs = ChainInputs(
        store=ctx.store,
        extra_certs=[*data.other_certs, *ctx.dss_certs, *ctx.dossier_certs],
        crls=[*data.crls, *ctx.dss_crls],
        ocsps=[*data.ocsps, *ctx.dss_ocsps],
        rules=allowed(policy, policy.legacy_applies(when.moment)),
    )
    chain = await check_chain(cert, inputs, moment, proven, ctx.online, now)
    report.trusted = chain.trusted
    report.chain = chain.path
    report.missing_issuer = chain.missing
    report.revocation = chain.revocation
    report.online = chain.online
    report.certificates = describe(
        chain.certs or [cert], ctx.store.anchors, when.moment, chain.missing
    )
    subs = {f.sub_indication for f in findings}
    findings.extend(f for f in chain.findings if f.sub_indication not in subs)
    warnings.extend(chain.warnings)
    if chain.trusted and chain.revocation == "unknown" and not chain.findings:
        notes.append(messages.NO_REVOCATION_POINTER)
    return findings, warnings, notes


async def verify_signature(ctx: FileContext, found: FoundSignature) -> SignatureReport:
    """Run every check on one signature dictionary and combine the outcomes."""
    report = SignatureReport(
        field=found.field_name, subfilter=found.subfilter, page=ctx.page_of(found)
    )
    findings: list[Finding] = []
    notes: list[str] = []
    if found.subfilter is not None and found.subfilter not in KNOWN_SUBFILTERS:
        findings.append(failed("FORMAT_FAILURE", messages.unknown_subfilter(found.subfilter)))
    elif found.subfilter == "adbe.pkcs7.sha1":
        notes.append(messages.LEGACY_SHA1_SUBFILTER)
    try:
        contents = read_contents(found.sig_dict)
    except SignatureFormatError as exc:
        return _finish(
            ctx,
            report,
            [*findings, failed("FORMAT_FAILURE", str(exc), topic="integrity")],
            [],
            notes,
        )
    structure, ranges, signed_revision = _structure_findings(ctx, found, report, contents)
    findings.extend(structure)
    try:
        data = parse_signature(found.sig_dict, contents)
    except SignatureFormatError as exc:
        return _finish(
            ctx,
            report,
            [*findings, failed("FORMAT_FAILURE", str(exc), topic="integrity")],
            [],
            notes,
        )
    report.signer = _signer(data.signer_cert)
    ctx.carried.extend(data.other_certs)
    if ranges is not None:
        integrity = check_integrity(ctx.reader.stream, ranges, data)
        report.intact = integrity.intact
        if integrity.format_problem and data.signer_cert is not None:
            findings.append(failed("FORMAT_FAILURE", integrity.format_problem, topic="integrity"))
        elif not integrity.hash_ok and data.signer_cert is not None:
            findings.append(failed("HASH_FAILURE", messages.HASH_FAILURE))
            report.changes.append(Change(kind="signed_bytes", text=messages.SIGNED_BYTES_CHANGED))
        elif not integrity.signature_ok and data.signer_cert is not None:
            findings.append(failed("SIG_CRYPTO_FAILURE", messages.SIG_CRYPTO_FAILURE))
    if signed_revision is not None:
        report.signed_revision = signed_revision + 1
        report.revisions = ctx.reader.xrefs.total_revisions
        change = analyse_changes(ctx.reader, signed_revision, _docmdp(found.sig_dict))
        report.modified_after = change.modified_after
        report.changes.extend(change.changes)
        if change.permitted:
            notes.extend(change.messages)
        else:
            findings.extend(
                failed("FORMAT_FAILURE", m, topic="changes")
                for m in change.messages or [messages.MODIFIED]
            )
    trust_findings, warnings, trust_notes = await _time_and_trust(ctx, data, report, found, ranges)
    findings.extend(trust_findings)
    notes.extend(trust_notes)
    return _finish(ctx, report, findings, warnings, notes)


def _finish(
    ctx: FileContext,
    report: SignatureReport,
    findings: list[Finding],
    warnings: list[str],
    notes: list[str],
) -> SignatureReport:
    """The policy's levels applied, the messages ordered, the reviewer's answer written."""
    policy = ctx.options.policy
    judged = policy.judge(findings)
    report.indication, report.sub_indication = combine(judged.findings)
    report.warnings = [*judged.warnings, *warnings]
    ordered = sorted(judged.findings, key=lambda f: f.indication != "TOTAL_FAILED")
    report.messages = [f.message for f in ordered] + report.warnings + judged.notes + notes
    if report.indication == "TOTAL_PASSED":
        report.messages.insert(0, messages.passed(policy.id, len(report.warnings)))
    now = ctx.options.moment()
    report.validation_time = in_vietnam(now)
    report.summary = summarize(report, judged.findings, policy.id, now)
    report.checks = check_rows(report, findings, policy, {"revocation": warnings})
    return report
