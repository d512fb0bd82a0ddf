"""Drive Debian's headless Chromium over the Chrome DevTools Protocol (no browser download).

Used by the browser test (tests/render/test_browser.py) and by scripts/screenshot.py.
Chromium starts with a fresh profile, background networking off and the debugging port
chosen by the browser (read back from DevToolsActivePort); we talk to it over one
websocket (``websocket-client``) with flattened target sessions.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM = os.environ.get("RUNLIFT_CHROMIUM", "/usr/bin/chromium")
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--mute-audio",
    "--remote-allow-origins=*", "--remote-debugging-port=0",
)
START_TIMEOUT = 30.0
EVENT_TIMEOUT = 30.0


def chromium_path() -> str | None:
    """The Chromium binary, or None when it is not installed."""
    found = shutil.which(CHROMIUM) if not os.path.isabs(CHROMIUM) else CHROMIUM
    return found if found and os.access(found, os.X_OK) else None


@dataclass
class PageLoad:
    """What one page did while it loaded: its requests, console output and errors."""

    url: str
    requests: list[str] = field(default_factory=list)
    console: list[tuple[str, str]] = field(default_factory=list)  # (level, text)
    exceptions: list[str] = field(default_factory=list)
    log_entries: list[tuple[str, str]] = field(default_factory=list)  # (level, text)

    @property
    def errors(self) -> list[str]:
        """Console errors, uncaught exceptions and browser log errors (CSP, failed loads)."""
        return ([text for level, text in self.console if level in ("error", "assert")]
                + self.exceptions
                + [text for level, text in self.log_entries if level == "error"])

    @property
    def foreign_requests(self) -> list[str]:
        """Every request other than the page itself."""
        return [url for url in self.requests if url != self.url]


class Chromium:
    """A headless Chromium with one page, as a context manager."""

    def __init__(self, width: int = 1100, height: int = 900) -> None:
        self.width, self.height = width, height
        self._profile = tempfile.mkdtemp(prefix="runlift-chromium-")
        self._process: subprocess.Popen[bytes] | None = None
        self._ws: Any = None
        self._next_id = 0
        self._session = ""
        self._pending: list[dict[str, Any]] = []

    # --- lifecycle -------------------------------------------------------------------
    def __enter__(self) -> Chromium:
        import websocket

        binary = chromium_path()
        if binary is None:
            raise FileNotFoundError(f"Chromium not found at {CHROMIUM}")
        self._process = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={self._profile}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        port, path = self._wait_for_port()
        self._ws = websocket.create_connection(f"ws://127.0.0.1:{port}{path}",
                                               timeout=EVENT_TIMEOUT, suppress_origin=True)
        target = self.call("Target.createTarget", {"url": "about:blank"}, browser=True)
        attached = self.call("Target.attachToTarget",
                             {"targetId": target["targetId"], "flatten": True}, browser=True)
        self._session = attached["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable")
        self.resize(self.width, self.height)
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if self._ws is not None:
                self.call("Browser.close", browser=True)
                self._ws.close()
        except Exception:  # the browser may already be gone; it is killed below
            pass
        if self._process is not None:
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        shutil.rmtree(self._profile, ignore_errors=True)

    def _wait_for_port(self) -> tuple[int, str]:
        marker = Path(self._profile) / "DevToolsActivePort"
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self._process is not None and self._process.poll() is not None:
                raise RuntimeError(f"Chromium exited with code {self._process.returncode}")
            lines = marker.read_text().split("\n") if marker.exists() else []
            if len(lines) >= 2 and lines[0].isdigit() and lines[1]:
                return int(lines[0]), lines[1]
            time.sleep(0.05)
        raise TimeoutError("Chromium did not open its debugging port")

    # --- protocol ----------------------------------------------------------------------
    def call(self, method: str, params: dict[str, Any] | None = None, *,
             browser: bool = False) -> dict[str, Any]:
        """Send one command and wait for its answer; events that arrive meanwhile are kept."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method,
                                   "params": params or {}}
        if not browser:
            message["sessionId"] = self._session
        self._ws.send(json.dumps(message))
        while True:
            reply = json.loads(self._ws.recv())
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self._pending.append(reply)

    def _events(self, until: str) -> list[dict[str, Any]]:
        """Every event up to and including the first ``until`` event."""
        seen = []
        deadline = time.monotonic() + EVENT_TIMEOUT
        while time.monotonic() < deadline:
            event = self._pending.pop(0) if self._pending else json.loads(self._ws.recv())
            if "method" not in event:
                continue
            seen.append(event)
            if event["method"] == until:
                return seen
        raise TimeoutError(f"no {until} event")

    # --- what the tests and the screenshot script use ------------------------------------
    def resize(self, width: int, height: int, *, mobile: bool = False) -> None:
        self.width, self.height = width, height
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})

    def load(self, path: Path) -> PageLoad:
        """Open a local file and record what happened until its load event (plus a beat,
        so late console messages are caught too)."""
        url = path.resolve().as_uri()
        record = PageLoad(url=url)
        self._pending.clear()
        self.call("Page.navigate", {"url": url})
        events = self._events("Page.loadEventFired")
        self.evaluate("new Promise(r => requestAnimationFrame(() => setTimeout(r, 100)))",
                      await_promise=True)
        events += self._pending
        self._pending = []
        for event in events:
            self._record(record, event)
        return record

    @staticmethod
    def _record(record: PageLoad, event: dict[str, Any]) -> None:
        method, params = event["method"], event.get("params", {})
        if method == "Network.requestWillBeSent":
            record.requests.append(params["request"]["url"])
        elif method == "Runtime.consoleAPICalled":
            text = " ".join(str(a.get("value", a.get("description", ""))) for a in params["args"])
            record.console.append((params["type"], text))
        elif method == "Runtime.exceptionThrown":
            record.exceptions.append(params["exceptionDetails"].get("text", "exception"))
        elif method == "Log.entryAdded":
            entry = params["entry"]
            record.log_entries.append((entry["level"], entry.get("text", "")))

    def evaluate(self, expression: str, *, await_promise: bool = False) -> Any:
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": await_promise})
        if "exceptionDetails" in result:
            raise RuntimeError(f"evaluate failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, *, full_page: bool = True, max_height: int | None = None) -> bytes:
        """A PNG of the page: the whole document, or its top ``max_height`` pixels."""
        height = self.height
        if full_page:
            height = int(self.evaluate("document.documentElement.scrollHeight"))
        if max_height is not None:
            height = min(height, max_height)
        clip = {"x": 0, "y": 0, "width": self.width, "height": height, "scale": 1}
        shot = self.call("Page.captureScreenshot",
                         {"format": "png", "clip": clip, "captureBeyondViewport": True})
        return base64.b64decode(shot["data"])
