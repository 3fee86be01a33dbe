"""A real browser against the real site: Debian's Chromium driven by Playwright.

The site runs in a gunicorn process on the test database (PostgreSQL) and the test index,
so pages are served exactly as in production. Under CI a missing browser or PostgreSQL is a
failure, never a skip. Screenshots go to $SCREENSHOTS_DIR when it is set (`make screenshots`).

Every page the tests open (except the axe-core scan, which must bypass the policy to inject
its script) is watched for Content-Security-Policy violations: a `securitypolicyviolation`
event in the page, or a CSP error in the console (also without JavaScript). Any of them fails
the test that opened the page.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, sync_playwright

from tests.conftest import ROOT

# Playwright's sync API runs an event loop in this thread; the test database is only touched
# around it (fixtures), never concurrently, so Django's async guard can stand down here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
CHROMIUM = os.environ.get("WWDW_CHROMIUM", "/usr/bin/chromium")
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 320, "height": 740}
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def _database_url() -> str:
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        pytest.fail("The browser tests serve the site from PostgreSQL: run them via `make test`.")
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def site_url(django_db_setup) -> Iterator[str]:
    """The site under gunicorn on the test database, with the corpus loaded."""
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "DJANGO_SETTINGS_MODULE": "website.settings.test",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "website.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2"],
        cwd=ROOT,
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{url}/zoeken/", timeout=2)
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                pytest.fail("The site did not start under gunicorn.")
            time.sleep(0.3)
    yield url
    server.terminate()
    try:
        server.wait(timeout=30)  # a busy 2-core machine may take a while to stop gracefully
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"No browser at {CHROMIUM}: `make test` installs Debian's chromium.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        yield browser
        browser.close()


# Reports every violation to the test (through an exposed binding, which survives navigation).
_CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__wwdwCspViolation(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline code"} on ` +
      `${document.location.pathname} (${event.sourceFile || "page"}:${event.lineNumber})`
  );
});
"""


class CspWatch:
    """The Content-Security-Policy violations seen in one browser context."""

    def __init__(self, context: BrowserContext) -> None:
        self.violations: list[str] = []
        context.expose_function("__wwdwCspViolation", self._report)
        context.add_init_script(_CSP_LISTENER)
        context.on("console", self._console)

    def _report(self, violation: str) -> None:
        self.violations.append(violation)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            self.violations.append(f"console: {message.text} ({message.location.get('url')})")


def _context(browser: Browser, viewport: dict, *, javascript: bool = True) -> BrowserContext:
    context = browser.new_context(viewport=viewport, java_script_enabled=javascript, locale="nl-NL")
    context.set_default_timeout(10_000)
    return context


def _watched_page(browser: Browser, viewport: dict, *, javascript: bool = True) -> Iterator[Page]:
    """A page in its own context; fails the test on any CSP violation it saw."""
    context = _context(browser, viewport, javascript=javascript)
    watch = CspWatch(context)
    page = context.new_page()
    page.csp_watch = watch  # tests of the watch itself read it
    yield page
    for open_page in context.pages:
        open_page.wait_for_timeout(50)  # deliver events still on their way
    context.close()
    assert watch.violations == [], "Content-Security-Policy violations in the browser"


@pytest.fixture
def page(browser: Browser, site_url: str) -> Iterator[Page]:
    yield from _watched_page(browser, DESKTOP)


@pytest.fixture
def page_without_js(browser: Browser, site_url: str) -> Iterator[Page]:
    yield from _watched_page(browser, DESKTOP, javascript=False)


@pytest.fixture
def phone(browser: Browser, site_url: str) -> Iterator[Page]:
    yield from _watched_page(browser, PHONE)


@pytest.fixture
def axe_page(browser: Browser, site_url: str) -> Iterator[Page]:
    """A page that may inject axe-core (bypassing the site's own CSP, for the scan only)."""
    if not AXE.exists():
        pytest.fail("axe-core is missing: `make install` runs npm ci.")
    context = browser.new_context(viewport=DESKTOP, bypass_csp=True)
    yield context.new_page()
    context.close()


def screenshot(page: Page, name: str) -> None:
    folder = os.environ.get("SCREENSHOTS_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=False)
