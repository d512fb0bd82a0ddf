"""The HTML reports, opened in a real headless Chromium (Debian's `chromium` package,
driven by Playwright: scripts/chromium.py).

For each report: no console or page error, no request other than the file itself, a
screenshot that is not blank, and the expected elements in the DOM after load. Long
horizons are also checked for labels that break inside a word. Screenshots are kept
under artifacts/screenshots/ (git-ignored) for people to look at.

Skipped when Chromium or Playwright is not installed, except in CI (the CI variable
set), where a missing browser is a failure: .ci/run installs it.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from runlift import load_scenario, solve
from runlift.render.html import solve_report
from runlift.render.week import split_weeks
from runlift.scenario.model import Scenario
from runlift.scenario.resolve import resolve

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = sorted(p for p in (ROOT / "scenarios").iterdir()
                   if p.suffix in (".yaml", ".toml", ".json"))
ARTIFACTS = ROOT / "artifacts" / "screenshots"
SCRIPT = "<script>alert(1)</script>"
DESKTOP = (1100, 900)
PHONE = (390, 844)

sys.path.insert(0, str(ROOT / "scripts"))
import chromium  # noqa: E402  (scripts/ is not a package; it holds the Playwright launcher)

# Every word of every label, measured where the browser laid it out: a word whose
# characters sit on more than one line was broken inside (by overflow-wrap, hyphens or a
# break after a hyphen); a label wider than its box spills over its neighbours.
# Elements not rendered at this width (the grid on a phone, the list on a screen) are
# skipped; `checked` counts the others, so the test cannot pass by finding nothing.
WHOLE_WORDS_JS = """
(selector) => {
  const broken = [], overflowing = [];
  let checked = 0;
  for (const el of document.querySelectorAll(selector)) {
    if (el.getClientRects().length === 0) continue;
    checked++;
    if (el.scrollWidth > el.clientWidth + 1) overflowing.push(el.textContent);
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const word of node.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const lines = new Set([...range.getClientRects()]
          .filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (lines.size > 1) broken.push(`${word[0]} (in "${el.textContent}")`);
      }
    }
  }
  return {checked, broken, overflowing};
}
"""
# The session names and tags in the blocks, the day headers and the phone list's days.
LABELS = ".block .name, .block .tag, table.week thead th, .week-list .when"

# The smallest on-screen size, in CSS px, of the load charts' day labels (12 units tall
# in the viewBox): a chart squeezed into too few pixels shrinks them past reading.
CHART_LABEL_PX_JS = """
() => Math.min(...[...document.querySelectorAll('svg.chart')].map(svg =>
  12 * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width))
