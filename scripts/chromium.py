"""Debian's headless Chromium, driven by Playwright's sync API.

Used by the browser test (tests/render/test_browser.py) and by scripts/screenshot.py.
Nothing is downloaded: Playwright launches the system's /usr/bin/chromium (or
RUNLIFT_CHROMIUM), never a browser of its own, so `playwright install` is not needed.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM = os.environ.get("RUNLIFT_CHROMIUM", "/usr/bin/chromium")
# --no-sandbox because CI runs as root. The rest keeps Chromium off the network: without
# them it keeps trying to reach update, sync and field-trial servers it cannot reach.
ARGS = (
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
)
# After the load event, one frame and a beat more, so that late console messages count.
SETTLE_JS = "() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 100)))"


def chromium_path() -> str | None:
    """The Chromium binary, or None when it is not installed."""
    found = CHROMIUM if os.path.isabs(CHROMIUM) else shutil.which(CHROMIUM)
    return found if found and os.access(found, os.X_OK) else None


@contextmanager
def launch() -> Iterator[Browser]:
    """A headless Chromium for as long as the ``with`` block lasts."""
    from playwright.sync_api import sync_playwright

    binary = chromium_path()
    if binary is None:
        raise FileNotFoundError(f"Chromium not found at {CHROMIUM}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=binary, args=list(ARGS))
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def new_page(browser: Browser, width: int, height: int, *,
             mobile: bool = False) -> Iterator[Page]:
    """A page in a fresh context (no shared state) with a ``width`` x ``height`` viewport;
    ``mobile`` emulates a phone (the meta viewport applies, touch, no scrollbars)."""
    context = browser.new_context(viewport={"width": width, "height": height},
                                  device_scale_factor=1, is_mobile=mobile, has_touch=mobile)
    try:
        yield context.new_page()
    finally:
        context.close()


@dataclass
class PageLoad:
    """What one page did while it loaded: every request, and every console message or
    page error at error level (a refused fetch under the CSP is one of those)."""

    url: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def foreign_requests(self) -> list[str]:
        """Every request other than the page itself."""
        return [url for url in self.requests if url != self.url]


def load(page: Page, path: Path) -> PageLoad:
    """Open a local file in ``page`` and record what happened until it settled."""
    record = PageLoad(url=path.resolve().as_uri())

    def on_console(message) -> None:
        if message.type in ("error", "assert"):
            record.errors.append(message.text)

    handlers = {
        "request": lambda request: record.requests.append(request.url),
        "console": on_console,
        "pageerror": lambda error: record.errors.append(str(error)),
        "requestfailed": lambda request: record.errors.append(
            f"{request.url}: {request.failure}"),
    }
    for event, handler in handlers.items():
        page.on(event, handler)
    try:
        page.goto(record.url, wait_until="load")
        page.evaluate(SETTLE_JS)
    finally:
        for event, handler in handlers.items():
            page.remove_listener(event, handler)
    return record


def screenshot(page: Page, *, max_height: int | None = None) -> bytes:
    """A PNG of the whole page, or of its top ``max_height`` CSS pixels."""
    if max_height is None:
        return page.screenshot(full_page=True)
    height = min(max_height, int(page.evaluate("document.documentElement.scrollHeight")))
    width = page.viewport_size["width"]  # new_page always sets one
    return page.screenshot(full_page=True,
                           clip={"x": 0, "y": 0, "width": width, "height": height})
