"""The terminal table and the Markdown: one grid per 7-day week, labels never folded."""

from __future__ import annotations

import re
from pathlib import Path

from runlift import load_scenario, solve
from runlift.models.status import Status
from runlift.render.text import result_markdown, result_table
from runlift.render.week import session_label

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


def test_a_four_week_table_has_a_grid_per_week_with_whole_labels(four_weeks):
    _, result = four_weeks
    text = result_table(result)
    titles = re.findall(r"^Week \d: .*?(?=\s*$)", text, re.MULTILINE)
    assert titles == ["Week 1: 2027-03-01 to 2027-03-07", "Week 2: 2027-03-08 to 2027-03-14",
                      "Week 3: 2027-03-15 to 2027-03-21", "Week 4: 2027-03-22 to 2027-03-28"]
    cells = re.findall(r"│ ([^│]*?) +(?=│)", text)
    for entry in result.plan:
        assert session_label(entry) in cells, f"{session_label(entry)} is folded"
    assert max(len(line) for line in text.splitlines()) <= 120


def test_a_four_week_markdown_has_a_table_per_week(four_weeks):
    _, result = four_weeks
    md = result_markdown(result)
    assert re.findall(r"^## Week \d.*$", md, re.MULTILINE) == [
        "## Week 1: 2027-03-01 to 2027-03-07", "## Week 2: 2027-03-08 to 2027-03-14",
        "## Week 3: 2027-03-15 to 2027-03-21", "## Week 4: 2027-03-22 to 2027-03-28"]
    headers = [line for line in md.splitlines() if line.startswith("| slot |")]
    assert len(headers) == 4 and all(h.count("|") == 9 for h in headers)
    assert "| mon 21 03-22 |" in headers[3]
    loads = [line for line in md.splitlines() if line.startswith("| load |")]
    assert [int(x) for line in loads for x in line.strip("| ").split(" | ")[1:]] == \
        result.metrics.daily_load


def test_a_one_week_horizon_keeps_its_single_grid():
    result = solve(load_scenario(SCENARIOS / "half-marathon-build.yaml"))
    text = result_table(result)
    assert [t.rstrip() for t in re.findall(r"^Week\b.*$", text, re.MULTILINE)] == ["Week"]
    assert "┃ slot     ┃ mon 03-01 ┃ tue 03-02       ┃" in text
    md = result_markdown(result)
    assert "## Week\n\n| slot | mon 03-01 | tue 03-02 |" in md


def test_history_is_shown_as_done_before_day_0() -> None:
    from runlift.api import solve
    from runlift.render.formats import render_result
    from runlift.scenario.model import Scenario

    week = Scenario.model_validate({
        "name": "After a long run", "week_start": "2027-03-01",
        "sessions": {"easy_run": 2, "lower_strength": 1},
        "history": [{"date": "2027-02-28", "slot": "am", "session": "long_run",
                     "minutes": 120}]})
    result = solve(week)
    line = "sun 02-28 am: long_run (120 min, load 720), done"
    for fmt in ("table", "md", "html"):
        assert line in render_result(result, fmt), fmt


def test_the_objective_is_told_in_a_coachs_words_and_missed_preferences_listed():
    result = solve(load_scenario(SCENARIOS / "half-marathon-build.yaml"))
    (missed,) = result.missed_preferences
    text = result_table(result)
    for words in ("heaviest day tue, 760",
                  "1 preference missed: lower_strength not on tue, fri (fixed, another",
                  "lower_strength 2 days apart (wanted 3)", "max_hard_days     │ kept",
                  "Missed preferences", "thu pm"):
        assert words in text
    assert "│ balance           │   76 │" not in text  # the numbers stay in the JSON
    md = result_markdown(result)
    assert "| balance | heaviest day tue, 760 |" in md
    assert "## Missed preferences" in md
    assert (f"| lower_strength | tue, fri | thu pm | {missed.because} |") in md


def test_the_status_is_explained_in_one_line_where_it_is_shown():
    result = solve(load_scenario(SCENARIOS / "half-marathon-build.yaml"))
    assert result_table(result).startswith(
        "Half-marathon build, week 5: optimal (proven best for the objective)\n")
    cut_short = result.model_copy(update={"status": Status.feasible})
    assert result_table(cut_short).startswith(
        "Half-marathon build, week 5: feasible (keeps every hard rule; the best was not "
        "proven within the time limit)\n")
    assert ("Status: **feasible** (keeps every hard rule; the best was not proven within "
            "the time limit)") in result_markdown(cut_short)
    unsolvable = solve(load_scenario(SCENARIOS / "unsolvable-race-week.yaml"))
    assert result_table(unsolvable).splitlines()[0].endswith(
        "infeasible (proven: no week keeps every hard rule)")


def test_every_preference_honoured_says_so_and_lists_none():
    result = solve(load_scenario(SCENARIOS / "advice" / "preferences-honoured.yaml"))
    text = result_table(result)
    assert "no preference missed" in text and "Missed preferences" not in text
    assert "heaviest day sat, 765" in text