"""


def _missing(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must run the browser test (.ci/run installs chromium)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    if chromium.chromium_path() is None:
        _missing(f"Chromium is not installed at {chromium.CHROMIUM}")
    for module in ("playwright", "PIL"):
        try:
            __import__(module)
        except ImportError:
            _missing(f"{module} is not installed (pip install -e '.[test]')")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with chromium.launch() as launched:
        yield launched


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("reports")


def distinct_colours(png: bytes) -> int:
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.width > 100 and image.height > 100
    return len(image.getcolors(maxcolors=1 << 24) or [])


@contextmanager
def opened(browser, path: Path, shot_name: str, size: tuple[int, int] = DESKTOP, *,
           mobile: bool = False) -> Iterator[Any]:
    """The report loaded in a fresh page, once it has made no error and no request but
    for itself, and its screenshot (kept) is not blank."""
    with chromium.new_page(browser, *size, mobile=mobile) as page:
        load = chromium.load(page, path)
        assert load.errors == [], f"{path.name}: console or page errors {load.errors}"
        assert load.requests == [load.url], f"{path.name} fetched {load.foreign_requests}"
        png = chromium.screenshot(page)
        (ARTIFACTS / shot_name).write_bytes(png)
        assert distinct_colours(png) > 50, f"{shot_name} looks blank"
        yield page


def count(page, selector: str) -> int:
    return page.locator(selector).count()


def text_of(page, selector: str) -> str:
    return page.locator(selector).first.text_content()


def display(page, selector: str) -> str:
    return page.evaluate(f"getComputedStyle(document.querySelector({selector!r})).display")


def write_report(out_dir: Path, name: str, sc: Scenario) -> tuple[Path, Any]:
    result = solve(sc)
    path = out_dir / f"{name}.html"
    path.write_text(solve_report(result, resolve(sc)), encoding="utf-8")
    return path, result


@pytest.mark.parametrize("scenario_file", SCENARIOS, ids=lambda p: p.name)
def test_example_reports_render(browser, out_dir, scenario_file):
    sc = load_scenario(scenario_file)
    path, result = write_report(out_dir, scenario_file.stem, sc)
    with opened(browser, path, f"solve-{scenario_file.stem}.png") as page:
        assert text_of(page, "h1") == sc.name
        assert count(page, "script") == 0
        if result.has_plan:
            weeks = len(split_weeks(len(result.days)))
            assert count(page, "table.week") == weeks
            assert count(page, "table.week .block") == len(result.plan)
            assert count(page, "table.week tbody tr") == len(result.slots) * weeks
            assert count(page, "svg.chart rect.bar") == len(result.days)
            assert count(page, "svg.chart line.mean") == weeks
            assert count(page, "table.metrics svg.gauge") == 2
            assert count(page, "#why ul.why > li") == len(result.plan)
            # The grid is what shows at desktop width, not the phone list.
            assert display(page, ".week-list") == "none"
        else:
            assert count(page, "ul.conflicts li") == len(result.conflicts) > 0
            assert count(page, "ul.relax li") == len(result.relaxations) > 0
            assert count(page, "table.week") == 0


@pytest.fixture(scope="module")
def long_reports(out_dir, four_weeks) -> dict[str, tuple[Path, Any]]:
    """A 28-day report (four weeks of the main example) and the 14-day example's."""
    scenario, _ = four_weeks
    two_weeks = load_scenario(ROOT / "scenarios" / "two-week-block.yaml")
    return {"28-days": write_report(out_dir, "four-weeks", scenario),
            "14-days": write_report(out_dir, "two-weeks", two_weeks)}


@pytest.mark.parametrize("horizon", ["28-days", "14-days"])
@pytest.mark.parametrize(("width", "mobile"), [(1280, False), (400, True)],
                         ids=["1280px", "400px"])
def test_long_horizons_keep_every_label_whole(browser, long_reports, horizon, width, mobile):
    path, result = long_reports[horizon]
    weeks = len(split_weeks(len(result.days)))
    with opened(browser, path, f"solve-{horizon}-{width}.png", (width, 900),
                mobile=mobile) as page:
        labels = page.evaluate(WHOLE_WORDS_JS, LABELS)
        assert labels["broken"] == [], f"words broken across lines at {width} px"
        assert labels["overflowing"] == [], f"labels wider than their box at {width} px"
        assert labels["checked"] >= 2 * len(result.plan)  # at least a name and a tag each
        assert count(page, "h3.week-title") == weeks
        assert page.evaluate(CHART_LABEL_PX_JS) >= 10, "the load chart is too small to read"
        assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_report_is_readable_at_phone_width(browser, out_dir):
    sc = load_scenario(ROOT / "scenarios" / "half-marathon-build.yaml")
    path, _ = write_report(out_dir, "phone", sc)
    with opened(browser, path, "solve-phone.png", PHONE, mobile=True) as page:
        # Nothing wider than the screen; the week shows as a list of days instead.
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE[0]
        assert display(page, ".week-wrap") == "none"
        assert count(page, ".week-list > li") == 7
        font = page.evaluate("parseFloat(getComputedStyle(document.querySelector("
                             "'.week-list .block .name')).fontSize)")
        assert font >= 11


def test_hostile_names_show_as_text_and_run_nothing(browser, out_dir):
    sc = Scenario.model_validate({
        "name": SCRIPT, "week_start": "2027-03-01",
        "sessions": {"<img src=x onerror=alert(2)>": 1, "easy_run": 1},
        "catalog": {"<img src=x onerror=alert(2)>": {"kind": "run", "intensity": "hard",
                                                      "minutes": 40, "rpe": 7}},
    })
    path, _ = write_report(out_dir, "hostile", sc)
    with opened(browser, path, "solve-hostile.png") as page:
        assert text_of(page, "h1") == SCRIPT
        assert page.title().startswith(SCRIPT)
        assert count(page, "script") == 0 and count(page, "img") == 0
        assert "<img src=x onerror=alert(2)>" in text_of(page, "table.week")


