"""From a block file to its weeks: lengths, derived phases, deload and taper marks,
reference weeks, overlays, and the races a week is raced to."""

from __future__ import annotations

from block_kit import problem, small

from runlift.block.weeks import _derived_phases


def test_a_race_block_ends_on_race_day_and_its_last_week_may_be_shorter() -> None:
    bp = problem(small(weeks=None, race={"date": "2027-02-03", "slot": "am"}))
    assert [s.days for s in bp.specs] == [7, 7, 7, 7, 3]
    last = bp.problems[-1]
    assert [(f.session, f.day) for f in last.fixed] == [("race", 2)]
    assert bp.specs[-1].race_day == 2


def test_derived_phases_end_with_a_taper_and_a_peak() -> None:
    assert _derived_phases(16, race=True) == (["base"] * 6 + ["build"] * 5 + ["peak"] * 3
                                              + ["taper"] * 2)
    assert _derived_phases(8, race=True) == ["base"] * 2 + ["build"] * 2 + ["peak"] * 2 + [
        "taper"] * 2
    assert _derived_phases(4, race=True) == ["base", "build", "peak", "taper"]
    assert _derived_phases(8, race=False) == ["base"] * 8


def test_derived_phases_follow_the_heavy_legs_advice() -> None:
    bp = problem(small(weeks=None, race={"date": "2027-04-25"},
                       week={"sessions": {"easy_run": 2, "long_run": 1, "lower_strength": 1,
                                          "posterior_chain": 1}}))
    heavy = {s.phase: bp.problems[i].demand.get("lower_strength", 0)
             + bp.problems[i].demand.get("posterior_chain", 0) for i, s in enumerate(bp.specs)
             if not s.deload}
    assert heavy["base"] >= 2 and heavy["build"] == 2 and heavy["peak"] == 1
    assert heavy["taper"] == 0


def test_every_fourth_week_is_a_deload_measured_against_the_last_full_week() -> None:
    bp = problem(small(weeks=9))
    assert [s.deload for s in bp.specs] == [False, False, False, True] * 2 + [False]
    assert [s.ref for s in bp.specs] == [None, 1, 2, 3, 3, 5, 6, 7, 7]


def test_overlays_merge_in_order_base_phase_deload_override() -> None:
    bp = problem(small(weeks=4, phases=[
        {"name": "base", "weeks": 2, "week": {"sessions": {"core": 1}}},
        {"name": "build", "week": {"sessions": {"tempo": 1}}}],
        progression={"deload_week": {"sessions": {"easy_run": 1}}},
        weeks_override={4: {"sessions": {"tempo": 0}}}))
    demands = [p.demand for p in bp.problems]
    assert demands[0] == {"easy_run": 2, "long_run": 1, "lower_strength": 1, "core": 1}
    assert demands[2] == {"easy_run": 2, "long_run": 1, "lower_strength": 1, "tempo": 1}
    assert demands[3] == {"easy_run": 1, "long_run": 1, "lower_strength": 1}


def test_a_b_race_is_the_race_date_of_the_weeks_before_it() -> None:
    bp = problem(small(weeks=None, race={"date": "2027-02-07"},
                       weeks_override={3: {"fixed": [{"session": "race", "day": "sat",
                                                       "slot": "am"}]}}))
    dates = [s.data.get("race_date") for s in bp.specs]
    assert dates == ["2027-01-23", "2027-01-23", "2027-02-07", "2027-02-07", None]
    assert 19 in bp.problems[2].race_days or 5 in bp.problems[2].race_days
