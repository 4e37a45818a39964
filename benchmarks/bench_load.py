"""Load run of the service on loopback: verification under 50 and 200 clients, and dossier throughput.

Run: ``.venv/bin/python benchmarks/bench_load.py [--clients 50 200] [--duration 20]
[--database-url postgresql://...]``. Prints figures; asserts nothing (DESIGN:
benchmarks print, tests never time). Loopback only; every loop is bounded in
requests and time and stops by itself.

Part 1 — verification under load. A throw-away ``hoso serve`` (SQLite, test
PKI as trust store, validation time pinned) gets, for each client count,
clients that alternate two requests: an upload of a PDF the service has
already verified (**reuse**: the stored report, no verification) and of a PDF
it has never seen (**fresh**: a real verification; each is a signed PDF with
bytes of its own). Meanwhile a probe in a process of its own asks ``/health``
every 50 ms, of the loaded server and of an idle twin server started beside
it (the peer: what the machine itself costs a request at that moment).
Printed per client count: answers by status, errors outside 503 (goal 0),
p50/p95 of each kind (successful answers only), and ``/health``'s
p50/p95/max on both servers (goal: under 100 ms whatever the load).

Part 2 — dossier throughput (needs PostgreSQL: ``--database-url`` or
``HOSO_TEST_DATABASE_URL``). A batch of dossiers — the example dossier with
every PDF's bytes made unique per copy, so every file is really verified — is
checked by one ``hoso worker`` and then by two (each ``--concurrency 1`` and
one verifying process, ``HOSO_CHECK_WORKERS=1``). Printed: wall time,
dossiers/min and PDFs/s for each, and the CPU time per PDF: the CPU the
worker processes and their verifying children used (``RUSAGE_CHILDREN`` of
this process, measured after they exit), less the CPU of starting and
stopping an idle worker, divided by the PDFs checked. On a machine where the
cores are the limit, CPU time per PDF is what sizes a deployment.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import multiprocessing
import os
import resource
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from tests.support.dossier_copies import distinct_dossier, unique_copy  # noqa: E402
from tests.support.postgres import reset_postgres  # noqa: E402

HOSO = str(Path(sys.executable).parent / "hoso")


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: Counter[str] = field(default_factory=Counter)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def ms(values: list[float]) -> str:
    if not values:
        return "n=0"
    return (
        f"n={len(values):<5} p50 {statistics.median(values) * 1000:7.0f} ms  "
        f"p95 {percentile(values, 0.95) * 1000:7.0f} ms"
    )


# -- inputs ---------------------------------------------------------------------


def signed_pdfs(count: int) -> tuple[list[bytes], Path]:
    """``count`` distinct signed administrative PDFs and the trust folder of their PKI."""
    from tests.support.admin_pdf import make_admin_pdf
    from tests.support.pki import build_pki
    from tests.support.signing import sign_pdf

    pki = build_pki()
    trust = pki.write_trust(Path(tempfile.mkdtemp(prefix="hoso-load-trust-")))
    pdfs = [
        sign_pdf(make_admin_pdf(number=f"{n + 1}/QĐ-UBND"), pki.good, crls=[pki.crl_der])
        for n in range(count)
    ]
    return pdfs, trust


def sample_dossier() -> tuple[bytes, Path, int]:
    """The example dossier as a ZIP, its trust folder, and its number of PDFs."""
    import importlib.util

    script = ROOT / "examples" / "dossier" / "make_sample.py"
    spec = importlib.util.spec_from_file_location("make_sample", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_sample"] = module
    spec.loader.exec_module(module)
    built = module.build(Path(tempfile.mkdtemp(prefix="hoso-load-dossier-")))
    data = built["zip"].read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        pdfs = sum(1 for i in archive.infolist() if i.filename.lower().endswith(".pdf"))
    return data, built["trust"], pdfs


# -- processes ------------------------------------------------------------------


def base_env(data_dir: Path, trust: Path, database_url: str | None) -> dict[str, str]:
    from tests.support.pki import VALIDATION_TIME

    env = os.environ | {
        "HOSO_DATA_DIR": str(data_dir),
        "HOSO_TRUST": str(trust),
        "HOSO_VALIDATION_TIME": VALIDATION_TIME.isoformat(),
        "HOSO_START_CONVERTER": "false",
    }
    env.pop("HOSO_DATABASE_URL", None)
    if database_url:
        env["HOSO_DATABASE_URL"] = database_url
    return env


def create_key(env: dict[str, str]) -> str:
    created = subprocess.run(
        [HOSO, "keys", "create", "--role", "reviewer", "--label", "bench_load"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return created.stdout.strip().splitlines()[-1]


def start(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(
            [HOSO, *args], env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)


def start_server(env: dict[str, str], log: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    process = start(["serve", "--port", str(port)], env, log)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/health", timeout=2).status_code == 200:
                return process, url
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    stop(process)
    raise SystemExit(f"the server did not come up; see {log}")


# -- part 1: verification under load ----------------------------------------------


async def client(
    number: int,
    http: httpx.AsyncClient,
    known: list[bytes],
    fresh: list[bytes],
    stop_at: float,
    max_requests: int,
    results: Results,
) -> None:
    for turn in range(max_requests):
        if time.monotonic() >= stop_at:
            return
        if turn % 2 == 0 and fresh:
            kind, pdf = "verify fresh", fresh.pop()
        else:
            kind, pdf = "verify reuse", known[(number + turn) % len(known)]
        started = time.perf_counter()
        try:
            files = {"file": (f"minh-chung-{number}-{turn}.pdf", pdf, "application/pdf")}
            response = await http.post("/verifications", files=files)
            outcome = str(response.status_code)
        except httpx.HTTPError as exc:
            outcome = type(exc).__name__
        elapsed = time.perf_counter() - started
        results.statuses[outcome] += 1
        if outcome in ("200", "201"):
            results.latencies[kind].append(elapsed)
        elif outcome == "503":
            await asyncio.sleep(float(response.headers.get("retry-after", "1")))


def health_probe(urls: dict[str, str], seconds: float, out: Connection) -> None:
    """In a process of its own (the load's event loop must not delay the probe):
    ask each server's /health every 50 ms; send back the latencies per server."""
    latencies: dict[str, list[float]] = {kind: [] for kind in urls}
    failures: Counter[str] = Counter()
    stop_at = time.monotonic() + seconds
    with httpx.Client(timeout=30.0) as http:
        while time.monotonic() < stop_at:
            for kind, url in urls.items():
                started = time.perf_counter()
                try:
                    response = http.get(url + "/health")
                    if response.status_code == 200:
                        latencies[kind].append(time.perf_counter() - started)
                    else:
                        failures[f"{kind} {response.status_code}"] += 1
                except httpx.HTTPError as exc:
                    failures[f"{kind} {type(exc).__name__}"] += 1
            time.sleep(0.05)
    out.send((latencies, failures))


async def run_load(
    url: str,
    idle_url: str,
    key: str,
    known: list[bytes],
    fresh: list[bytes],
    clients: int,
    duration: float,
    max_requests: int,
) -> tuple[Results, float]:
    results = Results()
    # Idle connections dropped before the server's 5 s keep-alive closes them (no reuse race).
    limits = httpx.Limits(
        max_connections=clients, max_keepalive_connections=clients, keepalive_expiry=4.0
    )
    headers = {"Authorization": f"Bearer {key}"}
    async with (
        httpx.AsyncClient(
            base_url=url, headers=headers, limits=limits, timeout=httpx.Timeout(120.0)
        ) as http,
    ):
        receiver, sender = multiprocessing.Pipe(duplex=False)
        probe = multiprocessing.get_context("fork").Process(
            target=health_probe,
            args=({"health": url, "health idle": idle_url}, duration, sender),
        )
        probe.start()
        started = time.monotonic()
        stop_at = started + duration
        await asyncio.gather(
            *(
                client(n, http, known, fresh, stop_at, max_requests, results)
                for n in range(clients)
            ),
        )
        elapsed = time.monotonic() - started
        latencies, failures = receiver.recv()
        probe.join(30)
        results.latencies.update(latencies)
        results.statuses.update(failures)
        return results, elapsed


def part_load(args: argparse.Namespace) -> None:
    base_pdfs, trust = signed_pdfs(20)
    data_dir = Path(tempfile.mkdtemp(prefix="hoso-load-"))
    env = base_env(data_dir, trust, None)
    key = create_key(env)
    server, url = start_server(env, data_dir / "server.log")
    twin_dir = Path(tempfile.mkdtemp(prefix="hoso-load-twin-"))
    twin, idle_url = start_server(base_env(twin_dir, trust, None), twin_dir / "server.log")
    print(f"\n== verification under load: hoso serve (SQLite, 2 verifiers) at {url}")
    print(f"   (peer: an idle twin server at {idle_url}, its /health probed alongside)")
    try:
        headers = {"Authorization": f"Bearer {key}"}
        for pdf in base_pdfs:  # the known files: verified once, reused afterwards
            httpx.post(
                f"{url}/verifications",
                headers=headers,
                timeout=120,
                files={"file": ("a.pdf", pdf, "application/pdf")},
            )
        serial = 0
        for clients in args.clients:
            fresh = []
            for _ in range(args.fresh):
                fresh.append(unique_copy(base_pdfs[serial % len(base_pdfs)], serial))
                serial += 1
            results, elapsed = asyncio.run(
                run_load(
                    url,
                    idle_url,
                    key,
                    base_pdfs,
                    fresh,
                    clients,
                    args.duration,
                    args.max_per_client,
                )
            )
            answered = sum(results.statuses.values())
            errors = {k: v for k, v in results.statuses.items() if k not in ("200", "201", "503")}
            print(
                f"\n{clients} clients, {elapsed:.1f} s, {answered} answers "
                f"({answered / elapsed:.1f}/s): {dict(sorted(results.statuses.items()))}"
            )
            print(
                f"  errors outside 503: {sum(errors.values())}" + (f" {errors}" if errors else "")
            )
            for kind in ("verify fresh", "verify reuse", "health", "health idle"):
                print(
                    f"  {kind:<13} {ms(results.latencies[kind])}"
                    + (
                        f"  max {max(results.latencies[kind]) * 1000:6.0f} ms"
                        if kind.startswith("health") and results.latencies[kind]
                        else ""
                    )
                )
    finally:
        stop(server)
        stop(twin)


# -- part 2: dossier throughput -------------------------------------------------


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def dossier_round(
    workers: int, dossiers: list[bytes], pdfs_each: int, trust: Path, database_url: str
) -> tuple[float, float]:
    """Wall time and CPU seconds (workers and their children) to check every dossier."""
    reset_postgres(database_url)
    data_dir = Path(tempfile.mkdtemp(prefix="hoso-load-dossiers-"))
    env = base_env(data_dir, trust, database_url) | {"HOSO_CHECK_WORKERS": "1"}
    key = create_key(env)
    server, url = start_server(env | {"HOSO_WORKERS": "0"}, data_dir / "server.log")
    headers = {"Authorization": f"Bearer {key}"}
    try:
        cpu_before = children_cpu()
        procs = [
            start(
                ["worker", "--concurrency", "1"],
                env | {"HOSO_WORK_DIR": str(data_dir / f"work-{n}")},
                data_dir / f"worker-{n}.log",
            )
            for n in range(workers)
        ]
        time.sleep(4)  # the workers import and connect
        started = time.monotonic()
        ids = []
        for n, data in enumerate(dossiers):
            files = {"file": (f"ho-so-{n}.zip", data, "application/zip")}
            ids.append(
                httpx.post(f"{url}/dossiers", files=files, headers=headers, timeout=60).json()["id"]
            )
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            states = [
                httpx.get(f"{url}/dossiers/{i}", headers=headers, timeout=30).json()["state"]
                for i in ids
            ]
            if all(s in ("done", "failed") for s in states):
                break
            time.sleep(0.2)
        wall = time.monotonic() - started
        for proc in procs:
            stop(proc)
        cpu = children_cpu() - cpu_before
        failed = sum(1 for s in states if s != "done")
        if failed:
            print(f"  warning: {failed} dossier(s) not done")
        return wall, cpu
    finally:
        stop(server)


def idle_worker_cpu(trust: Path, database_url: str) -> float:
    """CPU of starting a worker, letting it wait as long as a round does, and stopping it."""
    reset_postgres(database_url)
    data_dir = Path(tempfile.mkdtemp(prefix="hoso-load-idle-"))
    env = base_env(data_dir, trust, database_url)
    before = children_cpu()
    proc = start(["worker"], env, data_dir / "worker.log")
    time.sleep(6)
    stop(proc)
    return children_cpu() - before


def part_dossiers(args: argparse.Namespace, database_url: str) -> None:
    zip_bytes, trust, pdfs_each = sample_dossier()
    count = args.dossiers
    print(
        f"\n== dossier throughput: {count} dossiers × {pdfs_each} PDFs, PostgreSQL, "
        f"hoso worker --concurrency 1, HOSO_CHECK_WORKERS=1"
    )
    idle = statistics.median(idle_worker_cpu(trust, database_url) for _ in range(2))
    rows = []
    for repeat in range(args.repeats):
        for workers in (1, 2):  # interleaved: both see the same machine load
            dossiers = [
                distinct_dossier(zip_bytes, repeat * 1000 + workers * 100 + n) for n in range(count)
            ]
            wall, cpu = dossier_round(workers, dossiers, pdfs_each, trust, database_url)
            rows.append((workers, wall, cpu))
    total_pdfs = count * pdfs_each
    print(f"  idle worker start/stop: {idle:.2f} s CPU (subtracted per worker)")
    for workers in (1, 2):
        walls = [w for n, w, _ in rows if n == workers]
        cpus = [c - workers * idle for n, _, c in rows if n == workers]
        wall = statistics.median(walls)
        cpu_per_pdf = statistics.median(cpus) / total_pdfs
        print(
            f"  {workers} worker(s): {wall:6.1f} s  {count / wall * 60:6.1f} dossiers/min  "
            f"{total_pdfs / wall:6.1f} PDFs/s  CPU {cpu_per_pdf * 1000:5.1f} ms per PDF "
            f"(median of {len(walls)})"
        )
    one = statistics.median(w for n, w, _ in rows if n == 1)
    two = statistics.median(w for n, w, _ in rows if n == 2)
    print(f"  speed-up of 2 workers over 1 on this machine: {one / two:.2f}×")
    load1, _, _ = os.getloadavg()
    print(f"  load average at the end: {load1:.2f} on {os.cpu_count()} cores")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, nargs="+", default=[50, 200])
    parser.add_argument("--duration", type=float, default=20.0, help="seconds per client count")
    parser.add_argument("--max-per-client", type=int, default=200)
    parser.add_argument("--fresh", type=int, default=400, help="never-seen PDFs per client count")
    parser.add_argument("--dossiers", type=int, default=4, help="dossiers per throughput round")
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--database-url", default=os.environ.get("HOSO_TEST_DATABASE_URL"))
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument("--skip-dossiers", action="store_true")
    args = parser.parse_args(argv)
    args.duration = min(max(args.duration, 1.0), 300.0)
    args.max_per_client = min(max(args.max_per_client, 1), 10_000)
    args.clients = [min(max(c, 1), 1000) for c in args.clients]
    if not args.skip_load:
        part_load(args)
    if not args.skip_dossiers:
        if not args.database_url:
            print("\n(dossier throughput skipped: give --database-url or HOSO_TEST_DATABASE_URL)")
        elif not args.database_url.split("@")[-1].startswith(("127.0.0.1", "localhost")):
            print("\n(dossier throughput skipped: loopback PostgreSQL only)")
        else:
            part_dossiers(args, args.database_url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
