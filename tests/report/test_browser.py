"""Open rendered reports in a real headless browser: no console errors, no broken images, offline.

Debian's ``chromium`` is driven through the DevTools protocol over a pipe
(``--remote-debugging-pipe``: messages are NUL-terminated JSON on file
descriptors 3 and 4), so no port is opened. For each page the test collects
console errors, uncaught exceptions, log entries of level error, failed loads
and every request that is not ``file:`` or ``data:`` (a report must not reach
the network), checks that every image decoded, and saves a screenshot into
``build/screenshots/`` (ignored by git).

Skipped with a reason when chromium is absent locally; fails in CI (CI=true).
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from malitrack import paths
from malitrack.report.build import build

pytestmark = pytest.mark.slow

BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--remote-debugging-pipe",
]


def chromium_path() -> str:
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail("chromium is required in CI (apt-get install -y chromium) and was not found")
    pytest.skip("chromium not installed (apt-get install -y chromium); browser tests skipped locally")


class DevTools:
    """A minimal DevTools-protocol client over chromium's debugging pipe."""

    def __init__(self, executable: str, profile_dir: str):
        to_browser_read, self._write_fd = os.pipe()
        self._read_fd, from_browser_write = os.pipe()

        def wire_fds():  # in the child: commands arrive on fd 3, replies leave on fd 4
            commands = fcntl.fcntl(to_browser_read, fcntl.F_DUPFD, 10)
            replies = fcntl.fcntl(from_browser_write, fcntl.F_DUPFD, 10)
            os.dup2(commands, 3)
            os.dup2(replies, 4)

        # close_fds=False: the fds 3 and 4 made in wire_fds must survive into the browser
        self.process = subprocess.Popen(
            [executable, *CHROMIUM_FLAGS, f"--user-data-dir={profile_dir}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=wire_fds,
            close_fds=False,
        )
        os.close(to_browser_read)
        os.close(from_browser_write)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict] = []

    def _read_message(self) -> dict:
        while b"\0" not in self._buffer:
            chunk = os.read(self._read_fd, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the debugging pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._write_fd, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read_message()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method: str, session: str) -> None:
        if any(e.get("method") == method and e.get("sessionId") == session for e in self.events):
            return
        while True:
            event = self._read_message()
            self.events.append(event)
            if event.get("method") == method and event.get("sessionId") == session:
                return

    def close(self) -> None:
        try:
            self.send("Browser.close")
        except (RuntimeError, OSError):
            pass
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._write_fd)
        os.close(self._read_fd)


def load(browser: DevTools, path: Path, width: int = 1200, height: int = 900) -> tuple[str, str]:
    """Open ``path`` in a new tab of ``width`` × ``height`` CSS pixels; returns (target, session)."""
    target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    for domain in ("Page", "Runtime", "Log", "Network"):
        browser.send(f"{domain}.enable", session=session)
    browser.send("Emulation.setDeviceMetricsOverride",
                 {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600}, session=session)
    browser.send("Page.navigate", {"url": path.resolve().as_uri()}, session=session)
    browser.wait_for("Page.loadEventFired", session)
    return target, session


def evaluate(browser: DevTools, session: str, expression: str):
    """The JSON value of a JavaScript expression in the page."""
    return browser.send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True},
                        session=session)["result"].get("value")


def open_page(browser: DevTools, path: Path, screenshot: Path) -> dict:
    """Load ``path``; return its problems, image and chart counts, language and title; save a screenshot."""
    target, session = load(browser, path)
    images = browser.send(
        "Runtime.evaluate",
        {"expression": "JSON.stringify({total: document.images.length, broken: Array.from(document.images)"
                       ".filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src.slice(-60)),"
                       " charts: document.querySelectorAll('figure.chart svg, figure.chart img').length,"
                       " lang: document.documentElement.lang,"
                       " title: document.title, text: document.body.innerText.length})",
         "returnByValue": True},
        session=session,
    )["result"]["value"]
    shot = browser.send("Page.captureScreenshot", {"format": "png"}, session=session)
    screenshot.parent.mkdir(parents=True, exist_ok=True)
    screenshot.write_bytes(base64.b64decode(shot["data"]))
    browser.send("Target.closeTarget", {"targetId": target})

    problems = []
    for event in (e for e in browser.events if e.get("sessionId") == session):
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            problems.append(f"console error: {params.get('args')}")
        elif method == "Runtime.exceptionThrown":
            problems.append(f"exception: {params['exceptionDetails'].get('text')}")
        elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
            problems.append(f"log error: {params['entry'].get('text')} {params['entry'].get('url', '')}")
        elif method == "Network.loadingFailed":
            problems.append(f"failed load: {params.get('errorText')}")
        elif method == "Network.requestWillBeSent":
            url = params["request"]["url"]
            if not url.startswith(("file:", "data:", "about:")):
                problems.append(f"network request: {url}")
    return {"problems": problems, **json.loads(images)}