def test_compare_report_renders(browser, out_dir):
    from runlift.compare import build_alternatives, build_table, compare, render_comparison

    files = [ROOT / "scenarios" / "legs-stack.yaml", ROOT / "scenarios" /
             "unsolvable-race-week.yaml"]
    comparison = compare(build_alternatives(files, ["rules.legs_policy=any,separate"]),
                         workers=1)
    path = out_dir / "compare.html"
    path.write_text(render_comparison(comparison, "html", diff=True), encoding="utf-8")
    table = build_table(comparison)
    with opened(browser, path, "compare.png", (1440, 900)) as page:
        assert count(page, "section.alternative") == 4
        assert count(page, "table.metrics-cmp td.best") == sum(len(v)
                                                               for v in table.best.values())
        assert count(page, "section.alternative table.week") == 2
        assert count(page, "section.alternative ul.conflicts") == 2
        assert count(page, "#diff ul.diff > li") == 3


def test_squad_index_and_athlete_reports_render(browser, tmp_path):
    from click.testing import CliRunner

    from runlift.cli.main import main

    squad = tmp_path / "squad.yaml"
    squad.write_text(
        "squad: Riverside RC\ndefaults:\n  week_start: 2027-03-01\n"
        "  sessions: {easy_run: 3, long_run: 1, tempo: 1, lower_strength: 1}\n"
        f"athletes:\n  - {{name: Ana}}\n  - {{name: '{SCRIPT}'}}\n"
        "  - {name: Cleo, sessions: {easy_run: 10}}\n", encoding="utf-8")
    out = tmp_path / "plans"
    result = CliRunner().invoke(main, ["batch", str(squad), "--out", str(out), "--html",
                                       "--workers", "1", "--no-progress"])
    assert result.exit_code == 1, result.output
    with opened(browser, out / "index.html", "squad-index.png") as page:
        assert count(page, "tr.athlete") == 3
        assert count(page, "svg.spark") == 2
        assert text_of(page, "tr.athlete:nth-child(2) th") == SCRIPT
        links = page.eval_on_selector_all("tr.athlete th a",
                                          "links => links.map(a => a.getAttribute('href'))")
    assert len(links) == 3
    for link in links:
        with opened(browser, out / link, f"squad-{Path(link).stem}.png") as page:
            assert count(page, "a[href='index.html']") == 1
    with opened(browser, out / "index.html", "squad-index-phone.png", PHONE,
                mobile=True) as page:
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE[0]


def test_the_browser_checks_catch_fetches_and_console_errors(browser, out_dir):
    """The harness itself: a page that fetches and logs an error is caught doing both."""
    path = out_dir / "bad.html"
    path.write_text('<!doctype html><title>bad</title><img src="http://127.0.0.1:9/x.png">'
                    '<script>console.error("boom")</script>', encoding="utf-8")
    with chromium.new_page(browser, *DESKTOP) as page:
        load = chromium.load(page, path)
    assert "http://127.0.0.1:9/x.png" in load.foreign_requests
    assert any("boom" in e for e in load.errors)


def test_the_word_check_catches_a_broken_word(browser, out_dir):
    """The harness itself: a name squeezed into a narrow box is reported, and a name in a
    box wide enough is not."""
    path = out_dir / "narrow.html"
    path.write_text('<!doctype html><title>narrow</title><style>.block{display:block;'
                    'overflow-wrap:anywhere}</style>'
                    '<div style="width:30px"><span class="block"><span class="name">'
                    'Tempo</span></span></div><div style="width:300px"><span class="block">'
                    '<span class="name">Long run</span></span></div>', encoding="utf-8")
    with chromium.new_page(browser, *DESKTOP) as page:
        chromium.load(page, path)
        labels = page.evaluate(WHOLE_WORDS_JS, LABELS)
    assert labels["checked"] == 2
    assert [b.split(" ")[0] for b in labels["broken"]] == ["Tempo"]


