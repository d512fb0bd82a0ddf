"""The table of blocks side by side: rows and values read from each BlockResult, best
marks in their directions, a row per week, no-plan rows, and the diff week by week."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from runlift.compare.alternatives import build_alternatives
from runlift.compare.block_diff import block_comparison_diff
from runlift.compare.block_table import (
    BLOCK_LEGEND,
    PEAK_WEEK_LOAD,
    RACE_CTL,
    RACE_TSB,
    WEEKLY_OBJECTIVES,
    best_labels,
    build_block_table,
    guardrail_cell,
)
from runlift.compare.run import BlockComparison, compare_blocks
from runlift.models.block import GuardrailReading

SHORT = Path(__file__).resolve().parents[2] / "tests" / "data" / "blocks" / "short-build.yaml"
LABELS = ["progression.ramp_pct=5", "progression.ramp_pct=10", "progression.ramp_pct=15"]


@pytest.fixture(scope="module")
def ramps() -> BlockComparison:
    """5% cannot work; 10% and 15% plan (one pool of two processes)."""
    alternatives = build_alternatives([SHORT], ["progression.ramp_pct=5,10,15"])
    return compare_blocks(alternatives, workers=2)


def test_statuses_and_rows_in_order(ramps):
    table = build_block_table(ramps)
    assert list(table.frame.columns) == LABELS
    assert list(table.frame.index) == [
        "status", RACE_CTL, RACE_TSB, PEAK_WEEK_LOAD, WEEKLY_OBJECTIVES, "heaviest week",
        "guardrail acwr_max", "guardrail deload_pct", "guardrail ramp_pct",
        "guardrail taper_cut_pct", "week 1", "week 2", "week 3", "week 4", "week 5",
        "conflict", "relaxation"]
    assert list(table.frame.loc["status"]) == ["infeasible", "optimal", "optimal"]
    assert table.planned == LABELS[1:]
    assert table.day_rows == [f"week {n}" for n in range(1, 6)]
    assert table.legend == BLOCK_LEGEND


def test_values_come_from_each_block_result(ramps):
    table = build_block_table(ramps)
    for label, result in zip(LABELS[1:], ramps.results[1:], strict=True):
        column, objective = table.frame[label], result.objective
        assert column[RACE_CTL] == objective.race_ctl
        assert column[RACE_TSB] == objective.race_tsb
        assert column[PEAK_WEEK_LOAD] == objective.peak_week_load
        assert column[WEEKLY_OBJECTIVES] == objective.weekly_total
        assert [column[f"week {w.week}"].split()[0] for w in result.weeks] == [
            str(w.load) for w in result.weeks]
    ten = table.frame[LABELS[1]]
    assert ten["week 4"].endswith(" deload") and ten["week 5"].endswith(" taper, race")
    assert ten["guardrail ramp_pct"].startswith("holds; tightest week ")
    assert ten["heaviest week"].startswith("week ")


def test_best_marks_follow_their_directions(ramps):
    table = build_block_table(ramps)
    frame, best = table.frame, table.best
    planned = LABELS[1:]
    highest_ctl = max(frame.at[RACE_CTL, label] for label in planned)
    assert best[RACE_CTL] == [la for la in planned if frame.at[RACE_CTL, la] == highest_ctl]
    lowest = min(frame.at[WEEKLY_OBJECTIVES, label] for label in planned)
    assert best[WEEKLY_OBJECTIVES] == [
        la for la in planned if frame.at[WEEKLY_OBJECTIVES, la] == lowest]
    # A heavier peak week is what the block builds to: neither way is better.
    assert PEAK_WEEK_LOAD not in best
    assert frame.at[PEAK_WEEK_LOAD, planned[0]] > 0
    assert RACE_TSB not in best  # no race_form: form on race day has no better side
    assert all(LABELS[0] not in labels for labels in best.values())  # no plan, no mark


def test_the_block_without_a_plan_shows_its_conflict_and_relaxation(ramps):
    frame = build_block_table(ramps).frame
    assert frame.at["conflict", LABELS[0]]
    assert frame.at["relaxation", LABELS[0]].startswith("set ")
    assert frame.at["week 1", LABELS[0]] is None
    assert frame.at["conflict", LABELS[1]] is None


def test_tsb_is_best_closest_to_the_race_form_band():
    frame = pd.DataFrame({"a": [-12.0], "b": [-3.0], "c": [2.0]}, index=[RACE_TSB],
                         dtype=object)
    bands = {"a": (-10, 5), "b": (-10, 5), "c": None}
    assert best_labels(frame, ["a", "b", "c"], bands)[RACE_TSB] == ["b"]
    assert RACE_TSB not in best_labels(frame, ["c"], bands)


def reading(week: int, room: float, ok: bool = True, soft: bool = False,
            excess: int = 0) -> GuardrailReading:
    return GuardrailReading(name="ramp_pct", week=week, value=0.0, limit="10%", ok=ok,
                            soft=soft, excess=excess, room=room)


def test_guardrail_verdicts_in_words():
    assert guardrail_cell([reading(2, 7), reading(3, 1)]) == (
        "holds; tightest week 3, 1 load point to spare")
    assert guardrail_cell([reading(2, -40, ok=False, soft=True, excess=40)]) == (
        "soft: 40 load points over; tightest week 2, 40 load points over")
    assert guardrail_cell([], active=False) == "off"
    assert guardrail_cell([], active=True) == "no week to check"


def test_diff_lists_the_weeks_that_changed(ramps):
    ten_vs_fifteen = BlockComparison(ramps.alternatives[1:], ramps.results[1:])
    (diff,) = block_comparison_diff(ten_vs_fifteen)
    assert diff.baseline == LABELS[1] and diff.label == LABELS[2]
    before = {w.week: w.load for w in ramps.results[1].weeks}
    after = {w.week: w.load for w in ramps.results[2].weeks}
    changed = [week for week in before if before[week] != after[week]]
    assert [c.week for c in diff.changes] == changed
    assert all(" → " in line for line in diff.lines)
    (no_plan,) = block_comparison_diff(BlockComparison(ramps.alternatives[:2],
                                                       ramps.results[:2]))
    assert no_plan.lines == ["the baseline has no plan (infeasible)"]
