"""Security headers everywhere; no inline script or style; /docs from this server; what is open.

What is open without a key is listed once, in ``api.access``; this test
holds the service to that list: the page, ``/health``, ``/labels``,
``/docs`` with its assets and ``/openapi.json`` answer without a key,
everything else answers 401.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from api.access import STATIC_DIR
from api.docs import DOCS_UI
from api.headers import CSP
from tests.api.conftest import Service


def assert_secured(response) -> None:  # type: ignore[no-untyped-def]
    assert response.headers["content-security-policy"] == CSP
    assert "frame-ancestors 'none'" in CSP and "script-src 'self'" in CSP
    assert "unsafe-inline" not in CSP
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "no-referrer"


def test_every_kind_of_answer_carries_the_headers(service: Service) -> None:
    """The page, health, an API answer, a 401, a 404 and a validation error."""
    reviewer = service.as_role("reviewer")
    for response in (
        service.client.get("/"),
        service.client.get("/app.js"),
        service.client.get("/health"),
        service.client.get("/catalogs", headers=reviewer),
        service.client.get("/catalogs"),
        service.client.get("/nowhere", headers=reviewer),
        service.client.post("/assessments/evaluate", json=[], headers=reviewer),
    ):
        assert_secured(response)
    assert service.client.get("/catalogs", headers=reviewer).headers["cache-control"] == "no-store"


class InlineFinder(HTMLParser):
    """Collects inline scripts, inline styles, style attributes and event handlers."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {name for name, _ in attrs}
        if tag == "script" and "src" not in names:
            self._in = "script"
        if tag == "style":
            self._in = "style"
        self.found += [f"{tag}[{n}]" for n in names if n == "style" or n.startswith("on")]

    def handle_data(self, data: str) -> None:
        if self._in and data.strip():
            self.found.append(f"inline {self._in}")

    def handle_endtag(self, tag: str) -> None:
        self._in = None


@pytest.mark.parametrize("page", [STATIC_DIR / "index.html", DOCS_UI / "index.html"])
def test_pages_have_no_inline_script_or_style(page) -> None:  # type: ignore[no-untyped-def]
    finder = InlineFinder()
    finder.feed(page.read_text("utf-8"))
    assert finder.found == []
    assert not re.search(r"https?://", page.read_text("utf-8")), "no CDN or outside URL"


def test_scripts_set_no_inline_style_or_html(service: Service) -> None:
    """The page's scripts build DOM nodes; they never write HTML or style attributes."""
    scripts = sorted(STATIC_DIR.glob("*.js"))
    assert len(scripts) >= 4
    for path in scripts:
        script = path.read_text("utf-8")
        assert "innerHTML" not in script and "outerHTML" not in script, path.name
        assert 'setAttribute("style"' not in script and ".style." not in script, path.name
        assert '"style"' not in script, path.name


def test_docs_are_served_from_this_server(service: Service) -> None:
    page = service.client.get("/docs")
    assert page.status_code == 200 and "swagger-ui" in page.text
    for asset in (
        "/docs/init.js",
        "/docs/assets/swagger-ui-bundle.js",
        "/docs/assets/swagger-ui.css",
    ):
        response = service.client.get(asset)
        assert response.status_code == 200 and len(response.content) > 100, asset
    assert service.client.get("/openapi.json").json()["info"]["title"] == "hoso"


def test_what_is_open_and_what_needs_a_key(service: Service) -> None:
    for path in (
        "/",
        "/app.js",
        "/panel.js",
        "/dom.js",
        "/dossier.js",
        "/app.css",
        "/health",
        "/labels",
        "/docs",
        "/openapi.json",
    ):
        assert service.client.get(path).status_code == 200, path
    for method, path in (
        ("GET", "/catalogs"),
        ("GET", "/forms"),
        ("GET", "/assessments/schema"),
        ("GET", "/keys"),
        ("GET", "/dossiers/x"),
        ("POST", "/verifications"),
        ("GET", "/nowhere"),
    ):
        response = service.client.request(method, path)
        assert response.status_code == 401, (method, path)
        assert response.json()["error"]["code"] == "UNAUTHENTICATED"
