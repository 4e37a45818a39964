"""Network access of one verification (``--online``): a deadline, and every failure named.

pyhanko-certvalidator fetches CRLs, OCSP responses and missing issuers (AIA
caIssuers) through aiohttp. This module hands its fetchers a session that

- bounds every request (``REQUEST_TIMEOUT_S``) and the whole file
  (``FILE_BUDGET_S``), so an unreachable network costs seconds, not minutes;
- remembers, for a few minutes, hosts that did not answer, so a batch does
  not wait on them again file after file;
- records every failure with its host and a Vietnamese reason, so the report
  can say that the network could not be reached and that its result is the
  offline one.

Issuers fetched through AIA are kept (``issuers``) so the caller can store
them for the next run.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

import aiohttp
from asn1crypto import x509
from pyhanko_certvalidator.fetchers.aiohttp_fetchers import AIOHttpFetcherBackend
from pyhanko_certvalidator.fetchers.api import Fetchers

REQUEST_TIMEOUT_S = 3.0
FILE_BUDGET_S = 4.0
DOWN_HOST_TTL_S = 300.0

_down_hosts: dict[str, tuple[float, str]] = {}
"""host → (when it failed, why), shared by every file this process verifies."""


@dataclass(frozen=True)
class NetworkFailure:
    """One request that did not give an answer: where, and why (Vietnamese)."""

    url: str
    host: str
    reason: str


def _host(url: str) -> str:
    parts = urlsplit(url)
    return parts.netloc or url


def _reason(exc: BaseException, timeout: float) -> str:
    if isinstance(exc, aiohttp.ClientResponseError):
        return f"máy chủ trả lời lỗi HTTP {exc.status}"
    if isinstance(exc, (asyncio.TimeoutError, TimeoutError)):
        return f"không trả lời trong {timeout:g} giây"
    if isinstance(exc, aiohttp.ClientConnectorError):
        return "không kết nối được (mạng không tới được máy chủ hoặc máy chủ từ chối)"
    return "lỗi kết nối mạng"


class _GuardedRequest:
    """``session.get/post(...)`` as an async context manager, with the guard around it."""

    def __init__(self, access: OnlineAccess, method: str, url: str, kwargs: dict[str, Any]):
        self.access, self.method, self.url, self.kwargs = access, method, url, kwargs
        self._cm: Any = None
        self._timeout = REQUEST_TIMEOUT_S

    async def __aenter__(self) -> aiohttp.ClientResponse:
        self._timeout = self.access.admit(self.url)
        self.kwargs["timeout"] = aiohttp.ClientTimeout(total=self._timeout)
        session = self.access.session()
        self._cm = getattr(session, self.method)(url=self.url, **self.kwargs)
        try:
            response: aiohttp.ClientResponse = await self._cm.__aenter__()
        except aiohttp.ClientResponseError as exc:
            self.access.record(self.url, _reason(exc, self._timeout), down=False)
            raise
        except (aiohttp.ClientError, TimeoutError, OSError) as exc:
            self.access.record(self.url, _reason(exc, self._timeout), down=True)
            raise aiohttp.ServerTimeoutError(str(exc)) from exc
        return response

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool | None:
        result = await self._cm.__aexit__(exc_type, exc, tb)
        if isinstance(exc, TimeoutError) and not isinstance(exc, aiohttp.ClientError):
            # a body that stops arriving: make it an error the fetchers handle
            self.access.record(self.url, _reason(exc, self._timeout), down=True)
            raise aiohttp.ServerTimeoutError(str(exc)) from exc
        return bool(result)


class _GuardedSession:
    """Quacks like ``aiohttp.ClientSession`` for certvalidator's fetchers."""

    def __init__(self, access: OnlineAccess) -> None:
        self.access = access

    def get(self, url: str, **kwargs: Any) -> _GuardedRequest:
        return _GuardedRequest(self.access, "get", url, kwargs)

    def post(self, url: str, **kwargs: Any) -> _GuardedRequest:
        return _GuardedRequest(self.access, "post", url, kwargs)


@dataclass
class OnlineAccess:
    """The network of one file's verification; create and close inside its event loop."""

    budget_s: float = FILE_BUDGET_S
    failures: list[NetworkFailure] = field(default_factory=list)
    issuers: list[x509.Certificate] = field(default_factory=list)
    _started: float = field(default_factory=time.monotonic)
    _session: aiohttp.ClientSession | None = None
    _backends: list[Fetchers] = field(default_factory=list)

    def session(self) -> aiohttp.ClientSession:
        if self._session is None:
            self._session = aiohttp.ClientSession()
        return self._session

    def fetchers(self) -> Fetchers:
        """Fresh fetchers (their own caches and budget) for one validation context."""
        backend = AIOHttpFetcherBackend(
            session=_GuardedSession(self),  # type: ignore[arg-type]
            per_request_timeout=REQUEST_TIMEOUT_S,
        )
        fetchers = backend.get_fetchers()
        self._backends.append(fetchers)
        return fetchers

    def admit(self, url: str) -> float:
        """The time this request may take; refuses known-down hosts and a spent budget."""
        host = _host(url)
        down = _down_hosts.get(host)
        if down is not None and time.monotonic() - down[0] < DOWN_HOST_TTL_S:
            self.record(url, f"bỏ qua vì vừa không tới được: {down[1]}", down=False)
            raise aiohttp.ClientConnectionError(f"{host} recently unreachable")
        remaining = self.budget_s - (time.monotonic() - self._started)
        if remaining <= 0.05:
            self.record(url, "bỏ qua: đã hết thời gian tra cứu trực tuyến dành cho tệp", down=False)
            raise aiohttp.ClientConnectionError("online budget spent")
        return min(REQUEST_TIMEOUT_S, remaining)

    def record(self, url: str, reason: str, *, down: bool) -> None:
        host = _host(url)
        self.failures.append(NetworkFailure(url, host, reason))
        if down:
            _down_hosts[host] = (time.monotonic(), reason)

    def keep_issuers(self, certs: Iterable[x509.Certificate]) -> None:
        """Remember certificates fetched through AIA (the caller stores them for next time)."""
        for cert in certs:
            if all(cert.dump() != c.dump() for c in self.issuers):
                self.issuers.append(cert)

    def failures_since(self, count: int) -> list[NetworkFailure]:
        return self.failures[count:]

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None


def describe(failures: list[NetworkFailure]) -> str:
    """One Vietnamese sentence naming every host that could not be reached, and why."""
    by_host: dict[str, str] = {}
    for failure in failures:
        by_host.setdefault(failure.host, failure.reason)
    hosts = "; ".join(f"{host}: {reason}" for host, reason in by_host.items())
    return (
        f"Không tra cứu trực tuyến được ({hosts}). Kết quả dưới đây là kết quả kiểm tra "
        "ngoại tuyến, chỉ dựa trên dữ liệu có trong tệp và kho tin cậy; kiểm tra kết nối "
        "mạng tới các máy chủ này rồi chạy lại."
    )


def forget_down_hosts() -> None:
    """Clear the memory of unreachable hosts (a new network, or a test)."""
    _down_hosts.clear()
