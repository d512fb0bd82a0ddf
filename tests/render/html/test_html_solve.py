"""The solve report: self-contained, escaped, and showing the week or the conflict."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from html_kit import assert_self_contained, outline

from runlift import load_scenario, solve
from runlift.render.html import solve_report
from runlift.scenario.model import Scenario
from runlift.scenario.resolve import resolve

SCENARIOS = Path(__file__).resolve().parents[3] / "scenarios"
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def main_report() -> tuple[str, object]:
    sc = load_scenario(SCENARIOS / "half-marathon-build.yaml")
    result = solve(sc)
    return solve_report(result, resolve(sc)), result


def test_feasible_report_has_grid_chart_metrics_and_objective(main_report):
    html, result = main_report
    assert_self_contained(html)
    doc = outline(html)
    assert doc.count("table", "week") == 1
    # Every session appears as a block in the grid and in the phone list.
    assert doc.count("span", "block") >= 2 * len(result.plan)
    assert doc.count("span", "heavy") >= 2 * sum(e.heavy_legs for e in result.plan)
    assert doc.count("rect", "bar") == len(result.days)
    assert doc.count("line", "mean") == 1
    text = " ".join(doc.text)
    assert "mean 355" in text
    assert "below the 2.0 warning level" in text
    for term in result.objective.terms:
        assert term in text
    # The objective in a coach's words, every missed preference with its reasons, and
    # what the status means.
    assert "heaviest day tue, 760" in text
    (missed,) = result.missed_preferences
    assert f"lower_strength  on thu pm, not tue, fri: {missed.because}" in text
    assert "proven best for the objective" in text
    assert doc.count("ul", "missed") == 1
    assert "36.33 h after Tuesday's lower_strength (lift_to_key_hours: 36)" in text
    assert "unavailable" in text  # Friday and Wednesday morning are closed


def test_intensity_is_told_by_text_too(main_report):
    html, _ = main_report
    text = " ".join(outline(html).text)
    for word in ("easy", "hard", "heavy legs", "key"):
        assert word in text
    assert 'class="block i-hard heavy"' in html


def test_infeasible_report_shows_conflict_and_relaxations():
    sc = load_scenario(SCENARIOS / "unsolvable-race-week.yaml")
    result = solve(sc)
    assert not result.has_plan
    html = solve_report(result, resolve(sc))
    assert_self_contained(html)
    doc = outline(html)
    assert doc.count("table", "week") == 0
    assert doc.count("ul", "conflicts") == 1 and doc.count("ul", "relax") == 1
    text = " ".join(doc.text)
    assert "infeasible" in text
    for conflict in result.conflicts:
        assert conflict.message in text
    for relaxation in result.relaxations:
        assert relaxation.message in text


def hostile_scenario() -> Scenario:
    return Scenario.model_validate({
        "name": SCRIPT,
        "week_start": "2027-03-01",
        "slots": {"am": "07:00", "<i>pm</i>": "18:00"},
        "sessions": {IMG: 1, "easy_run": 2},
        "catalog": {IMG: {"kind": "strength", "intensity": "hard", "minutes": 30, "rpe": 7,
                          "heavy_legs": True, "muscles": ['"><b>legs']}},
    })


def test_hostile_names_are_text_not_markup():
    sc = hostile_scenario()
    html = solve_report(solve(sc), resolve(sc))
    doc = outline(html)
    assert not any(tag in ("script", "img", "i", "b") for tag, _ in doc.tags)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    text = "".join(doc.text)
    assert SCRIPT in text  # shown as text, in the title and the heading
    assert IMG in text
    assert "<i>pm</i>" in text
    assert_self_contained(html)


def test_same_result_same_bytes(main_report):
    html, _ = main_report
    sc = load_scenario(SCENARIOS / "half-marathon-build.yaml")
    assert solve_report(solve(sc), resolve(sc)) == html


def test_a_four_week_report_has_a_grid_and_a_chart_per_week(four_weeks):
    scenario, result = four_weeks
    html = solve_report(result, resolve(scenario))
    assert_self_contained(html)
    doc = outline(html)
    assert doc.count("table", "week") == 4 and doc.count("ul", "week-list") == 4
    heads = re.findall(r'<table class="week">\s*<thead><tr>(.*?)</tr></thead>', html)
    assert [head.count("<th ") for head in heads] == [8, 8, 8, 8]  # slot + 7 days
    assert 'mon 21<span class="day-tag">03-22</span>' in heads[3]
    titles = re.findall(r'<h3 class="week-title">(.*?)</h3>', html)
    assert titles == [f'week {n} <span class="sub">{a} to {b}</span>' for n, a, b in (
        (1, "2027-03-01", "2027-03-07"), (2, "2027-03-08", "2027-03-14"),
        (3, "2027-03-15", "2027-03-21"), (4, "2027-03-22", "2027-03-28"))]
    assert doc.count("span", "block") >= 2 * len(result.plan)
    assert doc.count("svg", "chart") == 4 and doc.count("line", "mean") == 4
    assert doc.count("rect", "bar") == 28
    ids = [attrs["id"] for _, attrs in doc.tags if "id" in attrs]
    assert len(ids) == len(set(ids)), "ids must be unique in the page"
    viewboxes = {attrs["viewbox"] for tag, attrs in doc.tags if tag == "svg"
                 and attrs.get("class") == "chart"}
    assert viewboxes == {"0 0 424 230"}  # every week's chart as wide as a one-week chart


def test_a_one_week_report_has_no_week_headings(main_report):
    html, _ = main_report
    doc = outline(html)
    assert doc.count("h3", "week-title") == 0 and doc.count("svg", "chart") == 1
    assert 'aria-labelledby="load-title load-desc"' in html
