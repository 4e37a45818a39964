"""``check_dossier``: a dossier folder or ZIP in, every criterion appraised against its evidence out.

The steps, each in its own module: open the dossier (``archive``: a ZIP is
extracted safely into a temporary folder), read its layout (``layout``),
evaluate the self-assessment (``criteria.evaluate``), verify every PDF not
already in the cache (``cache``, ``pool``), judge each file against what its
criterion asks (``reasons``), and appraise (``criteria.appraisal``: a
criterion is ``Đạt`` only when its target is met and it is evidenced, and
the province's rule decides again). The dossier itself is only read.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from time import perf_counter

from criteria.appraisal import appraise
from criteria.assessment import Assessment
from criteria.catalog import Criterion
from criteria.engine import evaluate, parse_assessment
from criteria.errors import AssessmentError
from criteria.loader import load_catalog
from verify.carried import needs_offered, offered_certificates
from verify.dossier.archive import opened_dossier
from verify.dossier.cache import ReportCache, ReportStore, cache_key, file_sha256, options_key
from verify.dossier.errors import ArchiveError, DossierLayoutError, DossierNotFoundError
from verify.dossier.layout import Layout, read_layout
from verify.dossier.model import (
    CheckStats,
    DossierOptions,
    DossierProblem,
    DossierResult,
    FileCheck,
    Verifier,
)
from verify.dossier.pool import Job, default_verifier, verify_all
from verify.dossier.reasons import explanation_paths, judge_criterion, with_verdict
from verify.options import VerifyOptions
from verify.report import EvidenceReport
from verify.truststore import load_trust_store
from verify.vntime import in_vietnam

Progress = Callable[[int, int, str], None]
"""``progress(done, total, path)``: called once with ``done == 0``, then after each PDF."""

UNCACHEABLE = frozenset({"VERIFY_TIMEOUT", "VERIFY_CRASHED", "VERIFY_FAILED", "VERIFY_INPUT_ERROR"})


def _open_check(source: Path) -> None:
    if source.is_dir():
        return
    if not source.is_file():
        raise DossierNotFoundError(
            f"Không tìm thấy hồ sơ {source}: hãy chỉ ra một thư mục hoặc một tệp .zip."
        )
    if not zipfile.is_zipfile(source):
        raise ArchiveError(
            f"Tệp {source.name} không phải tệp nén ZIP: hãy nén thư mục hồ sơ thành .zip "
            "hoặc chỉ ra chính thư mục đó."
        )


def _assessment(layout: Layout) -> tuple[Assessment, list[Criterion]]:
    try:
        assessment = parse_assessment(layout.assessment_data)
        evaluate(assessment)
    except AssessmentError as exc:
        raise DossierLayoutError(
            "Tệp assessment.json của hồ sơ có lỗi: hãy sửa các mục sau rồi kiểm tra lại.",
            [f"{p.path}: {p.message}" for p in exc.problems],
        ) from exc
    catalog = load_catalog(assessment.catalog)
    return assessment, catalog.criteria_of_tier(assessment.tier)


def _verifier_name(verifier: Verifier) -> str:
    if verifier is default_verifier:
        return "verify_pdf"
    return f"{verifier.__module__}.{getattr(verifier, '__qualname__', repr(verifier))}"


def check_dossier(
    source: Path | str,
    options: DossierOptions | None = None,
    *,
    progress: Progress | None = None,
) -> DossierResult:
    """Check the dossier at ``source`` (folder or ZIP).

    Raises ``DossierError`` subclasses when the dossier cannot be checked at
    all (not found, not a ZIP, zip bomb, no or invalid assessment.json) and
    ``verify.TrustStoreError`` for a broken trust store. Everything about
    criteria and files is in the result.
    """
    started = perf_counter()
    options = options or DossierOptions()
    source = Path(source)
    _open_check(source)
    verify = options.verify
    trust = load_trust_store(verify.trust, verify.intermediate_folders()).fingerprint()
    verifier = options.verifier or default_verifier
    with opened_dossier(source, options.limits, options.work_dir) as extracted:
        assessment, criteria = _assessment(read_layout(extracted.root))
        evaluated = evaluate(assessment)
        layout = read_layout(extracted.root, {c.id for c in criteria})
        problems = [
            DossierProblem(code=i.code, message=i.message, path=i.name) for i in extracted.issues
        ]
        problems.extend(_layout_problems(layout))
        checks = [
            FileCheck(path=f.relative, criterion_id=f.criterion_id, kind=f.kind, size=f.size)
            for f in layout.files
        ]
        paths = {f.relative: f.path for f in layout.files}
        pdfs = [c for c in checks if c.kind == "pdf"]
        for check in pdfs:
            check.sha256 = file_sha256(paths[check.path])
        stats = CheckStats(files=len(checks), pdfs=len(pdfs))
        reports = _reports(pdfs, paths, options, trust, verifier, stats, progress)
    explanations = explanation_paths(assessment)
    attached = {path: cid for cid, path in explanations.items()}
    evidence = {}
    verdicts = {}
    for criterion in criteria:
        own = [
            c
            for c in checks
            if (
                c.criterion_id == criterion.id
                and attached.get(c.path, criterion.id) == criterion.id
            )
            or attached.get(c.path) == criterion.id
        ]
        evidence[criterion.id], found = judge_criterion(
            criterion,
            assessment,
            [c.model_copy(update={"report": reports.get(c.path)}) for c in own],
            layout.folders.get(criterion.id, []),
            explanations.get(criterion.id),
        )
        verdicts.update(found)
    judged = [
        with_verdict(c.model_copy(update={"report": reports.get(c.path)}), verdicts.get(c.path))
        for c in checks
    ]
    problems = [
        p for p in problems if not (p.path in attached and p.code == "FILE_OUTSIDE_CRITERIA")
    ]
    stats.seconds = round(perf_counter() - started, 3)
    return DossierResult(
        source=str(source),
        checked_at=in_vietnam(datetime.now(UTC)),
        validation_time=(
            in_vietnam(options.verify.validation_time) if options.verify.validation_time else None
        ),
        assessment=assessment,
        appraisal=appraise(assessment, evaluated, evidence),
        files=judged,
        problems=problems,
        policy=options.verify.policy.ref,
        trust_fingerprint=trust,
        stats=stats,
    )


def _reports(
    pdfs: list[FileCheck],
    paths: dict[str, Path],
    options: DossierOptions,
    trust: str,
    verifier: Verifier,
    stats: CheckStats,
    progress: Progress | None,
) -> dict[str, EvidenceReport]:
    """Every PDF's report; then again, with the dossier's issuing CAs, those missing one.

    A signature that embeds only the signer's certificate cannot chain
    unless its issuing CA is known; when another file of the same dossier
    carries that CA, the file is verified once more with the CAs of the
    whole dossier offered as intermediates (never anchors).
    """
    cache: ReportStore = options.cache or ReportCache(options.cache_dir)
    try:
        reports = _batch(
            pdfs, paths, options, options.verify, cache, trust, verifier, stats, progress
        )
        offered = offered_certificates(reports.values())
        retry = [c for c in pdfs if needs_offered(reports[c.path], offered)]
        if retry:
            again = replace(options.verify, extra_certificates=tuple(sorted(offered)))
            second = CheckStats()
            reports.update(
                _batch(retry, paths, options, again, cache, trust, verifier, second, None)
            )
            stats.verified += second.verified
            stats.timed_out += second.timed_out
    finally:
        cache.close()
    return {path: r.model_copy(update={"file": path}) for path, r in reports.items()}


def _batch(
    pdfs: list[FileCheck],
    paths: dict[str, Path],
    options: DossierOptions,
    verify: VerifyOptions,
    cache: ReportStore,
    trust: str,
    verifier: Verifier,
    stats: CheckStats,
    progress: Progress | None,
) -> dict[str, EvidenceReport]:
    """These PDFs' reports: from the cache when unchanged, else verified in the pool."""
    opts = options_key(verify, _verifier_name(verifier))
    policy = verify.policy.cache_key
    keys = {c.path: cache_key(c.sha256 or "", trust, policy, opts) for c in pdfs}
    cached = cache.get_many(keys.values())
    reports: dict[str, EvidenceReport] = {}
    total = len(pdfs)
    done = 0
    if progress is not None:
        progress(0, total, "")
    for check in pdfs:
        hit = cached.get(keys[check.path])
        if hit is not None:
            reports[check.path] = hit
            check.cached = True
            done += 1
            if progress is not None:
                progress(done, total, check.path)
    jobs = [Job(paths[c.path], c.path, c.sha256 or "") for c in pdfs if c.path not in reports]
    counter = [done]

    def advance(relative: str, report: EvidenceReport) -> None:
        if not any(p.code in UNCACHEABLE for p in report.problems):
            cache.put(keys[relative], report)  # now: a killed check keeps what it verified
        counter[0] += 1
        if progress is not None:
            progress(counter[0], total, relative)

    fresh = verify_all(
        jobs,
        verify,
        verifier=verifier,
        workers=options.worker_count(len(jobs)),
        time_limit_s=options.time_limit_s,
        max_tasks=options.max_tasks_per_worker,
        progress=advance,
    )
    stats.cached = len(reports)
    stats.verified = len(fresh)
    stats.workers = options.worker_count(len(jobs)) if jobs else 0
    stats.timed_out = sum(
        1 for r in fresh.values() if any(p.code == "VERIFY_TIMEOUT" for p in r.problems)
    )
    reports.update(fresh)
    return reports


def _layout_problems(layout: Layout) -> list[DossierProblem]:
    problems = [
        DossierProblem(
            code="FOLDER_NOT_A_CRITERION",
            message=(
                f"Thư mục “{name}” không ứng với tiêu chí nào của bộ tiêu chí: đặt tên thư mục "
                "bắt đầu bằng số thứ tự tiêu chí, ví dụ “1.1. Kế hoạch CĐS”."
            ),
            path=name,
        )
        for name in layout.unmatched_folders
    ]
    problems.extend(
        DossierProblem(
            code="FILE_OUTSIDE_CRITERIA",
            message=(
                f"Tệp “{f.relative}” nằm ngoài các thư mục tiêu chí nên không được tính: "
                "hãy chuyển vào thư mục của tiêu chí tương ứng."
            ),
            path=f.relative,
        )
        for f in layout.files
        if f.criterion_id is None and f.kind != "ignored"
    )
    return problems