# --- the block report --------------------------------------------------------------------------
BLOCKS = {"marathon": "marathon-16.yaml", "b-race": "half-10-b-race.yaml"}
BLOCK_LABELS = (f"{LABELS}, h1, h2, h3, .chart-legend li, .race-lines li, .block-weeks th, "
                ".block-weeks td, .guardrails th, .guardrails td")
OPEN_EVERY_WEEK_JS = "() => document.querySelectorAll('details').forEach(d => { d.open = true; })"
# The smallest on-screen size, in CSS px, of the 12-unit labels of the block charts shown.
BLOCK_CHART_PX_JS = """
() => Math.min(...[...document.querySelectorAll('svg.block-chart')]
  .filter(svg => svg.getClientRects().length > 0)
  .map(svg => 12 * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width))
"""
# Every label of the charts shown that runs past its chart's edge, and so is cut off.
CLIPPED_CHART_TEXT_JS = """
() => {
  const clipped = [];
  for (const svg of document.querySelectorAll('svg.block-chart')) {
    if (svg.getClientRects().length === 0) continue;
    const box = svg.getBoundingClientRect();
    for (const text of svg.querySelectorAll('text')) {
      const r = text.getBoundingClientRect();
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1
          || r.bottom > box.bottom + 1) clipped.push(text.textContent);
    }
  }
  return clipped;
}
"""


def drawn(locator) -> bool:
    """Laid out on the page (a straight line counts: Playwright calls a box of no height
    invisible)."""
    box = locator.bounding_box()
    return box is not None and (box["width"] > 0 or box["height"] > 0)


@pytest.fixture(scope="module")
def block_reports(out_dir) -> dict[str, tuple[Path, Any]]:
    """The reports of the 16-week marathon block and of the half marathon with a B race,
    each planned once for the module."""
    from runlift.block import load_block, plan
    from runlift.render.html.block import block_report

    reports = {}
    for name, file in BLOCKS.items():
        result = plan(load_block(ROOT / "scenarios" / "blocks" / file))
        path = out_dir / f"block-{name}.html"
        path.write_text(block_report(result), encoding="utf-8")
        reports[name] = path, result
    return reports


@pytest.mark.parametrize("block", list(BLOCKS))
@pytest.mark.parametrize(("size", "mobile"), [((1280, 900), False), ((375, 800), True)],
                         ids=["1280px", "375px"])
def test_block_report_reads_well_on_a_screen_and_a_phone(browser, block_reports, block, size,
                                                         mobile):
    path, result = block_reports[block]
    width, weeks = size[0], len(result.weeks)
    shown, hidden = (".chart-phone", ".chart-screen") if mobile else (".chart-screen",
                                                                       ".chart-phone")
    with opened(browser, path, f"block-{block}-{width}.png", size, mobile=mobile) as page:
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        for section in ("#load", "#fitness"):
            chart = page.locator(f"{section} {shown} svg.block-chart")
            assert chart.is_visible() and chart.bounding_box()["width"] >= 300
            assert not page.locator(f"{section} {hidden} svg").is_visible()
        assert count(page, f"#load {shown} rect.week-bar") == weeks
        for line in ("polyline.line-ctl", "polyline.line-atl", "polyline.line-tsb",
                     "line.zero", "line.race-day"):
            assert drawn(page.locator(f"#fitness {shown} {line}")), line
        assert page.evaluate(BLOCK_CHART_PX_JS) >= 10, "the block charts are too small to read"
        assert page.evaluate(CLIPPED_CHART_TEXT_JS) == [], "chart labels cut off at the edge"

        page.evaluate(OPEN_EVERY_WEEK_JS)
        (ARTIFACTS / f"block-{block}-{width}-open.png").write_bytes(chromium.screenshot(page))
        assert count(page, "details.block-week[open]") == weeks
        grid = ".week-list" if mobile else "table.week"
        assert all(page.locator(grid).nth(i).is_visible() for i in range(weeks))
        labels = page.evaluate(WHOLE_WORDS_JS, BLOCK_LABELS)
        assert labels["broken"] == [], f"words broken across lines at {width} px"
        assert labels["overflowing"] == [], f"labels wider than their box at {width} px"
        sessions = sum(len(w.result.plan) for w in result.weeks)
        assert labels["checked"] >= 2 * sessions + 10 * weeks  # the grids and the weeks table
        assert page.evaluate("document.documentElement.scrollWidth") <= width


