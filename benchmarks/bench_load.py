"""Load run of the HTTP service on loopback: concurrent clients rendering PDFs and verifying files.

Run: ``.venv/bin/python benchmarks/bench_load.py [--clients 50] [--duration 30]``
Prints figures; asserts nothing (DESIGN: benchmarks print, tests never time).

By default it starts its own ``hoso serve`` on a free loopback port with a
throw-away data folder (SQLite, test PKI as trust store, validation time
pinned) and stops it at the end; ``--url http://127.0.0.1:8000 --key KEY``
runs against a server you started (loopback only: this is a load generator,
never pointed at someone else's machine).

Each client alternates ``POST /forms/bieu-01/render?format=pdf`` and
``POST /verifications`` with one of ``--pdfs`` distinct signed PDFs (the first
upload of each is really verified, later ones get the stored result), until
``--duration`` seconds have passed or it has made ``--max-per-client``
requests: the run always stops by itself. Printed: requests, throughput, p50
and p95 latency per kind, and the error count by status (goal: no errors,
p95 render-to-PDF under 2 s).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
FORM = "bieu-01"


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: Counter[str] = field(default_factory=Counter)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


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


def start_server(
    data_dir: Path, trust: Path, converters: int, verifiers: int
) -> tuple[subprocess.Popen[bytes], str, str]:
    from tests.support.pki import VALIDATION_TIME

    hoso = str(Path(sys.executable).parent / "hoso")
    env = os.environ | {
        "HOSO_DATA_DIR": str(data_dir),
        "HOSO_TRUST": str(trust),
        "HOSO_VALIDATION_TIME": VALIDATION_TIME.isoformat(),
        "HOSO_CONVERTERS": str(converters),
        "HOSO_VERIFIERS": str(verifiers),
    }
    env.pop("HOSO_DATABASE_URL", None)
    created = subprocess.run(
        [hoso, "keys", "create", "--role", "reviewer", "--label", "bench_load"],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    key = created.stdout.strip().splitlines()[-1]
    port = free_port()
    log = (data_dir / "server.log").open("ab")
    process = subprocess.Popen(
        [hoso, "serve", "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    log.close()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # wait until LibreOffice is warm too
        try:
            health = httpx.get(url + "/health", timeout=2).json()
            if health["converter"]["status"] in ("ready", "unavailable"):
                return process, url, key
        except (httpx.HTTPError, ValueError):
            pass
        time.sleep(0.3)
    process.kill()
    raise SystemExit("the server did not come up; see " + str(data_dir / "server.log"))


async def client(
    number: int, http: httpx.AsyncClient, pdfs: list[bytes], form: dict, stop_at: float,
    max_requests: int, results: Results,
) -> None:  # fmt: skip
    for turn in range(max_requests):
        if time.monotonic() >= stop_at:
            return
        started = time.perf_counter()
        kind = "render_pdf" if (number + turn) % 2 == 0 else "verify"
        try:
            if kind == "render_pdf":
                response = await http.post(
                    f"/forms/{FORM}/render", params={"format": "pdf"}, json=form
                )
                ok = response.status_code == 200 and response.content.startswith(b"%PDF")
            else:
                pdf = pdfs[(number * 7 + turn) % len(pdfs)]
                files = {"file": (f"minh-chung-{number}.pdf", pdf, "application/pdf")}
                response = await http.post("/verifications", files=files)
                ok = response.status_code in (200, 201)
            outcome = str(response.status_code)
        except httpx.HTTPError as exc:
            ok, outcome = False, type(exc).__name__
        elapsed = time.perf_counter() - started
        if ok:
            results.latencies[kind].append(elapsed)
        else:
            results.errors[f"{kind} {outcome}"] += 1


async def run_load(
    url: str, key: str, pdfs: list[bytes], clients: int, duration: float, max_requests: int
) -> tuple[Results, float]:
    form = json.loads((ROOT / "examples" / "forms" / f"{FORM}.json").read_text("utf-8"))
    results = Results()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    timeout = httpx.Timeout(120.0)
    headers = {"Authorization": f"Bearer {key}"}
    async with httpx.AsyncClient(
        base_url=url, headers=headers, limits=limits, timeout=timeout
    ) as http:
        started = time.monotonic()
        stop_at = started + duration
        await asyncio.gather(
            *(client(n, http, pdfs, form, stop_at, max_requests, results) for n in range(clients))
        )
        return results, time.monotonic() - started


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def report(results: Results, elapsed: float, clients: int) -> None:
    total_ok = sum(len(v) for v in results.latencies.values())
    total_errors = sum(results.errors.values())
    print(f"\n{clients} concurrent clients, {elapsed:.1f} s")
    print(f"requests: {total_ok + total_errors} ({total_ok} ok, {total_errors} errors)")
    print(f"throughput: {total_ok / elapsed:.1f} requests/s")
    for kind, values in sorted(results.latencies.items()):
        print(
            f"  {kind:<11} n={len(values):<5} {len(values) / elapsed:6.1f}/s  "
            f"p50 {statistics.median(values) * 1000:7.0f} ms  p95 {percentile(values, 0.95) * 1000:7.0f} ms"
        )
    print(f"errors: {total_errors}" + (f" {dict(results.errors)}" if total_errors else ""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=30.0, help="seconds (bounded)")
    parser.add_argument(
        "--max-per-client", type=int, default=200, help="requests per client (bounded)"
    )
    parser.add_argument("--pdfs", type=int, default=20, help="distinct signed PDFs to verify")
    parser.add_argument(
        "--converters", type=int, default=2, help="LibreOffice instances of the started server"
    )
    parser.add_argument(
        "--verifiers", type=int, default=2, help="verifier processes of the started server"
    )
    parser.add_argument("--url", help="an already running server on loopback")
    parser.add_argument("--key", help="a reviewer key of that server")
    args = parser.parse_args(argv)
    duration = min(max(args.duration, 1.0), 600.0)
    max_requests = min(max(args.max_per_client, 1), 10_000)

    pdfs, trust = signed_pdfs(max(1, args.pdfs))
    process = None
    if args.url:
        host = urlparse(args.url).hostname or ""
        if host not in LOOPBACK:
            raise SystemExit(f"refusing to load {host}: loopback only (127.0.0.1)")
        if not args.key:
            raise SystemExit("--key is required with --url")
        url, key = args.url.rstrip("/"), args.key
        print("note: the server must trust the test PKI for verifications to be 'valid'")
    else:
        data_dir = Path(tempfile.mkdtemp(prefix="hoso-load-"))
        print(
            f"starting hoso serve (data {data_dir}, converters {args.converters}, verifiers {args.verifiers})"
        )
        process, url, key = start_server(data_dir, trust, args.converters, args.verifiers)
    try:
        print(
            f"load: {args.clients} clients, ≤ {duration:g} s, ≤ {max_requests} requests each, against {url}"
        )
        results, elapsed = asyncio.run(
            run_load(url, key, pdfs, args.clients, duration, max_requests)
        )
        report(results, elapsed, args.clients)
    finally:
        if process is not None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
    return 0


if __name__ == "__main__":
    sys.exit(main())
