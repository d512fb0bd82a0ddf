"""The HTML reports, opened in a real headless Chromium (Debian's `chromium` package).

For each report: a screenshot that is not blank, the expected elements in the DOM after
load, no console error and no network request other than the file itself. Screenshots
are kept under artifacts/screenshots/ (git-ignored) for people to look at.

Skipped when Chromium is not installed, except in CI (the CI variable set), where a
missing browser is a failure: .ci/run installs it.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest

from runlift import load_scenario, solve
from runlift.models.scenario import Scenario
from runlift.render.html import solve_report
from runlift.render.week import split_weeks

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = sorted(p for p in (ROOT / "scenarios").iterdir()
                   if p.suffix in (".yaml", ".toml", ".json"))
ARTIFACTS = ROOT / "artifacts" / "screenshots"
SCRIPT = "<script>alert(1)</script>"

sys.path.insert(0, str(ROOT / "scripts"))
import cdp  # noqa: E402  (scripts/ is not a package; it holds the CDP driver)


def _missing(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must run the browser test (.ci/run installs chromium)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    if cdp.chromium_path() is None:
        _missing(f"Chromium is not installed at {cdp.CHROMIUM}")
    for module in ("websocket", "PIL"):
        try:
            __import__(module)
        except ImportError:
            _missing(f"{module} is not installed (pip install -e '.[test]')")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with cdp.Chromium(width=1100, height=900) as chromium:
        yield chromium


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("reports")


def distinct_colours(png: bytes) -> int:
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.width > 100 and image.height > 100
    return len(image.getcolors(maxcolors=1 << 24) or [])


def open_report(browser, path: Path, shot_name: str) -> cdp.PageLoad:
    """Load, check errors and requests, and keep a screenshot that must not be blank."""
    load = browser.load(path)
    assert load.errors == [], f"{path.name}: console or page errors {load.errors}"
    assert load.foreign_requests == [], f"{path.name} fetched {load.foreign_requests}"
    assert load.requests == [load.url]
    png = browser.screenshot()
    (ARTIFACTS / shot_name).write_bytes(png)
    assert distinct_colours(png) > 50, f"{shot_name} looks blank"
    return load


def text_of(browser, selector: str) -> str:
    return browser.evaluate(f"document.querySelector({selector!r}).textContent")


def count(browser, selector: str) -> int:
    return int(browser.evaluate(f"document.querySelectorAll({selector!r}).length"))


@pytest.mark.parametrize("scenario_file", SCENARIOS, ids=lambda p: p.name)
def test_example_reports_render(browser, out_dir, scenario_file):
    sc = load_scenario(scenario_file)
    result = solve(sc)
    page = out_dir / f"{scenario_file.stem}.html"
    page.write_text(solve_report(result, sc.problem), encoding="utf-8")
    open_report(browser, page, f"solve-{scenario_file.stem}.png")
    assert text_of(browser, "h1") == sc.name
    assert count(browser, "script") == 0
    if result.has_plan:
        assert count(browser, "table.week .block") == len(result.plan)
        weeks = len(split_weeks(len(result.days)))
        assert count(browser, "table.week tbody tr") == len(result.slots) * weeks
        assert count(browser, "svg.chart rect.bar") == len(result.days)
        assert count(browser, "svg.chart line.mean") == weeks
        assert count(browser, "table.metrics svg.gauge") == 2
        assert count(browser, "#why ul.why > li") == len(result.plan)
        # The grid is what shows at desktop width, not the phone list.
        assert browser.evaluate(
            "getComputedStyle(document.querySelector('.week-list')).display") == "none"
    else:
        assert count(browser, "ul.conflicts li") == len(result.conflicts) > 0
        assert count(browser, "ul.relax li") == len(result.relaxations) > 0
        assert count(browser, "table.week") == 0


def test_report_is_readable_at_phone_width(browser, out_dir):
    sc = load_scenario(ROOT / "scenarios" / "half-marathon-build.yaml")
    page = out_dir / "phone.html"
    page.write_text(solve_report(solve(sc), sc.problem), encoding="utf-8")
    browser.resize(390, 844, mobile=True)
    try:
        open_report(browser, page, "solve-phone.png")
        # Nothing wider than the screen; the week shows as a list of days instead.
        assert browser.evaluate("document.documentElement.scrollWidth") <= 390
        assert browser.evaluate(
            "getComputedStyle(document.querySelector('.week-wrap')).display") == "none"
        assert count(browser, ".week-list > li") == 7
        font = browser.evaluate("parseFloat(getComputedStyle(document.querySelector("
                                "'.week-list .block .name')).fontSize)")
        assert font >= 11
    finally:
        browser.resize(1100, 900)


def test_hostile_names_show_as_text_and_run_nothing(browser, out_dir):
    sc = Scenario.model_validate({
        "name": SCRIPT, "week_start": "2027-03-01",
        "sessions": {"<img src=x onerror=alert(2)>": 1, "easy_run": 1},
        "catalog": {"<img src=x onerror=alert(2)>": {"kind": "run", "intensity": "hard",
                                                      "minutes": 40, "rpe": 7}},
    })
    page = out_dir / "hostile.html"
    page.write_text(solve_report(solve(sc), sc.problem), encoding="utf-8")
    open_report(browser, page, "solve-hostile.png")
    assert text_of(browser, "h1") == SCRIPT
    assert browser.evaluate("document.title").startswith(SCRIPT)
    assert count(browser, "script") == 0 and count(browser, "img") == 0
    assert "<img src=x onerror=alert(2)>" in text_of(browser, "table.week")


def test_compare_report_renders(browser, out_dir):
    from runlift.compare import build_alternatives, build_table, compare, render_comparison

    files = [ROOT / "scenarios" / "legs-stack.yaml", ROOT / "scenarios" /
             "unsolvable-race-week.yaml"]
    comparison = compare(build_alternatives(files, ["rules.legs_policy=any,separate"]),
                         workers=1)
    page = out_dir / "compare.html"
    page.write_text(render_comparison(comparison, "html", diff=True), encoding="utf-8")
    browser.resize(1440, 900)
    try:
        open_report(browser, page, "compare.png")
    finally:
        browser.resize(1100, 900)
    table = build_table(comparison)
    assert count(browser, "section.alternative") == 4
    assert count(browser, "table.metrics-cmp td.best") == sum(len(v) for v in table.best.values())
    assert count(browser, "section.alternative table.week") == 2
    assert count(browser, "section.alternative ul.conflicts") == 2
    assert count(browser, "#diff ul.diff > li") == 3


def test_squad_index_and_athlete_reports_render(browser, tmp_path):
    from click.testing import CliRunner

    from runlift.cli.main import main

    squad = tmp_path / "squad.yaml"
    squad.write_text(
        "squad: Riverside RC\ndefaults:\n  week_start: 2027-03-01\n"
        "  sessions: {easy_run: 3, long_run: 1, tempo: 1, lower_strength: 1}\n"
        f"athletes:\n  - {{name: Ana}}\n  - {{name: '{SCRIPT}'}}\n"
        "  - {name: Cleo, sessions: {easy_run: 20}}\n", encoding="utf-8")
    out = tmp_path / "plans"
    result = CliRunner().invoke(main, ["batch", str(squad), "--out", str(out), "--html",
                                       "--workers", "1", "--no-progress"])
    assert result.exit_code == 1, result.output
    open_report(browser, out / "index.html", "squad-index.png")
    assert count(browser, "tr.athlete") == 3
    assert count(browser, "svg.spark") == 2
    assert text_of(browser, "tr.athlete:nth-child(2) th") == SCRIPT
    links = browser.evaluate("[...document.querySelectorAll('tr.athlete th a')]"
                             ".map(a => a.getAttribute('href'))")
    assert len(links) == 3
    for link in links:
        open_report(browser, out / link, f"squad-{Path(link).stem}.png")
        assert count(browser, "a[href='index.html']") == 1
    browser.resize(390, 844, mobile=True)
    try:
        open_report(browser, out / "index.html", "squad-index-phone.png")
        assert browser.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        browser.resize(1100, 900)


def test_the_browser_checks_catch_fetches_and_console_errors(browser, out_dir):
    """The harness itself: a page that fetches and logs an error is caught doing both."""
    page = out_dir / "bad.html"
    page.write_text('<!doctype html><title>bad</title><img src="http://127.0.0.1:9/x.png">'
                    '<script>console.error("boom")</script>', encoding="utf-8")
    load = browser.load(page)
    assert "http://127.0.0.1:9/x.png" in load.foreign_requests
    assert any("boom" in e for e in load.errors)
