"""The schools of advice as scenarios (scenarios/advice/): each week has the shape its
school describes, each preset's seed week passes `runlift check` under that preset, and
48 h against 24 h is a comparison."""

from __future__ import annotations

import itertools
import json
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner

from runlift import check, load_plan, load_scenario, solve
from runlift.cli.main import main
from runlift.models.result import Result
from runlift.rules.presets import PRESETS
from runlift.scenario.model import Scenario

ADVICE = Path(__file__).resolve().parent.parent / "scenarios" / "advice"
# Each preset, the scenario of its seed week and the plan file of that week.
SEED_WEEKS = {
    "hard-days-hard": ("hard-days-hard.yaml", "hard-days-hard-week.yaml"),
    "lifts-on-easy-days": ("seed-004-sample-week.yaml", "seed-004-sample-week.yaml"),
    "evidence-24h": ("evidence-24h-week.yaml", "evidence-24h-week.yaml"),
}


@cache
def solved(name: str) -> Result:
    result = solve(load_scenario(ADVICE / name))
    assert result.status == "optimal", (name, result.conflicts)
    return result


def by_day(result: Result) -> dict[int, list[str]]:
    """Each day's sessions in slot order."""
    days: dict[int, list[str]] = {d: [] for d in range(len(result.days))}
    order = list(result.slots)
    for e in sorted(result.plan, key=lambda e: (e.day, order.index(e.slot))):
        days[e.day].append(e.session)
    return days


def test_every_advice_scenario_is_tested_here():
    tested = {"hard-days-hard.yaml", "seed-004-sample-week.yaml", "evidence-24h-week.yaml",
              "posterior-chain-28-days.yaml", "unilateral-posterior-core.yaml",
              "48h-vs-24h.yaml",
              "squad-30-gym.yaml",  # a squad file: tests/batch/test_advice_squad.py
              # the preferences' weeks: tests/solver/test_preferences_first.py and below
              "preferences-honoured.yaml", "preferences-blocked.yaml"}
    assert {p.name for p in ADVICE.glob("*.yaml")} == tested
    assert set(SEED_WEEKS) == set(PRESETS)


@pytest.mark.parametrize("preset", sorted(SEED_WEEKS))
def test_each_preset_passes_its_schools_seed_week(preset):
    scenario_file, plan_file = SEED_WEEKS[preset]
    scenario = load_scenario(ADVICE / scenario_file)
    assert scenario.preset == preset
    report = check(scenario, load_plan(ADVICE / "plans" / plan_file, scenario))
    assert report.ok, [v.message for v in report.violations]
    assert solved(scenario_file).status == "optimal"


@pytest.mark.parametrize("preset", sorted(SEED_WEEKS))
def test_runlift_check_passes_each_seed_week(preset):
    scenario_file, plan_file = SEED_WEEKS[preset]
    result = CliRunner().invoke(main, ["check", str(ADVICE / scenario_file),
                                       str(ADVICE / "plans" / plan_file)])
    assert result.exit_code == 0, result.output


def test_the_schools_disagree_on_the_hard_days_hard_week():
    """The week of hard days hard stacks legs on hard-run days: under the preset
    lifts-on-easy-days (legs_policy: separate) the same week breaks that rule alone."""
    data = load_scenario(ADVICE / "hard-days-hard.yaml").model_dump(exclude_unset=True)
    data["preset"] = "lifts-on-easy-days"
    scenario = Scenario.model_validate(data)
    report = check(scenario, load_plan(ADVICE / "plans" / "hard-days-hard-week.yaml",
                                       scenario))
    assert {v.rule for v in report.violations} == {"legs_policy"}


def test_hard_days_hard_stacks_the_lift_after_the_run_then_rests():
    result = solved("hard-days-hard.yaml")
    days = by_day(result)
    lift_days = [d for d, sessions in days.items() if "lower_strength" in sessions]
    assert len(lift_days) == 2
    for d in lift_days:
        assert days[d] in (["intervals", "lower_strength"], ["tempo", "lower_strength"])
        assert [e.slot for e in result.plan if e.day == d] == ["am", "pm"]
        assert days.get(d + 1, []) == []  # the rest day after it
    long_run_day = next(d for d, s in days.items() if "long_run" in s)
    assert days[long_run_day] == ["long_run"]


def test_the_seed_004_sample_week_has_its_shape():
    days = by_day(solved("seed-004-sample-week.yaml"))
    assert days[0] == ["easy_run"]  # mon: an easy run, no lifting
    assert days[1] == ["easy_run", "lower_strength"]  # tue: legs after an easy run
    assert days[2] == ["cross_training"]
    assert days[3] in (["intervals"], ["tempo"])  # thu: the hard run
    assert days[4] == ["recovery_run", "lower_strength"]  # fri: after a short easy run
    assert days[5] == ["long_run"]
    assert days[6] == []  # sun off
    result = solved("seed-004-sample-week.yaml")
    assert result.metrics.min_lift_to_key_hours >= 24


def test_the_posterior_chain_comes_every_7_to_10_days_across_the_edge():
    result = solved("posterior-chain-28-days.yaml")
    assert len(result.days) == 28
    days = sorted(e.day for e in result.plan if e.session == "posterior_chain")
    with_history = [-4, *days]
    assert all(7 <= b - a <= 10 for a, b in itertools.pairwise(with_history))
    assert 27 - days[-1] <= 9  # the last days of the horizon without one, at most 9


def test_two_unilateral_one_posterior_chain_core_and_mobility_on_rest_days():
    result = solved("unilateral-posterior-core.yaml")
    days = by_day(result)
    counts = [s for sessions in days.values() for s in sessions]
    assert (counts.count("unilateral"), counts.count("posterior_chain"),
            counts.count("core"), counts.count("mobility")) == (2, 1, 1, 2)
    rest = [d for d, sessions in days.items() if set(sessions) <= {"mobility"}]
    assert len(rest) == 2
    assert all(days[d] == ["mobility"] for d in rest)  # each rest day holds mobility
    hard_run_days = {e.day for e in result.plan if e.kind == "run" and e.intensity == "hard"}
    assert not any(e.heavy_legs and e.day in hard_run_days for e in result.plan)


def test_48h_against_24h_as_a_comparison():
    result = CliRunner().invoke(main, ["compare", str(ADVICE / "48h-vs-24h.yaml"),
                                       "--format", "json", "--workers", "1"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert answer["labels"] == ["base", "24h", "evidence-24h"]
    table = answer["table"]
    assert all(status == "optimal" for status in table["status"].values())
    gaps = table["min lift-to-key gap (h)"]
    assert gaps["base"] >= 48 and min(gaps.values()) >= 24
    # 24 h asks less than 48 h: never a dearer week.
    assert table["objective"]["24h"] <= table["objective"]["base"]


def test_the_coachs_week_under_the_default_rules_names_what_blocks_each_preference():
    """preferences-blocked.yaml: the default 48 h and day-after-key rules leave no room
    for every preference; each miss says which rules keep it off."""
    result = solve(load_scenario(ADVICE / "preferences-blocked.yaml"))
    assert result.status == "optimal"
    missed = {m.session: m for m in result.missed_preferences}
    assert set(missed) == {"long_run", "tempo", "lower_strength"}
    assert "lift_to_key_hours" in missed["tempo"].by
    for m in missed.values():
        assert m.because and m.by, m
