"""Overload degrades, never fails: bounded classes answer 503 with Retry-After, /health goes on.

A real server on loopback with small bounds (two catalog requests at a time,
four waiting, a short wait) and a hundred requests at once: every answer is
200 or 503 with the envelope and ``Retry-After``, the database pool is never
exhausted (no 500), and ``/health``, asked over and over meanwhile, always
answers 200. Timings are the benchmark's business (``bench_load.py``), not
this test's.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import httpx

from api.settings import Settings
from tests.api.live import live_server


def test_a_hundred_requests_at_once_get_only_200_or_503_and_health_answers(
    settings: Settings,
) -> None:
    """100 concurrent GET /catalogs against 2 slots: 200 or 503 + Retry-After; /health 200."""
    bounded = settings.model_copy(
        update={"limit_read": 2, "queue_depth": 4, "queue_wait_s": 0.2, "limit_upload": 1}
    )
    with live_server(bounded) as live:
        headers = {"Authorization": f"Bearer {live.key('reviewer')}"}
        stop = threading.Event()
        health: list[int] = []

        def watch_health() -> None:
            with httpx.Client(base_url=live.base, timeout=30) as client:
                while not stop.is_set():
                    health.append(client.get("/health").status_code)

        def catalog(_: int) -> httpx.Response:
            with httpx.Client(base_url=live.base, headers=headers, timeout=60) as client:
                return client.get("/catalogs/yenbai-2024-xa")

        watcher = threading.Thread(target=watch_health)
        watcher.start()
        try:
            with ThreadPoolExecutor(100) as pool:
                responses = list(pool.map(catalog, range(100)))
        finally:
            stop.set()
            watcher.join(30)
        statuses = [r.status_code for r in responses]
        assert set(statuses) <= {200, 503}, statuses
        assert statuses.count(200) >= 2 and statuses.count(503) >= 1
        busy = next(r for r in responses if r.status_code == 503)
        assert int(busy.headers["retry-after"]) >= 1
        error = busy.json()["error"]
        assert error["code"] == "SERVICE_BUSY" and "thử lại" in error["message"]
        assert health and set(health) == {200}
        snapshot = httpx.get(f"{live.base}/health").json()["requests"]["read"]
        assert snapshot["limit"] == 2 and snapshot["active"] == 0


def test_a_full_class_does_not_block_another(settings: Settings, signed_pdf: bytes) -> None:
    """Uploads piling up do not stop reads: the classes have separate slots."""
    bounded = settings.model_copy(update={"limit_verify": 1, "queue_depth": 0})
    with live_server(bounded) as live:
        headers = {"Authorization": f"Bearer {live.key('reviewer')}"}

        def upload(n: int) -> int:
            files = {"file": (f"ban-{n}.pdf", signed_pdf, "application/pdf")}
            return httpx.post(
                f"{live.base}/verifications", files=files, headers=headers, timeout=60
            ).status_code

        with ThreadPoolExecutor(8) as pool:
            uploads = pool.map(upload, range(8))
            read = httpx.get(f"{live.base}/catalogs", headers=headers, timeout=30)
            statuses = list(uploads)
        assert read.status_code == 200
        assert set(statuses) <= {200, 201, 503} and 503 in statuses
