"""The block report: the charts (a bar per week coloured by phase, deload, taper and race
weeks marked; CTL, ATL and TSB as lines with race day marked), the text tables' rows,
every week's grid, the clash when there is no block, and hostile names kept as text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from html_kit import assert_self_contained, outline

from runlift.block import BlockFile, load_block, plan
from runlift.models.block import BlockResult
from runlift.models.status import Status
from runlift.render.block import BLOCK_NOTES_HEADER, guardrail_rows, race_lines, week_rows
from runlift.render.html.block import BlockView, block_report, block_view
from runlift.render.html.block_svg import PHASE_COLOURS
from runlift.render.wording import (
    NO_PLAN_IN_TIME,
    NOTES_HEADER,
    RELAXATIONS_HEADER,
    conflict_header,
)

ROOT = Path(__file__).resolve().parents[3]
MARATHON = ROOT / "scenarios" / "blocks" / "marathon-16.yaml"
B_RACE = ROOT / "scenarios" / "blocks" / "half-10-b-race.yaml"  # a 10 km in week 6
SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '" onmouseover="x'
PHASES = ["base", "build", "peak", "taper"]
DELOADS, TAPERS, RACE_WEEK = [4, 8, 12], [15, 16], 16

# Four weeks whose third cannot be planned: every day but Sunday is closed.
CLOSED_WEEK = {
    "name": "Closed week 3", "start": "2027-01-04", "weeks": 4,
    "week": {"sessions": {"easy_run": 3, "long_run": 1, "tempo": 1}},
    "progression": {"ramp_pct": False, "deload_every": False, "acwr_max": False},
    "weeks_override": {3: {"unavailable": ["mon", "tue", "wed", "thu", "fri", "sat"]}},
}
# A block the block level already rejects: deload weeks far too light for the sessions.
LIGHT_DELOAD = {
    "name": "Light deload", "start": "2027-01-04", "weeks": 4,
    "week": {"sessions": {"easy_run": 3, "long_run": 1, "tempo": 1}},
    "progression": {"ramp_pct": 1, "deload_every": 3, "deload_pct": [10, 20]},
}


@pytest.fixture(scope="module")
def marathon() -> tuple[BlockResult, BlockView, str]:
    result = plan(load_block(MARATHON))
    assert result.has_plan and len(result.weeks) == 16
    return result, block_view(result), block_report(result)


@pytest.fixture(scope="module")
def closed_week() -> tuple[BlockResult, str]:
    result = plan(BlockFile.model_validate(CLOSED_WEEK))
    assert result.status == Status.infeasible and len(result.weeks) == 2
    return result, block_report(result)


@pytest.fixture(scope="module")
def light_deload() -> tuple[BlockResult, str]:
    result = plan(BlockFile.model_validate(LIGHT_DELOAD))
    assert result.status == Status.infeasible and not result.weeks and result.relaxations
    return result, block_report(result)


def text_of(html: str) -> str:
    return " ".join(" ".join(outline(html).text).split())


def test_report_is_self_contained_and_the_same_every_time(marathon):
    result, _, html = marathon
    assert_self_contained(html)
    assert block_report(result) == html
    assert block_report(BlockResult.model_validate_json(result.to_json())) == html


def test_header_names_the_block_its_status_in_words_and_its_span(marathon):
    _, _, html = marathon
    text = text_of(html)
    assert outline(html).tags[0] == ("html", {"lang": "en"})
    assert "<h1>Spring marathon 2027</h1>" in html
    assert '<span class="status status-optimal">optimal</span>' in html
    assert "the block level and every week are proven optimal" in text
    assert "16 weeks, 2027-01-04 to 2027-04-25, race on 2027-04-25" in text


def test_a_bar_per_week_coloured_by_its_phase(marathon):
    result, view, html = marathon
    for chart in (view.load.screen, view.load.phone):
        assert [b.fill for b in chart.bars] == [PHASE_COLOURS[PHASES.index(w.phase)]
                                                for w in result.weeks]
        heights = [b.height for b in chart.bars]
        assert heights.index(max(heights)) == 8  # week 9 is the heaviest
    assert html.count('class="week-bar"') == 2 * 16  # the screen's chart and the phone's
    assert "<title>week 9 (build): load 3130, +3% on week 7</title>" in html
    assert "<title>week 1 (base): load 2080</title>" in html
    assert [k.label for k in view.load.keys][:4] == PHASES  # the legend, in block order
    for phase, colour in zip(PHASES, PHASE_COLOURS, strict=False):
        assert f'<span class="swatch" style="background:{colour}"></span>{phase}</li>' in html


def test_deload_taper_and_race_weeks_are_marked(marathon):
    _, view, html = marathon
    bars = view.load.screen.bars
    assert [i + 1 for i, b in enumerate(bars) if b.hatch] == sorted(DELOADS + TAPERS)
    assert [i + 1 for i, b in enumerate(bars) if b.race] == [RACE_WEEK]
    marks = {i + 1: [m.text for m in b.marks] for i, b in enumerate(bars) if b.marks}
    assert marks == {4: ["deload"], 8: ["deload"], 12: ["deload"], 15: ["taper"],
                     16: ["taper", "race"]}
    assert html.count('class="mark mark-deload"') == 3
    assert html.count('class="mark mark-taper"') == 2
    assert html.count('class="mark mark-race"') == 1
    assert html.count('stroke="#1d2330" stroke-width="2.5"') == 2  # race week, both charts
    text = text_of(html)
    for words in ("deload week (hatched /)", "taper week (hatched \\)", "race week (outlined)"):
        assert words in text
    assert "<title>week 8 (build, deload): load 2400, -21% on week 7</title>" in html
    assert "<title>week 16 (taper, race): load 1550, -46% on week 14</title>" in html


def test_hatching_stays_inside_its_bar(marathon):
    _, view, _ = marathon
    for bar in view.load.screen.bars:
        for s in bar.hatch:
            for x, y in ((s.x1, s.y1), (s.x2, s.y2)):
                assert bar.x - 0.1 <= x <= bar.x + bar.width + 0.1
                assert bar.y - 0.1 <= y <= bar.y + bar.height + 0.1


def _points(html: str, key: str) -> list[list[tuple[float, float]]]:
    found = re.findall(rf'class="line line-{key}" points="([^"]+)"', html)
    return [[tuple(map(float, p.split(","))) for p in points.split()] for points in found]


def test_ctl_atl_and_tsb_are_lines_over_every_day(marathon):
    result, view, html = marathon
    for key in ("ctl", "atl", "tsb"):
        lines = _points(html, key)
        assert len(lines) == 2 and all(len(line) == len(result.daily) for line in lines)
    chart = view.fitness.screen
    assert min(t.value for t in chart.ticks) < 0 < max(t.value for t in chart.ticks)
    tsb = _points(html, "tsb")[0]
    for point, (_, y) in zip(result.daily, tsb, strict=True):
        assert (y > chart.zero_y) == (point.tsb < 0)  # form below the zero line
    assert html.count('class="zero"') == 2
    text = text_of(html)
    for words in ("CTL = fitness (42-day)", "ATL = fatigue (7-day)", "TSB = form"):
        assert words in text


def test_race_day_is_marked_on_the_fitness_chart(marathon):
    result, view, html = marathon
    assert result.daily[-1].date == result.race
    for chart, key in ((view.fitness.screen, 0), (view.fitness.phone, 1)):
        race_x = _points(html, "ctl")[key][-1][0]
        assert chart.race is not None and chart.race.x == race_x
        assert chart.race.anchor == "end"  # the label stays inside the chart
    assert html.count('class="race-day"') == 2
    assert html.count(">race day</text>") == 2
    assert not view.fitness.b_races and 'class="b-race"' not in html


def test_a_b_race_is_marked_apart_from_race_day():
    result = plan(load_block(B_RACE))
    view = block_view(result)
    chart = view.fitness.screen
    dates = [p.date for p in result.daily]
    assert [b.label for b in chart.b_races] == ["B race"]
    assert chart.b_races[0].x < chart.race.x
    assert dates[round((chart.b_races[0].x - chart.left) / (chart.right - chart.left)
                       * (len(dates) - 1))] == "2027-09-11"  # week 6's Saturday
    assert view.fitness.b_races
    html = block_report(result)
    assert html.count('class="b-race"') == 2
    assert "B race (another race of the block)" in text_of(html)
    assert "week 6 (build, race)" in html  # its bar's tooltip


def test_phase_bands_and_week_labels_follow_the_weeks(marathon):
    _, view, _ = marathon
    chart = view.fitness.screen
    assert [b.phase for b in chart.bands] == PHASES
    assert [w.week for w in chart.weeks] == [f"wk {n}" for n in range(1, 17)]
    phone = view.fitness.phone
    labelled = [w.week for w in phone.weeks if w.week]
    assert 3 <= len(labelled) < 16  # fewer labels where there is less room
    assert all(w.x + 30 <= phone.width for w in phone.weeks if w.week)


def test_weeks_and_guardrails_tables_have_the_text_tables_rows(marathon):
    result, _, html = marathon
    doc = outline(html)
    assert doc.count("table", "block-weeks") == 1
    text = text_of(html)
    for row in week_rows(result):
        assert f'<a href="#week-{row.week}">{row.cells()[0]}</a>' in html
        for cell in row.cells()[1:]:
            assert f">{cell}</td>" in html
    guardrails = guardrail_rows(result.guardrails)
    assert len(guardrails) == 4
    for g in guardrails:
        assert f'<span class="rule">{g.name}</span>' in html
        assert g.verdict in text and g.tightest in text
    assert text.count("✓ holds in every week") == 4
    for line in race_lines(result):
        assert line in text


def test_every_week_has_its_grid_under_its_heading(marathon):
    result, _, html = marathon
    doc = outline(html)
    ids = [a["id"] for t, a in doc.tags if t == "details"]
    assert ids == [f"week-{n}" for n in range(1, 17)]
    assert doc.count("table", "week") == 16 and doc.count("ul", "week-list") == 16
    sessions = sum(len(w.result.plan) for w in result.weeks)
    assert doc.count("span", "block") == 2 * sessions + 4  # grid, list, and the legend
    text = text_of(html)
    assert "Week 9 (build) — 2027-03-01 to 2027-03-07, load 3130" in text
    assert "Week 8 (build, deload) — 2027-02-22 to 2027-02-28, load 2400" in text
    assert "Week 16 (taper, race) — 2027-04-19 to 2027-04-25, load 1550" in text
    joined = "Weeks 10 and 11 were planned together: they did not fit one after the other."
    assert text.count(joined) == 2  # under each of the two weeks
    assert html.count('<ul class="legend" aria-label="legend">') == 1


def test_hostile_block_and_phase_names_are_text(marathon):
    result, _, _ = marathon
    hostile = result.model_copy(update={
        "block": SCRIPT,
        "weeks": [w.model_copy(update={"phase": ATTRIBUTE}) for w in result.weeks]})
    html = block_report(hostile)
    doc = outline(html)
    assert not any(tag == "script" for tag, _ in doc.tags)
    assert not any(attr.startswith("on") for _, attrs in doc.tags for attr in attrs)
    assert SCRIPT not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert f"<title>{SCRIPT.replace('<', '&lt;').replace('>', '&gt;')}: optimal" in html
    text = "".join(doc.text)
    assert SCRIPT in text and ATTRIBUTE in text
    assert_self_contained(html)


def test_a_week_that_cannot_be_planned_shows_the_clash_and_the_weeks_before(closed_week):
    result, html = closed_week
    assert_self_contained(html)
    doc = outline(html)
    text = text_of(html)
    assert "infeasible" in text and "no block keeps every hard rule and guardrail" in text
    assert conflict_header(result) in text
    assert doc.count("ul", "conflicts") == 1
    for conflict in result.conflicts:
        assert conflict.message in text
    assert result.notes and BLOCK_NOTES_HEADER in text and NOTES_HEADER not in text
    for note in result.notes:
        assert note in text
    assert "4 weeks from 2027-01-04, no race" in text
    assert "Weeks planned before the clash" in text
    assert html.count('class="week-bar"') == 2 * 2
    assert doc.count("table", "week") == 2
    assert "Fitness, fatigue and form" not in text and "Guardrails" not in text


def test_a_block_the_block_level_rejects_shows_conflict_and_relaxations(light_deload):
    result, html = light_deload
    assert_self_contained(html)
    doc = outline(html)
    text = text_of(html)
    assert doc.count("ul", "conflicts") == 1 and doc.count("ul", "relax") == 1
    assert RELAXATIONS_HEADER in text
    for item in (*result.conflicts, *result.relaxations):
        assert item.message in text
    assert "week-bar" not in html and doc.count("table", "week") == 0
    assert doc.count("svg") == 0


def test_a_block_out_of_time_says_so_with_its_notes():
    result = BlockResult(block="Slow", status=Status.unknown, start="2027-01-04", length=16,
                         notes=["the block level found no choice in time"])
    text = text_of(block_report(result))
    assert NO_PLAN_IN_TIME in text
    assert "the block level found no choice in time" in text
    assert "unknown" in text

