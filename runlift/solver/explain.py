"""Why a plan cannot work: a minimal conflict set, and relaxations verified by solving.

Every member key (a demand, a pin, a closed slot, a hard rule) is guarded by an assumption
literal. CP-SAT returns a set of assumptions that is infeasible on its own; a deletion
filter then drops keys until each remaining one is needed, so removing any single key
makes the plan solvable. Everything a key means (its sentence, its changes, how to drop
it) comes from the member that owns it in the registry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from runlift.models.problem import Problem
from runlift.models.result import Change, Conflict, Relaxation
from runlift.rules import CLASHING, Candidate, clashing_member
from runlift.solver.build import build_model
from runlift.solver.cpsat import Search
from runlift.solver.guards import AssumptionGuard
from runlift.solver.params import SMALL_MODEL_DAYS, search_parameters
from runlift.solver.solve import search

# Per search, in deterministic seconds. One week decides in milliseconds; a long horizon
# that cannot decide a trial in this time falls back to plain models (conflicts) or counts
# the trial as not working (relaxations), so an explanation stays within seconds.
EXPLAIN_TIME_LIMIT = 1.0
MAX_COMBINED_STEPS = 12


class Undecided(Exception):
    """The search stopped at its limit without deciding feasibility."""


class GuardedModel:
    """A problem's model with every member key behind an assumption literal."""

    def __init__(self, problem: Problem) -> None:
        self.guard = AssumptionGuard()
        self.built = build_model(problem, self.guard, objective=False)

    @property
    def keys(self) -> list[str]:
        """Every member key that guards a constraint, sorted."""
        return sorted(self.guard.assumptions)

    def infeasible_core(self, keys: Iterable[str]) -> list[str] | None:
        """A subset of ``keys`` that is infeasible on its own, or None when they are
        feasible together. Raises Undecided when the search could not tell in time."""
        lits = self.guard.assumptions
        chosen = [k for k in keys if k in lits]
        self.built.model.set_assumptions(lits[k] for k in chosen)
        params = search_parameters(EXPLAIN_TIME_LIMIT, conflicts=True)
        response = Search(params).run(self.built.model)
        if response.status.has_plan:
            return None
        if response.status != "infeasible":
            raise Undecided
        by_literal = {lits[k]: k for k in chosen}
        core = [by_literal[lit] for lit in response.core() if lit in by_literal]
        return sorted(core) if core else sorted(chosen)


def minimal_conflict(problem: Problem, keys: Iterable[str] | None = None) -> list[str]:
    """A minimal infeasible subset of ``keys`` (default: all of the problem's member
    keys); [] when they are feasible together."""
    guarded = GuardedModel(problem)
    chosen = guarded.keys if keys is None else list(keys)
    if problem.days > SMALL_MODEL_DAYS:
        # Long horizons: the guarded model rarely decides in time; plain models do.
        return _plain_deletion_filter(problem, chosen)
    try:
        core = guarded.infeasible_core(chosen)
    except Undecided:
        return _plain_deletion_filter(problem, chosen)
    if core is None:
        return []
    for key in list(core):
        if key not in core:
            continue
        try:
            smaller = guarded.infeasible_core([k for k in core if k != key])
        except Undecided:
            continue  # keep the key: the set stays proven infeasible
        if smaller is not None:
            core = smaller
    return core


def _plain_deletion_filter(problem: Problem, keys: list[str]) -> list[str]:
    """The same deletion filter over plain models, one per trial set, for problems whose
    guarded model is too large to search in time (long horizons with many slots): a plain
    model without its assumption literals often proves infeasibility at once."""
    if not _proven_infeasible(only(problem, keys)):
        return []
    core = list(keys)
    for key in list(core):
        trial = [k for k in core if k != key]
        if _proven_infeasible(only(problem, trial)):
            core = trial
    return core


def only(problem: Problem, keys: Iterable[str]) -> Problem:
    """``problem`` keeping only these member keys: every other one dropped (other hard
    rules off, other counts at 0, other pins and closed slots gone)."""
    kept = set(keys)
    for member in CLASHING.values():
        dropped = set(member.keys(problem)) - kept
        if dropped:
            problem = member.drop(problem, dropped)
    return problem


def _proven_infeasible(problem: Problem) -> bool:
    return search(problem, time_limit=EXPLAIN_TIME_LIMIT, objective=False).status == "infeasible"


def is_feasible(problem: Problem) -> bool:
    return search(problem, time_limit=EXPLAIN_TIME_LIMIT, objective=False).status.has_plan


def phrase(problem: Problem, key: str) -> tuple[str, str]:
    """(the member's name, a sentence a coach understands) for one conflict key."""
    member = clashing_member(key)
    return member.name, member.phrase(problem, key)


def explain_infeasible(problem: Problem) -> tuple[list[Conflict], list[Relaxation]]:
    core = minimal_conflict(problem)
    phrases = {key: phrase(problem, key) for key in core}
    conflicts = []
    for key in core:
        name, sentence = phrases[key]
        others = [phrases[k][1] for k in core if k != key]
        message = sentence + (", but " + "; ".join(others) if others else "")
        conflicts.append(Conflict(rule=name, message=message, member=key))
    relaxations = [r for key in core if (r := _relax(problem, key)) is not None]
    if not relaxations and (combined := _combined(problem, core)) is not None:
        relaxations = [combined]
    return conflicts, relaxations


def _relax(problem: Problem, key: str) -> Relaxation | None:
    """The mildest change to one key that makes the plan solvable, checked by solving."""
    found = _mildest(clashing_member(key).candidates(problem, key), is_feasible)
    return found.relaxation if found else None


def _mildest(candidates: list[Candidate], works: Callable[[Problem], bool]
             ) -> Candidate | None:
    """The mildest candidate that works. Candidates run from mildest to boldest and asking
    less rarely makes a plan harder, so: try the boldest, then bisect. The answer is always
    one that was tried and worked."""
    if not candidates or not works(candidates[-1].problem):
        return None
    low, high = 0, len(candidates) - 1
    while low < high:
        mid = (low + high) // 2
        if works(candidates[mid].problem):
            high = mid
        else:
            low = mid + 1
    return candidates[high]


def _combined(problem: Problem, core: list[str]) -> Relaxation | None:
    """When no single change helps (the problem holds several separate conflicts), relax
    one key of each conflict in turn, mildest first, until the plan solves."""
    steps: list[Relaxation] = []
    current = problem
    for _ in range(MAX_COMBINED_STEPS):
        step = _resolve_conflict(current, core)
        if step is None:
            return None
        current = step.problem
        steps.append(step.relaxation)
        core = minimal_conflict(current)
        if not core:
            first, *rest = steps
            return first.model_copy(update={
                "message": ", and ".join(s.message for s in steps),
                "also": [Change(rule=s.rule, change=s.change, value=s.value) for s in rest],
            })
    return None


def _resolve_conflict(problem: Problem, core: list[str]) -> Candidate | None:
    """The mildest change to one key (rules first) that makes this conflict go away."""

    def dissolves(candidate: Problem) -> bool:
        return not minimal_conflict(candidate, keys=core)

    for key in sorted(core, key=lambda k: (clashing_member(k).relax_rank, k)):
        found = _mildest(clashing_member(key).candidates(problem, key), dissolves)
        if found:
            return found
    return None