@pytest.fixture(scope="module")
def browser():
    executable = chromium_path()
    profile = tempfile.mkdtemp(prefix="malitrack-chromium-")
    devtools = DevTools(executable, profile)
    yield devtools
    devtools.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def rendered_reports(fixture_tree):
    """``build`` in a temporary copy of the fixture tree (see conftest.py): the index and the four reports."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MALITRACK_HOME", str(fixture_tree))
        built = build(jobs=2, progress=lambda message: None)
    return [built[-1]] + built[:-1]  # the index first


def test_index_and_reports_open_cleanly_in_chromium(browser, rendered_reports, tmp_path):
    screenshots = tmp_path / "screenshots"
    names = [page.name for page in rendered_reports]
    assert names[0] == "index.html" and "incident_profile--amassine-2024-05-19.fr.html" in names
    assert len(names) == 1 + 2 * 6  # the index, then five reports and a second profile, in two languages
    folder = rendered_reports[0].parent
    for page in rendered_reports + [folder / name for name in ("index.en.html", "method.html", "method.en.html")]:
        result = open_page(browser, page, screenshots / f"{page.stem}.png")
        assert result["problems"] == [], f"{page.name}: {result['problems']}"
        assert result["broken"] == [], f"{page.name}: broken images {result['broken']}"
        assert result["text"] > 100, f"{page.name} looks empty"
        expected_lang = "en" if ".en." in page.name else "fr"
        assert result["lang"] == expected_lang, f"{page.name} says lang={result['lang']!r}"
        if page.name.startswith(("casualty_trends", "source_disagreement", "incident_profile")):
            assert result["charts"] >= 1, f"{page.name}: the chart is missing"
        if page.name.startswith("incident_profile"):
            assert result["title"].startswith(("Profil d'incident", "Incident profile"))
        assert (screenshots / f"{page.stem}.png").stat().st_size > 1000


def test_typing_in_the_index_search_narrows_the_rows(browser, rendered_reports):
    target, session = load(browser, rendered_reports[0])
    count = "document.querySelectorAll('#incidents tbody tr:not([hidden])').length"
    assert evaluate(browser, session, count) == 2  # the fixture's two incidents
    assert evaluate(browser, session, "document.getElementById('filters').hidden") is False
    browser.send("Runtime.evaluate", {"expression": "document.getElementById('search').focus()"}, session=session)
    browser.send("Input.insertText", {"text": "Sobané"}, session=session)  # accents and case folded
    assert evaluate(browser, session, count) == 1
    visible = evaluate(browser, session, "document.querySelector('#incidents tbody tr:not([hidden])').dataset.place")
    assert "Sobane" in visible or "Sobané" in visible
    assert "1" in evaluate(browser, session, "document.getElementById('shown').textContent")
    browser.send("Target.closeTarget", {"targetId": target})


def test_a_profile_reads_on_a_phone(browser, rendered_reports):
    """At 390 px: nothing scrolls sideways outside the tables, and the first chart fits the screen."""
    for name in ("incident_profile--amassine-2024-05-19.fr.html", "incident_profile--sobane-da-2019-06-09.en.html"):
        page = next(page for page in rendered_reports if page.name == name)
        target, session = load(browser, page, width=390, height=844)
        assert evaluate(browser, session, "document.documentElement.scrollWidth") <= 390, name
        chart = evaluate(browser, session, "(() => { const r = document.querySelector('figure.chart').getBoundingClientRect();"
                                           " return {left: r.left, right: r.right, width: r.width}; })()")
        assert chart["left"] >= 0 and chart["right"] <= 390 and chart["width"] > 300, (name, chart)
        # the claims are cards: no claims table wider than the screen
        widest = evaluate(browser, session, "Math.max(...Array.from(document.querySelectorAll('table.cards'))"
                                            ".map(t => t.getBoundingClientRect().width))")
        assert widest <= 390, (name, widest)
        browser.send("Target.closeTarget", {"targetId": target})


def test_browser_reports_a_broken_image_and_a_network_request(browser, tmp_path):
    """The checks above can fail: a page with a missing image and a remote script is caught."""
    page = tmp_path / "broken.html"
    page.write_text(
        '<!DOCTYPE html><html><head><title>broken</title>'
        '<script src="http://127.0.0.1:9/require.js"></script></head>'
        '<body><p>A report with problems.</p><img src="missing.png"></body></html>',
        encoding="utf-8",
    )
    result = open_page(browser, page, tmp_path / "broken.png")
    assert len(result["broken"]) == 1 and result["broken"][0].endswith("missing.png")
    assert any("network request: http://127.0.0.1:9/require.js" in p for p in result["problems"])
