"""Weeks that join: a repeating template holds at its own seam, and weeks chained with
`history:` hold as one longer horizon."""

from __future__ import annotations

import copy
import datetime as dt
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scenario_kit import document
from scenario_strategies import scenarios

from runlift import load_scenario
from runlift.api import check, solve
from runlift.models.plan import Placement
from runlift.models.result import Result
from runlift.scenario.model import Scenario
from runlift.scenario.resolve import resolve

OFF_SEASON = "scenarios/off-season-strength.toml"


def tiled(doc: dict[str, Any], copies: int) -> dict[str, Any]:
    """The scenario of ``copies`` horizons in a row, without repeat: counts multiplied,
    and every pin, closed slot and preferred day copied into each horizon (by index:
    a weekday name would name other days once the horizon is not a whole week)."""
    template = resolve(Scenario.model_validate({**doc, "repeat": False}))
    days = template.days
    out = copy.deepcopy(doc)
    out.pop("repeat", None)
    out["days"] = days * copies
    out["sessions"] = {t: n * copies for t, n in doc.get("sessions", {}).items()}
    shifts = [k * days for k in range(copies)]
    out["fixed"] = [{"session": f.session, "day": f.day + by,
                     "slot": template.slots[f.slot].name}
                    for by in shifts for f in template.fixed]
    out["unavailable"] = [f"{d + by} {template.slots[s].name}" for by in shifts
                          for d, s in sorted(template.closed_cells)]
    out["prefer"] = {t: [f"{d + by} {template.slots[s].name}" for by in shifts
                         for d, s in sorted(preferred)]
                     for t, preferred in template.prefer.items()}
    # A weekday of the template names its own days, not the tiled horizon's: each avoided
    # cell is written out at its place in every copy.
    avoided: dict[str, list[str]] = {}
    for a in template.avoid:
        avoided.setdefault(a.session, []).extend(
            f"{d + by} {template.slots[s].name}" for by in shifts for d, s in a.cells)
    out["avoid"] = avoided
    return out


def tiled_plan(result: Result, doc: dict[str, Any], copies: int) -> list[Placement]:
    problem = resolve(Scenario.model_validate(doc))
    days = len(result.days)
    return [Placement(e.day + k * days, problem.slot_index[e.slot], e.session)
            for k in range(copies) for e in result.plan]


def test_a_week_that_breaks_at_its_seam_gets_a_layout_that_repeats():
    base = load_scenario(OFF_SEASON)
    lone = solve(base)
    doc = base.model_dump(exclude_defaults=True)
    two = Scenario.model_validate(tiled(doc, 2))
    # The best week alone puts legs on Sunday evening before Monday's hills: repeated,
    # it breaks its own rules at the seam.
    assert not check(two, tiled_plan(lone, tiled(doc, 2), 2)).ok
    repeating = solve(Scenario.model_validate({**doc, "repeat": True}))
    assert repeating.status == "optimal"
    report = check(two, tiled_plan(repeating, tiled(doc, 2), 2))
    assert report.ok, [v.message for v in report.violations]


@st.composite
def repeating_weeks(draw: st.DrawFn) -> dict[str, Any]:
    """Random scenarios made templates: no race date (a repeating week has no one race
    beyond it) and whole-day or weekday closures only, so that a tiled copy is the same."""
    doc = draw(scenarios(max_days=8))
    doc.pop("race_date", None)
    doc["fixed"] = [f for f in doc["fixed"] if isinstance(f["day"], int)]
    doc["repeat"] = True
    return doc


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(repeating_weeks())
def test_a_repeating_plan_copied_in_a_row_passes_as_one_horizon(doc):
    result = solve(Scenario.model_validate(doc))
    if not result.has_plan:
        return
    days = doc["days"]
    copies = max(2, -(-14 // days))  # at least two, and a full 7-day window and more
    plain = tiled({k: v for k, v in doc.items() if k != "repeat"}, copies)
    report = check(Scenario.model_validate(plain), tiled_plan(result, plain, copies))
    assert report.ok, [v.message for v in report.violations]


def test_weeks_chained_with_history_hold_as_one_two_week_horizon(tmp_path):
    week = document(week_start="2027-03-01", sessions={"easy_run": 3, "long_run": 1,
                    "tempo": 1, "lower_strength": 2, "core": 1},
                    rules={"lift_to_key_hours": 36, "same_muscle_hours": 48,
                           "no_back_to_back_hard": True, "no_heavy_legs_day_after_key": True,
                           "max_hard_days": 3, "min_rest_days": 1},
                    weights={"balance": 1, "spread": 1}, prefer={"long_run": ["sun"]})
    first = solve(Scenario.model_validate(week))
    assert first.status == "optimal"
    (tmp_path / "week1.json").write_text(first.to_json(), encoding="utf-8")
    second_doc = {**week, "week_start": "2027-03-08", "history": "week1.json"}
    second_scenario = Scenario.model_validate(second_doc, context={"base_dir": tmp_path})
    second = solve(second_scenario)
    assert second.status == "optimal"
    assert [e.day for e in second.history] == [e.day - 7 for e in first.plan]
    both = Scenario.model_validate(tiled(week, 2))
    plan = tiled_plan(first, tiled(week, 2), 1) + [
        Placement(e.day + 7, p.slot, p.session) for e, p in zip(
            second.plan, tiled_plan(second, tiled(week, 2), 1), strict=True)]
    report = check(both, plan)
    assert report.ok, [v.message for v in report.violations]


def test_history_from_a_dated_plan_keeps_its_dates(tmp_path):
    week = document(week_start="2027-03-01", sessions={"tempo": 1, "easy_run": 1})
    first = solve(Scenario.model_validate(week))
    (tmp_path / "earlier.json").write_text(first.to_json(), encoding="utf-8")
    # Two weeks later: the plan's dates put it 14 to 8 days before day 0.
    later = Scenario.model_validate({**week, "week_start": "2027-03-15",
                                     "history": "earlier.json"},
                                    context={"base_dir": tmp_path})
    days = sorted(k.day for k in resolve(later).history)
    assert days == sorted((dt.date.fromisoformat(e.date) - dt.date(2027, 3, 15)).days
                          for e in first.plan)
    assert all(-14 <= d <= -8 for d in days)


def test_acute_and_chronic_load_count_history():
    done = [{"day": -d, "slot": "am", "session": "easy_run"} for d in range(1, 22)]
    sc = Scenario.model_validate(document(sessions={"easy_run": 7}, history=done))
    metrics = solve(sc).metrics
    # 7 easy runs a week (135 each): the last 7 days hold the horizon's 945; the last 28
    # hold 21 history runs and the week's 7, a mean of 945 a week.
    assert metrics.acute_load == 945
    assert metrics.chronic_load == 945.0
    assert json.loads(solve(sc).to_json())["metrics"]["acute_load"] == 945