# --- the replan report -------------------------------------------------------------------------
# The main example lived to Thursday: the past done, moved, extra and taken as done; a
# missed session kept again, two dropped, and hills pinned where the long run was.
REPLAN_LOG = [
    {"date": "2027-03-01", "slot": "am", "session": "core", "status": "done", "minutes": 20},
    {"date": "2027-03-02", "slot": "am", "session": "intervals", "status": "moved",
     "to_date": "2027-03-03", "to_slot": "am"},
    {"date": "2027-03-03", "slot": "pm", "session": "easy_run", "status": "missed"},
    {"date": "2027-03-03", "slot": "pm", "session": "cross_training", "status": "extra"},
    {"date": "2027-03-04", "slot": "am", "session": "tempo", "status": "missed"},
    {"date": "2027-03-06", "slot": "pm", "session": "hills", "status": "extra"},
]
REPLAN_MARKS = f"{LABELS}, .mark"
REPLAN_LABELS = f"{REPLAN_MARKS}, .changes li, h1, .meaning, .summary"


@pytest.fixture(scope="module")
def replan_report_file(out_dir) -> tuple[Path, Any]:
    import yaml

    from runlift.render.html.replan import replan_report
    from runlift.replan.api import replan_file

    plan = out_dir / "replan-plan.json"
    plan.write_text(solve(load_scenario(ROOT / "scenarios" / "half-marathon-build.yaml"))
                    .to_json(), encoding="utf-8")
    log = out_dir / "replan-log.yaml"
    log.write_text(yaml.safe_dump(REPLAN_LOG), encoding="utf-8")
    result = replan_file(ROOT / "scenarios" / "half-marathon-build.yaml", plan, log,
                         "2027-03-04")
    assert result.has_plan and result.cancelled
    path = out_dir / "replan.html"
    path.write_text(replan_report(result), encoding="utf-8")
    return path, result


@pytest.mark.parametrize(("size", "mobile"), [((1280, 900), False), ((375, 800), True)],
                         ids=["1280px", "375px"])
def test_replan_report_reads_well_on_a_screen_and_a_phone(browser, replan_report_file, size,
                                                          mobile):
    path, result = replan_report_file
    width = size[0]
    with opened(browser, path, f"replan-{width}.png", size, mobile=mobile) as page:
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        shown, hidden = (".replan-list", "table.week")[::1 if mobile else -1]
        assert page.locator(shown).is_visible() and not page.locator(hidden).is_visible()
        items = len(result.plan) + len(result.cancelled)
        assert count(page, f"{shown} .rp-session, {shown} .rp-dropped") == items
        assert count(page, f"{shown} .rp-dropped del") == len(result.cancelled)
        assert count(page, f"{shown} .chg-missed") == 1
        if mobile:
            assert count(page, ".replan-list > li") == 7
            assert text_of(page, ".replan-list > li.today .when").startswith("thu 03-04")
        else:
            assert text_of(page, "table.week thead th.today").startswith("thu 03-04")
            assert count(page, "table.week td.past") == 3 * len(result.slots)
            # The missed easy run, kept again today: in today's column.
            assert count(page, "table.week td.today .chg-missed") == 1
        assert count(page, "ul.changes li") == sum(c.change != "kept" for c in result.changes)
        labels = page.evaluate(WHOLE_WORDS_JS, REPLAN_LABELS)
        assert labels["overflowing"] == [], f"labels wider than their box at {width} px"
        assert labels["checked"] >= 2 * items
        # Session names, tags and marks keep every word whole (a change's line may break
        # a long id where it must, so it is only checked for spilling over).
        assert page.evaluate(WHOLE_WORDS_JS, REPLAN_MARKS)["broken"] == [], \
            f"words broken across lines at {width} px"
