"""Each member's CP-SAT encoding and its plain-Python check, held to each other one by one.

For random tiny horizons and random full placements (every cell forced, to a session or
empty):

- the bare model with one rule hard is feasible exactly when the rule's check reports
  nothing, and with the rule soft its least cost is the sum of the amounts the check
  reports. Every value in the rule's ``samples`` is tried, with the plain guard (as a
  solve builds the model) and with a variable in every cell (the encoding on its own);
- the bare model with one term costs what the term's plain cost says;
- the bare structure is feasible exactly when every structural check passes, for
  placements that may break the counts, the pins, the closed slots or one per slot.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from rule_kit import bare, listed, rule_fields, tiny_problem
from scenario_strategies import CUSTOM_TYPES, TYPES

from runlift.models.plan import PlacedPlan, Placement
from runlift.models.problem import FixedPlacement, Problem, Unavailability
from runlift.rules import RULES, STRUCTURAL, TERMS, Violation

WEEK_START = dt.date(2027, 3, 1)
HEAVY = ("lower_strength", "posterior_chain", "plyometrics", "hill_sprints")
RUNS = ("easy_run", "tempo", "intervals", "long_run", "race", "strides", "hill_sprints")
# RULE_AGREEMENT_EXAMPLES=2000 makes a deep run, drawn at random rather than derandomised.
DEEP = os.environ.get("RULE_AGREEMENT_EXAMPLES")
AGREEMENT = settings(max_examples=int(DEEP or 40), deadline=None, derandomize=not DEEP,
                     suppress_health_check=[HealthCheck.too_slow])


@st.composite
def slot_tables(draw: st.DrawFn) -> dict[str, str]:
    minutes = draw(st.lists(st.integers(0, 23 * 60 + 59), min_size=1, max_size=3,
                            unique=True))
    return {f"s{i}": f"{m // 60:02d}:{m % 60:02d}" for i, m in enumerate(sorted(minutes))}


@st.composite
def forced_weeks(draw: st.DrawFn, max_days: int = 4) -> tuple[dict[str, Any], list[str]]:
    """(scenario fields, cells): a full placement of 1 to ``max_days`` days, some of its
    sessions pinned, some of its empty cells closed, preferred days, perhaps a race_date."""
    days, slots = draw(st.integers(1, max_days)), draw(slot_tables())
    cells = [(d, s) for d in range(days) for s in slots]
    # A few types a week, a heavy-legs one and a run among them, so that the pairs the
    # rules look at (lift and key run, two lifts, lift and race) are common.
    palette = [draw(st.sampled_from(HEAVY)), draw(st.sampled_from(RUNS)),
               draw(st.sampled_from(TYPES))]
    # One draw for every cell (0: empty), which keeps the generation cheap.
    choices = draw(st.lists(st.integers(0, 3), min_size=len(cells), max_size=len(cells)))
    held = {c: palette[i - 1] for c, i in zip(cells, choices, strict=True) if i}
    empty = [c for c in cells if c not in held]
    pins = draw(st.lists(st.sampled_from(sorted(held)), max_size=2, unique=True)
                if held else st.just([]))
    closed = draw(st.lists(st.sampled_from(empty), unique=True) if empty else st.just([]))
    fields: dict[str, Any] = {
        "days": days, "slots": slots, "catalog": CUSTOM_TYPES,
        "fixed": [{"session": held[c], "day": c[0], "slot": c[1]} for c in pins],
        "unavailable": [f"{d} {s}" for d, s in closed],
        "prefer": {palette[0]: draw(st.lists(st.integers(0, days - 1), min_size=1,
                                             max_size=2, unique=True))},
    }
    offset = draw(st.none() | st.integers(0, days + 4))
    if offset is not None:  # a race_date in the horizon or a few days after it
        fields["week_start"] = WEEK_START.isoformat()
        fields["race_date"] = (WEEK_START + dt.timedelta(days=offset)).isoformat()
    return fields, [f"{d} {s} {t}" for (d, s), t in sorted(held.items())]


def expected(plan: PlacedPlan, name: str, value: Any) -> list[Violation]:
    """What the checker finds of the rule: nothing when the value switches it off (the
    checker, like the model, leaves an inactive rule out)."""
    rule = RULES[name]
    return rule.check(plan, value) if rule.is_active(value) else []


def forced_plan(fields: dict[str, Any], cells: list[str], name: str, value: Any, soft: bool
                ) -> PlacedPlan:
    """The plan of the cells. It keeps every structural member, so that only the rule
    can make the bare model infeasible."""
    problem, placed = tiny_problem({**fields, **rule_fields(name, value, soft)}, cells)
    plan = PlacedPlan(problem, placed)
    for member in STRUCTURAL.values():
        assert member.check(plan) == [], member.name
    return plan


@pytest.mark.parametrize("name", RULES)
@AGREEMENT
@given(week=forced_weeks(), data=st.data())
def test_encoding_agrees_with_check(name, week, data):
    value = data.draw(st.sampled_from(RULES[name].samples), label="value")
    every_cell = data.draw(st.booleans(), label="every_cell")
    setup = f"{name}={value!r} forcing {week[1]}"

    plan = forced_plan(*week, name, value, soft=False)
    found = expected(plan, name, value)
    outcome = bare(name, value, every_cell=every_cell).force_placements(
        plan.problem, plan.placements, setup=setup)
    event("broken" if found else "kept")
    assert outcome.feasible == (not found), f"{outcome}; the check reports {listed(found)}"

    plan = forced_plan(*week, name, value, soft=True)
    outcome = bare(name, value, soft=True, every_cell=every_cell).force_placements(
        plan.problem, plan.placements, setup=f"{setup} (soft)")
    assert outcome.cost == sum(v.amount for v in found), f"{outcome}; {listed(found)}"


@pytest.mark.parametrize("name", TERMS)
@AGREEMENT
@given(week=forced_weeks(max_days=7))
def test_term_encoding_costs_what_its_plain_cost_says(name, week):
    problem, placed = tiny_problem(*week)
    plan = PlacedPlan(problem, placed)
    outcome = bare(name).force_placements(problem, placed, setup=f"{name} forcing {week[1]}")
    assert outcome.cost == TERMS[name].cost(plan)


def moved_pin(draw: st.DrawFn, problem: Problem, placed: list[Placement]) -> Problem:
    """A session's pin (it gets one if it had none) moved to an empty cell, the session
    left where it was: the counts still match."""
    taken = {(p.day, p.slot) for p in placed} | problem.closed_cells
    empty = [c for c in problem.cells if c not in taken]
    if not empty:
        return problem
    p = draw(st.sampled_from(placed))
    day, slot = draw(st.sampled_from(empty))
    fixed = [f for f in problem.fixed if (f.day, f.slot) != (p.day, p.slot)]
    demand = dict(problem.demand)
    if len(fixed) == len(problem.fixed):  # not pinned: one fewer asked for, one more pin
        demand[p.session] -= 1
    pin = FixedPlacement(len(problem.fixed), p.session, day, slot)
    return replace(problem, fixed=(*fixed, pin),
                   demand={t: n for t, n in sorted(demand.items()) if n})


def closed_cell(draw: st.DrawFn, problem: Problem, placed: list[Placement]) -> Problem:
    """A slot that holds a session, closed."""
    p = draw(st.sampled_from(placed))
    entry = Unavailability(len(problem.unavailable), "crooked", ((p.day, p.slot),))
    return replace(problem, unavailable=(*problem.unavailable, entry))


def other_count(draw: st.DrawFn, problem: Problem, placed: list[Placement]) -> Problem:
    """One more or one fewer of a type asked for."""
    session = draw(st.sampled_from(sorted({p.session for p in placed})))
    demand = dict(problem.demand)
    demand[session] = max(0, demand.get(session, 0) + draw(st.sampled_from([-1, 1])))
    return replace(problem, demand={t: n for t, n in sorted(demand.items()) if n})


CROOKS = {"pin": moved_pin, "closed": closed_cell, "count": other_count}


@st.composite
def crooked_weeks(draw: st.DrawFn) -> tuple[Problem, list[Placement], str]:
    """(problem, placements, what changed): a full placement that keeps the structure,
    then perhaps one change that breaks a structural member: a pin moved, a slot that
    holds a session closed, a count changed, or a second session in a slot."""
    fields, cells = draw(forced_weeks(max_days=3))
    problem, placed = tiny_problem(fields, cells)
    crook = draw(st.sampled_from(["crowd", *CROOKS, "none"]) if placed else st.just("none"))
    if crook == "crowd":  # a second session (of another type, asked for) in a slot
        p = draw(st.sampled_from(placed))
        other = draw(st.sampled_from([t for t in TYPES if t != p.session]))
        placed = [*placed, Placement(p.day, p.slot, other)]
        demand = {**problem.demand, other: problem.demand.get(other, 0) + 1}
        problem = replace(problem, demand=dict(sorted(demand.items())),
                          catalog={**problem.catalog})
    elif crook in CROOKS:
        problem = CROOKS[crook](draw, problem, placed)
    return problem, placed, crook


@pytest.mark.parametrize("every_cell", [False, True], ids=["plain", "every_cell"])
@settings(AGREEMENT, max_examples=int(DEEP or 60))
@given(week=crooked_weeks())
def test_structure_is_feasible_exactly_when_its_checks_pass(every_cell, week):
    problem, placed, crook = week
    found = [v for m in STRUCTURAL.values() for v in m.check(PlacedPlan(problem, placed))]
    event(f"{crook}: {'broken' if found else 'kept'}")
    outcome = bare(None, every_cell=every_cell).force_placements(
        problem, placed, setup=f"structure forcing {placed} ({crook})")
    assert outcome.feasible == (not found), f"{outcome}; the checks report {listed(found)}"
