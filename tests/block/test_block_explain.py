"""When no block fits: a minimal clash in the block's own terms, and changes proven by
planning the whole block again."""

from __future__ import annotations

from pathlib import Path

from block_kit import problem, small

from runlift.block import load_block
from runlift.block.explain import _clash, _edited, _feasible, _members
from runlift.block.solve import plan_block
from runlift.models.status import Status

ROOT = Path(__file__).resolve().parents[2]


def test_the_trip_before_the_deload_is_named_with_its_week_and_numbers() -> None:
    bp = load_block(ROOT / "scenarios" / "blocks" / "trip-before-deload.yaml")
    result = plan_block(bp)
    assert result.status == "infeasible" and result.conflicts_minimal
    ramp = next(c for c in result.conflicts if c.rule == "ramp_pct")
    assert "week 8 is the first it cannot hold" in ramp.message
    assert "110% of the most week 7 can reach" in ramp.message
    assert result.relaxations
    for relaxation in result.relaxations:
        edited = _edited(bp, relaxation)
        for also in relaxation.also:
            from runlift.models.result import Relaxation

            edited = _edited(edited, Relaxation(**also.model_dump(), message=""))
        assert edited is not None and plan_block(edited, explain=False).has_plan


def test_every_member_of_the_clash_is_needed() -> None:
    bp = load_block(ROOT / "scenarios" / "blocks" / "trip-before-deload.yaml")
    core, minimal = _clash(bp)
    assert minimal
    assert _feasible(bp, set(core)) == Status.infeasible
    for key in core:
        assert _feasible(bp, set(core) - {key}).has_plan, key
    assert set(core) < set(_members(bp))


def test_a_week_that_fits_no_way_is_explained_as_that_week() -> None:
    # a 10 km on week 2's Wednesday: its 10-day taper covers all of week 1, which still
    # asks for two leg days
    data = small(weeks=3, week={"sessions": {"easy_run": 2, "long_run": 1,
                                             "lower_strength": 2}},
                 weeks_override={2: {"fixed": [{"session": "race", "day": "wed",
                                                "slot": "am"}]}},
                 progression={"ramp_pct": False, "deload_every": False})
    result = plan_block(problem(data))
    assert result.status == "infeasible"
    assert all(c.message.startswith("week 1: ") for c in result.conflicts)
    assert {c.rule for c in result.conflicts} == {"taper_days", "sessions"}
    assert "race on 2027-01-13" in result.conflicts[0].message
    assert result.weeks == []
    assert result.relaxations
    for relaxation in result.relaxations:
        assert relaxation.change.startswith(("weeks_override.1.", "week."))
        edited = _edited(problem(data), relaxation)
        assert edited is not None and plan_block(edited, explain=False).has_plan
