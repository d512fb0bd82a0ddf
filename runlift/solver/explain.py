"""Why a week cannot work: a minimal conflict set, and relaxations verified by solving.

Every demand (the count of a session type), pin, closed slot and hard rule is guarded by an
assumption literal. CP-SAT returns a set of assumptions that is infeasible on its own; a
deletion filter then drops members until each remaining one is needed, so removing any
single member makes the week solvable.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from typing import Any

from runlift.models.problem import FixedPlacement, Problem, RuleSetting, Unavailability
from runlift.models.result import Change, Conflict, Relaxation
from runlift.solver.model import BuiltModel, build_model
from runlift.solver.params import SMALL_MODEL_DAYS, make_solver
from runlift.solver.rules import RULES

# Per search, in deterministic seconds. One week decides in milliseconds; a long horizon
# that cannot decide a trial in this time falls back to plain models (conflicts) or counts
# the trial as not working (relaxations), so an explanation stays within seconds.
EXPLAIN_TIME_LIMIT = 1.0
MAX_COMBINED_STEPS = 12
# Which kind of member to relax first when several conflicts need combined changes.
RELAX_ORDER = ("rule", "sessions", "unavailable", "fixed")


class Undecided(Exception):
    """The search stopped at its limit without deciding feasibility."""


def _infeasible_core(built: BuiltModel, members: Iterable[str]) -> list[str] | None:
    """A subset of ``members`` that is infeasible on its own, or None when they are
    feasible together. Raises Undecided when the search could not tell in time."""
    from ortools.sat.python import cp_model

    lits = built.ctx.assumptions
    chosen = [m for m in members if m in lits]
    built.model.clear_assumptions()
    built.model.add_assumptions([lits[m] for m in chosen])
    solver = make_solver(EXPLAIN_TIME_LIMIT, conflicts=True)
    status = solver.solve(built.model)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    if status != cp_model.INFEASIBLE:
        raise Undecided
    by_index = {lits[m].index: m for m in chosen}
    core = [by_index[i] for i in solver.sufficient_assumptions_for_infeasibility()]
    return sorted(core) if core else sorted(chosen)


def minimal_conflict(problem: Problem, members: Iterable[str] | None = None) -> list[str]:
    """A minimal infeasible subset of ``members`` (default: all of the week's members);
    [] when they are feasible together."""
    built = build_model(problem, explain=True, objective=False)
    chosen = sorted(built.ctx.assumptions) if members is None else list(members)
    if problem.days > SMALL_MODEL_DAYS:
        # Long horizons: the guarded model rarely decides in time; plain models do.
        return _plain_deletion_filter(problem, chosen)
    try:
        core = _infeasible_core(built, chosen)
    except Undecided:
        return _plain_deletion_filter(problem, chosen)
    if core is None:
        return []
    for member in list(core):
        if member not in core:
            continue
        try:
            smaller = _infeasible_core(built, [m for m in core if m != member])
        except Undecided:
            continue  # keep the member: the set stays proven infeasible
        if smaller is not None:
            core = smaller
    return core


def _plain_deletion_filter(problem: Problem, members: list[str]) -> list[str]:
    """The same deletion filter over plain models, one per trial set, for weeks whose
    guarded model is too large to search in time (long horizons with many slots): a plain
    model without its assumption literals often proves infeasibility at once."""
    if not _proven_infeasible(_only(problem, members)):
        return []
    core = list(members)
    for member in list(core):
        trial = [m for m in core if m != member]
        if _proven_infeasible(_only(problem, trial)):
            core = trial
    return core


def _only(problem: Problem, members: list[str]) -> Problem:
    """``problem`` keeping only these members: other hard rules off, other session
    counts at 0, other pins and closed slots gone."""
    kept = set(members)
    return dataclasses.replace(
        problem,
        rules={n: s for n, s in problem.rules.items() if not s.soft and f"rule:{n}" in kept},
        demand={t: n for t, n in problem.demand.items() if f"sessions:{t}" in kept},
        fixed=tuple(f for f in problem.fixed if f"fixed:{f.index}" in kept),
        unavailable=tuple(u for u in problem.unavailable if f"unavailable:{u.index}" in kept),
    )


def _proven_infeasible(problem: Problem) -> bool:
    from ortools.sat.python import cp_model

    built = build_model(problem, objective=False)
    solver = make_solver(EXPLAIN_TIME_LIMIT, cells=len(built.ctx.x), days=problem.days)
    return solver.solve(built.model) == cp_model.INFEASIBLE


def is_feasible(problem: Problem) -> bool:
    from ortools.sat.python import cp_model

    built = build_model(problem, objective=False)
    solver = make_solver(EXPLAIN_TIME_LIMIT, cells=len(built.ctx.x), days=problem.days)
    return solver.solve(built.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)


def member_phrase(problem: Problem, member: str) -> tuple[str, str]:
    """(rule name, a sentence a coach understands) for one conflict member."""
    kind, _, what = member.partition(":")
    if kind == "rule":
        return what, RULES[what].describe(problem.rules[what].value) + _race_note(problem, what)
    if kind == "sessions":
        return "sessions", f"the week asks for {problem.demand[what]} {what}"
    if kind == "fixed":
        f = _fixed(problem, int(what))
        label = problem.calendar.label(f.day)
        return "fixed", f"{f.session} is pinned on {label} {problem.slots[f.slot].name}"
    entry = _unavailable(problem, int(what))
    return "unavailable", f"{entry.text} is unavailable"


def _race_note(problem: Problem, rule: str) -> str:
    if rule != "taper_days" or not problem.race_days:
        return ""
    labels = []
    for day in problem.race_days:
        date = problem.calendar.date(day)
        labels.append(problem.calendar.label(day) if day < problem.days else str(date))
    return f" (race on {', '.join(labels)})"


def explain_infeasible(problem: Problem) -> tuple[list[Conflict], list[Relaxation]]:
    core = minimal_conflict(problem)
    phrases = {m: member_phrase(problem, m) for m in core}
    conflicts = []
    for member in core:
        rule, sentence = phrases[member]
        others = [phrases[m][1] for m in core if m != member]
        message = sentence + (", but " + "; ".join(others) if others else "")
        conflicts.append(Conflict(rule=rule, message=message, member=member))
    relaxations = [r for m in core if (r := _relax(problem, m)) is not None]
    if not relaxations and (combined := _combined(problem, core)) is not None:
        relaxations = [combined]
    return conflicts, relaxations


def _relax(problem: Problem, member: str) -> Relaxation | None:
    """The mildest change to one member that makes the week solvable, checked by solving."""
    found = _mildest(_candidates(problem, member), is_feasible)
    return found[1] if found else None


def _mildest(
    candidates: list[tuple[Problem, Relaxation]], works: Callable[[Problem], bool]
) -> tuple[Problem, Relaxation] | None:
    """The mildest candidate that works. Candidates run from mildest to boldest and asking
    less rarely makes a week harder, so: try the boldest, then bisect. The answer is always
    one that was tried and worked."""
    if not candidates or not works(candidates[-1][0]):
        return None
    low, high = 0, len(candidates) - 1
    while low < high:
        mid = (low + high) // 2
        if works(candidates[mid][0]):
            high = mid
        else:
            low = mid + 1
    return candidates[high]


def _combined(problem: Problem, core: list[str]) -> Relaxation | None:
    """When no single change helps (the week holds several separate conflicts), relax one
    member of each conflict in turn, mildest first, until the week solves."""
    steps: list[Relaxation] = []
    current = problem
    for _ in range(MAX_COMBINED_STEPS):
        step = _resolve_conflict(current, core)
        if step is None:
            return None
        current, relaxation = step
        steps.append(relaxation)
        core = minimal_conflict(current)
        if not core:
            first, *rest = steps
            return first.model_copy(update={
                "message": ", and ".join(s.message for s in steps),
                "also": [Change(rule=s.rule, change=s.change, value=s.value) for s in rest],
            })
    return None


def _resolve_conflict(problem: Problem, core: list[str]) -> tuple[Problem, Relaxation] | None:
    """The mildest change to one member (rules first) that makes this conflict go away."""

    def dissolves(candidate: Problem) -> bool:
        return not minimal_conflict(candidate, members=core)

    for member in sorted(core, key=lambda m: (RELAX_ORDER.index(m.partition(":")[0]), m)):
        found = _mildest(_candidates(problem, member), dissolves)
        if found:
            return found
    return None


def _fixed(problem: Problem, index: int) -> FixedPlacement:
    return next(f for f in problem.fixed if f.index == index)


def _unavailable(problem: Problem, index: int) -> Unavailability:
    return next(u for u in problem.unavailable if u.index == index)


def _candidates(problem: Problem, member: str) -> list[tuple[Problem, Relaxation]]:
    """Changes to one member, from the mildest to the boldest."""
    kind, _, what = member.partition(":")
    replace = dataclasses.replace
    out = []
    if kind == "rule":
        setting = problem.rules[what]
        for value in RULES[what].relaxations(setting.value):
            rules = dict(problem.rules)
            if value is False or not RULES[what].is_active(value):
                del rules[what]
                message = f"turn off {what} (rules: {{{what}: {_yaml(value)}}}), or make it soft"
            else:
                rules[what] = RuleSetting(value=value, weight=setting.weight)
                message = f"set {what} to {value}"
            out.append((replace(problem, rules=rules),
                        Relaxation(rule=what, change=f"rules.{what}", value=value,
                                   message=message)))
    elif kind == "sessions":
        wanted = problem.demand[what]
        for count in range(wanted - 1, -1, -1):
            demand = {**problem.demand, what: count}
            demand = {t: n for t, n in demand.items() if n}
            out.append((replace(problem, demand=demand),
                        Relaxation(rule="sessions", change=f"sessions.{what}", value=count,
                                   message=f"ask for {count} {what} instead of {wanted}")))
    elif kind == "fixed":
        f = _fixed(problem, int(what))
        fixed = tuple(x for x in problem.fixed if x.index != f.index)
        label = f"{problem.calendar.label(f.day)} {problem.slots[f.slot].name}"
        out.append((replace(problem, fixed=fixed),
                    Relaxation(rule="fixed", change=f"fixed.{f.index}", value=None,
                               message=f"unpin {f.session} from {label}")))
    else:
        entry = _unavailable(problem, int(what))
        rest = tuple(u for u in problem.unavailable if u.index != entry.index)
        out.append((replace(problem, unavailable=rest),
                    Relaxation(rule="unavailable", change=f"unavailable.{entry.index}",
                               value=None, message=f"make {entry.text} available")))
    return out


def _yaml(value: Any) -> str:
    return "false" if value is False else str(value)
