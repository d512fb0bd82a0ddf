"""Why a week cannot work: a minimal conflict set, and relaxations verified by solving.

Every demand (the count of a session type), pin, closed slot and hard rule is guarded by an
assumption literal. CP-SAT returns a set of assumptions that is infeasible on its own; a
deletion filter then drops members until each remaining one is needed, so removing any
single member makes the week solvable.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from runlift.models.problem import Problem, RuleSetting
from runlift.models.result import Conflict, Relaxation
from runlift.solver.model import BuiltModel, build_model
from runlift.solver.params import make_solver
from runlift.solver.rules import RULES

EXPLAIN_TIME_LIMIT = 5.0
MAX_TRIES_PER_MEMBER = 8


def _infeasible_core(built: BuiltModel, members: Iterable[str]) -> list[str] | None:
    """A subset of ``members`` that is infeasible on its own, or None when they are not."""
    from ortools.sat.python import cp_model

    lits = built.ctx.assumptions
    chosen = [m for m in members if m in lits]
    built.model.clear_assumptions()
    built.model.add_assumptions([lits[m] for m in chosen])
    solver = make_solver(EXPLAIN_TIME_LIMIT)
    if solver.solve(built.model) != cp_model.INFEASIBLE:
        return None
    by_index = {lits[m].index: m for m in chosen}
    core = [by_index[i] for i in solver.sufficient_assumptions_for_infeasibility()]
    return sorted(core) if core else sorted(chosen)


def minimal_conflict(problem: Problem, members: Iterable[str] | None = None) -> list[str]:
    """A minimal infeasible subset of ``members`` (default: all of the week's members);
    [] when they are feasible together."""
    built = build_model(problem, explain=True, objective=False)
    core = _infeasible_core(built, sorted(built.ctx.assumptions) if members is None else members)
    if core is None:
        return []
    for member in list(core):
        if member not in core:
            continue
        smaller = _infeasible_core(built, [m for m in core if m != member])
        if smaller is not None:
            core = smaller
    return core


def is_feasible(problem: Problem) -> bool:
    from ortools.sat.python import cp_model

    built = build_model(problem, objective=False)
    return make_solver(EXPLAIN_TIME_LIMIT).solve(built.model) in (cp_model.OPTIMAL,
                                                                   cp_model.FEASIBLE)


def member_phrase(problem: Problem, member: str) -> tuple[str, str]:
    """(rule name, a sentence a coach understands) for one conflict member."""
    kind, _, what = member.partition(":")
    if kind == "rule":
        return what, RULES[what].describe(problem.rules[what].value) + _race_note(problem, what)
    if kind == "sessions":
        return "sessions", f"the week asks for {problem.demand[what]} {what}"
    if kind == "fixed":
        f = problem.fixed[int(what)]
        label = problem.calendar.label(f.day)
        return "fixed", f"{f.session} is pinned on {label} {problem.slots[f.slot].name}"
    entry = problem.unavailable[int(what)]
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
    return conflicts, relaxations


def _relax(problem: Problem, member: str) -> Relaxation | None:
    """The smallest change to one member that makes the week solvable, checked by solving."""
    for candidate, relaxation in _candidates(problem, member)[:MAX_TRIES_PER_MEMBER]:
        if is_feasible(candidate):
            return relaxation
    return None


def _candidates(problem: Problem, member: str) -> list[tuple[Problem, Relaxation]]:
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
        f = problem.fixed[int(what)]
        fixed = tuple(x for x in problem.fixed if x.index != f.index)
        label = f"{problem.calendar.label(f.day)} {problem.slots[f.slot].name}"
        out.append((replace(problem, fixed=fixed),
                    Relaxation(rule="fixed", change=f"fixed.{f.index}", value=None,
                               message=f"unpin {f.session} from {label}")))
    else:
        entry = problem.unavailable[int(what)]
        rest = tuple(u for u in problem.unavailable if u.index != entry.index)
        out.append((replace(problem, unavailable=rest),
                    Relaxation(rule="unavailable", change=f"unavailable.{entry.index}",
                               value=None, message=f"make {entry.text} available")))
    return out


def _yaml(value: Any) -> str:
    return "false" if value is False else str(value)
