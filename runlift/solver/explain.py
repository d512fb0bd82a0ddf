"""Why a plan cannot work: a minimal conflict, and relaxations proven by solving.

Every member key (a demand, a pin, a closed slot, a hard rule, a history session) is
guarded by an assumption literal. CP-SAT returns a set of assumptions that is infeasible
on its own; a deletion filter then drops keys until each remaining one is needed, so the
set is a minimal clash: these cannot all hold together, and each is needed for it (other
clashes may exist). Everything a key means (its sentence, its changes, how to drop it)
comes from the member that owns it in the registry.

Every search here has one of three outcomes: solved, proven infeasible, or undecided.
Undecided is never taken for either. A deletion test that the quick search cannot decide
goes to a stronger one (presolve and the LP, a longer limit); what stays undecided keeps
its key and the conflict is reported as not proven minimal. A relaxation is offered only
when a solve of the relaxed problem found a plan. All searches share one budget of
deterministic seconds (``--time-limit``), so an explanation ends in bounded time, and
the notes say what could not be proven within it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from runlift.models.problem import Problem
from runlift.models.result import Change, Conflict, Relaxation
from runlift.rules import CLASHING, Candidate, clashing_member
from runlift.solver.build import build_model
from runlift.solver.cpsat import Search
from runlift.solver.guards import AssumptionGuard
from runlift.solver.params import DEFAULT_TIME_LIMIT, search_parameters
from runlift.solver.solve import search

# Per search, in deterministic seconds: the quick attempt, and the stronger one that
# decides what the quick one left open. Most trials decide in hundredths of a second; a
# trial that needs more is usually a hard combinatorial question (is this clash still a
# clash without the closed Fridays?) that the longer limit rarely settles, and the
# explanation then says what it could not prove rather than spend the whole budget.
QUICK_SEARCH = 0.2
STRONG_SEARCH = 1.0
# A relaxation trial that stays undecided is taken as not working and the search moves
# to a bolder change: it gets less time than a trial of the conflict itself.
RELAXATION_SEARCH = 0.15
# The relaxations offered: the mildest change of each of the first keys of the conflict
# in the order of their mildest possible change, up to this many. A coach weighs a few
# options; searching every key's change costs seconds on a long horizon.
MAX_RELAXATIONS = 4


class Outcome(StrEnum):
    solved = "solved"
    infeasible = "infeasible"
    undecided = "undecided"


# Said once when the shared time limit ended the explanation before it was done.
CUT_SHORT = ("the time limit (--time-limit, shared by the search and this explanation) ended "
             "the explanation early: a longer limit may prove more, or offer milder changes")


@dataclass
class Budget:
    """The deterministic seconds an explanation may still spend, and what it could not
    prove (plain sentences for the output). ``--time-limit`` caps the whole run: the
    search spends first, the explanation gets what is left, and every search in it
    takes its seconds from here. ``cut_short``: a search or a step was skipped, or given
    less time than it asked for and left undecided, because the budget ran out."""

    remaining: float = DEFAULT_TIME_LIMIT
    notes: list[str] = field(default_factory=list)
    cut_short: bool = False

    def allows(self, limit: float) -> float:
        return max(0.0, min(limit, self.remaining))

    def spend(self, seconds: float) -> None:
        self.remaining -= seconds

    @property
    def exhausted(self) -> bool:
        return self.remaining < 0.01

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def undecided(self, allowed: float, limit: float) -> None:
        """A search given ``allowed`` of the ``limit`` it asked for stayed undecided."""
        if allowed < limit:
            self.cut_short = True

    def stopped(self) -> None:
        """The explanation skipped what was left to try: the budget is spent."""
        self.cut_short = True

    def say_if_cut_short(self) -> None:
        if self.cut_short:
            self.note(CUT_SHORT)


def decide(problem: Problem, budget: Budget, limit: float | None = None) -> Outcome:
    """Whether ``problem`` has a plan, within ``limit`` deterministic seconds (default:
    the quick and the strong search's together): the search's own portfolio (the bare
    search of a small model, then presolve and the LP)."""
    # The limits are read when called, not when defined, so that tests can lower them.
    limit = QUICK_SEARCH + STRONG_SEARCH if limit is None else limit
    allowed = budget.allows(limit)
    if allowed <= 0:
        budget.undecided(allowed, limit)
        return Outcome.undecided
    found = search(problem, time_limit=allowed, objective=False)
    budget.spend(found.deterministic_seconds)
    if found.status.has_plan:
        return Outcome.solved
    if found.status == "infeasible":
        return Outcome.infeasible
    budget.undecided(allowed, limit)
    return Outcome.undecided


class GuardedModel:
    """A problem's model with every member key behind an assumption literal."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        self.guard = AssumptionGuard()
        self.built = build_model(problem, self.guard, objective=False)

    @property
    def keys(self) -> list[str]:
        """Every member key that guards a constraint, sorted."""
        return sorted(self.guard.assumptions)

    def core(self, keys: Iterable[str], budget: Budget, limit: float | None = None
             ) -> tuple[Outcome, list[str]]:
        """Whether ``keys`` together are infeasible, and if so a subset that already is
        (within ``limit``, default QUICK_SEARCH)."""
        limit = QUICK_SEARCH if limit is None else limit
        lits = self.guard.assumptions
        chosen = [k for k in keys if k in lits]
        allowed = budget.allows(limit)
        if allowed <= 0:
            budget.undecided(allowed, limit)
            return Outcome.undecided, chosen
        self.built.model.set_assumptions(lits[k] for k in chosen)
        response = Search(search_parameters(allowed, conflicts=True)).run(self.built.model)
        budget.spend(response.deterministic_time)
        if response.status.has_plan:
            return Outcome.solved, []
        if response.status != "infeasible":
            budget.undecided(allowed, limit)
            return Outcome.undecided, chosen
        by_literal = {lits[k]: k for k in chosen}
        core = sorted(by_literal[lit] for lit in response.core() if lit in by_literal)
        return Outcome.infeasible, core or sorted(chosen)

    def infeasible_core(self, keys: Iterable[str]) -> list[str] | None:
        """A subset of ``keys`` infeasible on its own, or None when they are feasible
        together (for tests; raises Undecided when the search could not tell)."""
        outcome, core = self.core(keys, Budget())
        if outcome == Outcome.undecided:
            raise Undecided
        return core if outcome == Outcome.infeasible else None


class Undecided(Exception):
    """A search stopped at its limit without deciding feasibility."""


def only(problem: Problem, keys: Iterable[str]) -> Problem:
    """``problem`` keeping only these member keys: every other one dropped (other hard
    rules off, other counts at 0, other pins, closed slots and history gone)."""
    kept = set(keys)
    for member in CLASHING.values():
        dropped = set(member.keys(problem)) - kept
        if dropped:
            problem = member.drop(problem, dropped)
    return problem


@dataclass
class ConflictFound:
    keys: list[str]
    minimal: bool  # every key proven needed


def minimal_conflict(problem: Problem, keys: Iterable[str] | None = None,
                     budget: Budget | None = None, *, proven: bool = False) -> ConflictFound:
    """A minimal infeasible subset of ``keys`` (default: all of the problem's keys); no
    keys when they are feasible together, or when infeasibility cannot be proven.

    One search of the guarded model gives a first infeasible subset (CP-SAT's core of
    the assumptions). A deletion filter then tests each key on plain models, one per
    trial: a plain model with presolve and the LP decides at once where the guarded one,
    with a literal on every constraint, often searches for long (long horizons).

    ``proven``: the search has already proven ``problem`` infeasible. When neither search
    here can tell within its limit, every key is then the clash (not claimed minimal),
    shrunk by the deletion filter as far as the budget goes, rather than no clash."""
    budget = budget or Budget()
    guarded = GuardedModel(problem)
    chosen = guarded.keys if keys is None else sorted(keys)
    outcome, core = guarded.core(chosen, budget)
    if outcome == Outcome.undecided:
        outcome, core = decide(only(problem, chosen), budget), chosen
    if outcome == Outcome.undecided and proven and keys is None:
        outcome = Outcome.infeasible  # every key together: the problem itself
    if outcome != Outcome.infeasible:
        if outcome == Outcome.undecided:
            budget.note("could not prove within the time limit which rules and demands "
                        "clash")
        return ConflictFound([], minimal=False)
    core, undecided = _until_each_key_is_needed(problem, core, budget)
    minimal = not undecided
    if not minimal:
        budget.note("could not prove within the time limit that every member listed is "
                    "needed for the clash")
    return ConflictFound(sorted(core), minimal)


def _until_each_key_is_needed(problem: Problem, core: list[str], budget: Budget
                              ) -> tuple[list[str], list[str]]:
    """Deletion passes over ``core`` until one pass removes nothing: then every key kept
    was tested against exactly the final set, and those whose test stayed undecided are
    returned beside it. One pass is not enough. Dropping a member is not always a
    relaxation: a demand dropped to 0 can leave a rule with nothing to hold it (legs
    that must stack with a key run, and no key run left), so a key needed beside the
    larger set may not be needed beside the smaller one."""
    while True:
        shrunk, undecided = _deletion_filter(problem, core, budget)
        if shrunk == core:
            return core, undecided
        core = shrunk


def _deletion_filter(problem: Problem, core: list[str], budget: Budget
                     ) -> tuple[list[str], list[str]]:
    """``core`` without each key whose deletion leaves it infeasible, and the keys whose
    test stayed undecided (kept)."""
    undecided = []
    for key in list(core):
        trial = [k for k in core if k != key]
        found = decide(only(problem, trial), budget)
        if found == Outcome.infeasible:
            core = trial
        elif found == Outcome.undecided:
            undecided.append(key)
    return core, undecided


def phrase(problem: Problem, key: str) -> tuple[str, str]:
    """(the member's name, a sentence about what it asks) for one conflict key."""
    member = clashing_member(key)
    return member.name, member.phrase(problem, key)


@dataclass
class Explanation:
    conflicts: list[Conflict]
    relaxations: list[Relaxation]
    minimal: bool
    notes: list[str]


def explain_infeasible(problem: Problem, budget: Budget | None = None, *,
                       proven: bool = False) -> Explanation:
    """The clash and the relaxations that make ``problem`` solvable, mildest first.
    ``proven``: a search has proven ``problem`` infeasible (see minimal_conflict)."""
    budget = budget or Budget()
    found = minimal_conflict(problem, budget=budget, proven=proven)
    conflicts = [Conflict(rule=name, message=sentence, member=key)
                 for key in found.keys for name, sentence in [phrase(problem, key)]]
    singles: list[Candidate] = []
    for key in _by_mildest_change(problem, found.keys):
        if len(singles) == MAX_RELAXATIONS:
            break
        if budget.exhausted:
            budget.stopped()
            break
        if (candidate := _relax(problem, key, found.keys, budget)) is not None:
            singles.append(candidate)
    relaxations = [c.relaxation for c in sorted(singles, key=lambda c: c.severity)]
    if not relaxations and found.keys:
        combined = _combined(problem, found.keys, budget)
        if combined is not None:
            relaxations = [combined]
    if found.keys and not relaxations:
        budget.note("found no change within the time limit that makes the plan solvable")
    budget.say_if_cut_short()
    return Explanation(conflicts, relaxations, found.minimal, budget.notes)


def _by_mildest_change(problem: Problem, keys: list[str]) -> list[str]:
    """The keys, those whose mildest change asks least first (history: never)."""
    def mildest(key: str) -> tuple[int, ...]:
        candidates = clashing_member(key).candidates(problem, key)
        return min((c.severity for c in candidates), default=(99,))

    return sorted((k for k in keys if clashing_member(k).candidates(problem, k)),
                  key=lambda k: (mildest(k), k))


def _relax(problem: Problem, key: str, core: list[str], budget: Budget) -> Candidate | None:
    """The mildest change to one key that makes the plan solvable, proven by solving.

    A change that leaves the clash itself infeasible cannot make the whole plan work,
    and the clash alone (a few members) decides at once: first the mildest change that
    dissolves the clash, then from there the first one the whole problem solves with."""
    candidates = clashing_member(key).candidates(problem, key)
    dissolving = _mildest(candidates, lambda p: decide(only(p, core), budget,
                                                        RELAXATION_SEARCH), budget)
    if dissolving is None:
        return None
    for candidate in candidates[candidates.index(dissolving):]:
        outcome = decide(candidate.problem, budget, RELAXATION_SEARCH)
        if outcome == Outcome.solved:
            return candidate
        if budget.exhausted:
            budget.stopped()
            break
    return None


def _mildest(candidates: list[Candidate], works: Callable[[Problem], Outcome],
             budget: Budget) -> Candidate | None:
    """The mildest candidate that works. Candidates run from mildest to boldest and asking
    less rarely makes a plan harder, so: try the boldest, then bisect. The answer is always
    one whose search found a plan; undecided trials count as not working."""
    if not candidates or works(candidates[-1].problem) != Outcome.solved:
        return None
    low, high = 0, len(candidates) - 1
    while low < high:
        if budget.exhausted:  # the one found works, a milder one may too
            budget.stopped()
            break
        mid = (low + high) // 2
        if works(candidates[mid].problem) == Outcome.solved:
            high = mid
        else:
            low = mid + 1
    return candidates[high]


def _combined(problem: Problem, core: list[str], budget: Budget) -> Relaxation | None:
    """When no single change helps (the problem holds several clashes), relax one key of
    the current clash (the mildest change that dissolves it), find the next clash, and go
    on until the plan solves. Each key is changed at most once per clash; the relaxation
    gives each change once, at its final value, worded against the problem as the
    scenario states it ("ask for 2 core instead of 8", not "5 instead of 8, and 2 instead
    of 5"). It stops when every key has been relaxed as far as it goes, or when the budget
    is spent (then the notes say so)."""
    steps: dict[str, Step] = {}
    current = problem
    for _ in range(_step_limit(problem)):
        step = _resolve_conflict(current, core, budget)
        if step is None:
            return None
        current = step.candidate.problem
        steps[step.change] = step  # a later change to the same field wins, in its place
        outcome = decide(current, budget)
        if outcome == Outcome.solved:
            return as_one(problem, list(steps.values()))
        if outcome == Outcome.undecided or budget.exhausted:
            budget.note("could not find within the time limit a set of changes that makes "
                        "the plan solvable")
            return None
        core = _next_clash(current, budget)
        if not core:
            budget.note("could not find within the time limit a set of changes that makes "
                        "the plan solvable")
            return None
    return None


@dataclass(frozen=True)
class Step:
    """One change of a combined relaxation: the member key it relaxes, and how."""

    key: str
    candidate: Candidate

    @property
    def change(self) -> str:
        return self.candidate.relaxation.change


def _next_clash(problem: Problem, budget: Budget) -> list[str]:
    """The clash of a partly relaxed problem, to relax next. Only its keys matter: what
    its search could not prove is no note about the conflict the output reports."""
    said = list(budget.notes)
    keys = minimal_conflict(problem, budget=budget).keys
    budget.notes[:] = said
    return keys


def _step_limit(problem: Problem) -> int:
    """As many steps as there are ways to relax: every key's candidates, one at a time."""
    return sum(len(m.candidates(problem, k)) for m in CLASHING.values()
               for k in m.keys(problem)) or 1


def as_one(problem: Problem, steps: list[Step]) -> Relaxation:
    """The steps as one relaxation of ``problem``: each field once, at its final value,
    in the words of ``problem``'s own change to that value (a later step was worded
    against the partly relaxed problem it changed)."""
    first, *rest = [_worded_against(problem, step) for step in steps]
    return first.model_copy(update={
        "message": ", and ".join(r.message for r in [first, *rest]),
        "also": [Change(rule=r.rule, change=r.change, value=r.value) for r in rest],
    })


def _worded_against(problem: Problem, step: Step) -> Relaxation:
    made = step.candidate.relaxation
    for candidate in clashing_member(step.key).candidates(problem, step.key):
        said = candidate.relaxation
        if said.change == made.change and said.value == made.value:
            return said
    return made


def _resolve_conflict(problem: Problem, core: list[str], budget: Budget) -> Step | None:
    """The mildest change to one key of this clash (rules first) that dissolves it."""

    def dissolves(candidate: Problem) -> Outcome:
        return decide(only(candidate, core), budget, RELAXATION_SEARCH)

    ranked = sorted(core, key=lambda k: (clashing_member(k).relax_rank, k))
    for key in ranked:
        found = _mildest(clashing_member(key).candidates(problem, key), dissolves, budget)
        if found:
            return Step(key, found)
    return None
