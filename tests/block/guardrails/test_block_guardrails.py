"""Each guardrail binds on a block made for it: planned with it, every week keeps it;
planned without it, the plan breaks it, and `block check` says so with the week and the
numbers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from block_kit import problem, small

from runlift.block.check import check_block, read_block_plan
from runlift.block.guardrails import GUARDRAILS
from runlift.block.solve import plan_block

WIDE = {"long_run": {"minutes": [40, 240], "step": 10},
        "easy_run": {"minutes": [20, 90], "step": 5}}
RACE_BLOCK = {"weeks": None, "race": {"date": "2027-02-07", "minutes": 60}}
BINDS: dict[str, dict[str, Any]] = {
    "ramp_pct": small(progression={"ramp_pct": 5, "deload_every": False}),
    "deload_pct": small(progression={"deload_every": 3, "ramp_pct": 30}),
    "acwr_max": small(weeks=7, scale=WIDE, progression={"acwr_max": 1.1, "ramp_pct": 20,
                                                        "deload_every": False}),
    "taper_cut_pct": small(**RACE_BLOCK, progression={"ramp_pct": False,
                                                      "deload_every": False}),
}


def without(data: dict[str, Any], name: str) -> dict[str, Any]:
    return {**data, "progression": {**data.get("progression", {}), name: False}}


def test_every_guardrail_has_a_block_where_it_binds() -> None:
    assert set(BINDS) == set(GUARDRAILS)


@pytest.mark.parametrize("name", sorted(BINDS))
def test_the_planned_block_keeps_the_guardrail(name: str) -> None:
    result = plan_block(problem(BINDS[name]))
    assert result.status == "optimal"
    mine = [r for r in result.guardrails if r.name == name]
    assert mine and all(r.ok for r in mine)


@pytest.mark.parametrize("name", sorted(BINDS))
def test_without_it_the_plan_breaks_it_and_block_check_says_so(name: str,
                                                                tmp_path: Path) -> None:
    loose = plan_block(problem(without(BINDS[name], name)))
    assert loose.has_plan
    plan = tmp_path / "loose.json"
    plan.write_text(loose.to_json(), encoding="utf-8")
    bp = problem(BINDS[name])
    checked = check_block(bp, read_block_plan(plan, bp))
    broken = [r for r in checked.guardrails if r.name == name and not r.ok]
    assert broken, f"{name} does not bind"
    assert not checked.ok
    assert any(name in message and "week" in message for message in checked.violations)
    assert all(r.excess > 0 and r.room < 0 for r in broken)


# Week 3 adds two tempo runs: more than a 5 % ramp allows.
JUMP = small(progression={"ramp_pct": 5, "deload_every": False},
             weeks_override={3: {"sessions": {"tempo": 2}}})


def test_a_soft_guardrail_gives_way_only_as_far_as_it_must() -> None:
    assert plan_block(problem(JUMP), explain=False).status == "infeasible"
    soft = plan_block(problem({**JUMP, "soft": {"ramp_pct": 1}}))
    assert soft.status == "optimal"
    assert soft.objective is not None
    over = [r for r in soft.guardrails if r.name == "ramp_pct" and not r.ok]
    assert 3 in [r.week for r in over]
    excess = sum(r.excess for r in over)
    assert soft.objective.guardrail_excess == excess > 0
    # it gives way less than the plan that ignores it
    off = plan_block(problem(without(JUMP, "ramp_pct")))
    bp = problem(JUMP)
    from runlift.block.solve import readings

    ignored = sum(r.excess for r in readings(bp, [w.load for w in off.weeks])
                  if r.name == "ramp_pct")
    assert excess < ignored


def test_a_soft_guardrail_with_weight_zero_is_off() -> None:
    assert plan_block(problem({**JUMP, "soft": {"ramp_pct": 0}})).has_plan


@pytest.mark.parametrize("name", sorted(GUARDRAILS))
def test_relaxations_ask_less_and_end_with_off(name: str) -> None:
    guardrail = GUARDRAILS[name]
    default = list(guardrail.default) if isinstance(guardrail.default, tuple) \
        else guardrail.default
    looser = guardrail.relaxations(default)
    assert looser[-1] is False
    assert all(guardrail.valid(v) for v in looser[:-1])
    assert default not in looser


def test_the_taper_steps_down() -> None:
    result = plan_block(problem(BINDS["taper_cut_pct"]))
    taper = [w.load for w in result.weeks if w.taper]
    assert taper == sorted(taper, reverse=True)
    assert json.loads(result.to_json())["guardrails"]
