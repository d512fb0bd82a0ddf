"""A squad that shares a gym: the athletes' weeks are coupled, and solved jointly.

A *gym slot* is a day and a slot name: the date when the athletes' weeks have a
``week_start``, the day number otherwise. In each gym slot at most its capacity of
athletes may have a gym session (``gym.sessions``, by default every strength type): the
one ``gym.capacity``, or its capacity by day and slot (runlift.batch.capacity: opening
hours are slots of capacity 0).

1. Every athlete is first solved alone, through the same workers as an independent squad.
   An athlete who cannot be planned even alone gets their own explanation and stays out of
   the joint model, so that the others can still be planned.
2. No joint plan can cost an athlete less than their optimum alone. So when the weeks
   found alone already fit the gym, together they are the joint optimum.
3. Otherwise a first joint plan is repaired from the weeks alone: athletes keep their
   week while it fits, the others are re-planned around the full slots (a rigid week that
   cannot move goes first). Then one CP-SAT model holds every week (each built by the
   core into the shared model), the capacity of every gym slot, and the sum of the
   athletes' objectives. Each athlete's objective is bounded below by their bound alone
   (a cut the joint search would take long to find), and the repaired plan, with its
   cost variables, is the search's hint. With a lexicographic objective (preferences
   first), a joint plan that misses no more preferences than the athletes alone did is
   lexicographically best; otherwise the squad's missed preferences are minimised first
   (each athlete's bounded below by theirs alone), and the cuts on the totals are kept
   only when that level costs no more than the athletes alone did. When the time limit
   (or --gap) stops the search, the gap to the proven bound is reported. The default
   stopping rule (_stopped_search): PROOF_FIRST deterministic seconds for a proof, then
   on until within --gap (runlift.batch.JOINT_GAP_PERCENT, 1%) of the proven bound.

   Measured (bench/bench_gym.py, 200 athletes, capacity 40 where 68-82 would meet alone):
   the joint model alone, hinted with the weeks alone, needed about 50 s for its first
   joint plan and stopped 7.6% above the bound after 20 deterministic seconds; the repair
   finds a plan within 0.8% of the bound in about a second.
4. If no joint plan exists, the capacity is the reason (every week works alone): a model
   with the capacity made soft finds the fewest missing places and the slots that are
   short, and a second one the smallest capacity that works, checked plan by plan.

Every joint plan is checked athlete by athlete by the independent checker (in
``fill_plan``), and the gym capacity across the squad in plain Python (``gym_usage``).
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from runlift.batch.backends import Backend
from runlift.batch.capacity import CapacityKey, GymCapacity
from runlift.batch.output import (
    INVALID,
    Writer,
    read_record,
    summary_fields,
    summary_row,
    write_squad_report,
)
from runlift.batch.squad import AthleteJob, Squad
from runlift.batch.squad_file import Gym
from runlift.batch.tasks import (
    Advance,
    BatchOptions,
    BatchReport,
    Outcome,
    dispatch,
    outcome_row,
    result_key,
    worker_options,
)
from runlift.checker import check_plan
from runlift.models.plan import Placement
from runlift.models.problem import Problem
from runlift.models.result import Conflict, PlanEntry, Relaxation, Result
from runlift.models.status import Status
from runlift.planning import verified_report
from runlift.solver.cpsat import INF, Lit
from runlift.solver.joint import JointModel, JointSearch, first_cost

SlotKey = tuple[str | int, str]  # (date or day number, slot name)
Capacities = Mapping[SlotKey, int]  # the capacity of each gym slot
CAPACITY_MEMBER = "gym:capacity"
REPAIR_TIME_LIMIT = 0.5  # per athlete re-planned around full gym slots
REPAIR_ROUNDS = 12
EXPLAIN_TIME_LIMIT = 2.0  # each of the two solves that explain a gym too small
PROOF_FIRST = 2.0  # deterministic seconds the joint search tries for a proof before --gap


class GymCheckError(RuntimeError):
    """A joint plan puts more athletes in a gym slot than the capacity: a bug."""


def slot_key(date: str | None, day: int, slot: str) -> SlotKey:
    return (date if date is not None else day, slot)


def gym_usage(plans: Iterable[tuple[Iterable[PlanEntry], Iterable[str]]]) -> Counter[SlotKey]:
    """Athletes in a gym session per gym slot, counted in plain Python from the plans.
    ``plans``: each athlete's plan entries with the session types that use the gym."""
    usage: Counter[SlotKey] = Counter()
    for entries, gym_types in plans:
        wanted = set(gym_types)
        for entry in entries:
            if entry.session in wanted:
                usage[slot_key(entry.date, entry.day, entry.slot)] += 1
    return usage


def entry_capacities(plans: Iterable[Iterable[PlanEntry]], limits: GymCapacity
                     ) -> dict[SlotKey, int]:
    """The capacity of every gym slot the plans use, from the entries' own weekday, date
    and slot (for the plain count, apart from the model's slots)."""
    return {slot_key(e.date, e.day, e.slot): limits.of(e.weekday, e.date, e.slot)
            for entries in plans for e in entries}


def over_capacity(usage: Counter[SlotKey], capacities: Capacities
                  ) -> list[tuple[SlotKey, int]]:
    return sorted(((k, n) for k, n in usage.items() if n > capacities[k]),
                  key=lambda kn: str(kn[0]))


@dataclass
class Member:
    """An athlete in the joint model: their week, gym session types and plan alone."""

    job: AthleteJob
    problem: Problem
    alone: Result
    gym_types: list[str]
    alone_outcome: Outcome

    def key_of(self, cell: tuple[int, int]) -> SlotKey:
        day, slot = cell
        date = self.problem.timeline.date(day)
        return slot_key(str(date) if date else None, day, self.problem.slots[slot].name)

    def capacity_of(self, cell: tuple[int, int], limits: GymCapacity) -> int:
        day, slot = cell
        date = self.problem.timeline.date(day)
        return limits.of(self.problem.timeline.weekday(day), str(date) if date else None,
                         self.problem.slots[slot].name)

    @property
    def first_least(self) -> int:
        """What the athlete's terms that come first (the missed preferences) cost alone:
        no joint plan can cost them less."""
        objective = self.alone.objective
        terms = objective.terms if objective else {}
        return sum(terms.get(name, 0) for name in self.problem.first_terms)

    @property
    def bound(self) -> int:
        """A lower bound on the athlete's objective in any joint plan: the bound alone.
        With a lexicographic objective it holds only while the athlete's first terms stay
        at their least alone (see _search)."""
        objective = self.alone.objective
        return (objective.best_bound or 0) if objective else 0

    def gym_keys(self, plan: Iterable[PlanEntry]) -> list[SlotKey]:
        wanted = set(self.gym_types)
        return [slot_key(e.date, e.day, e.slot) for e in plan if e.session in wanted]


def slot_labels(members: list[Member]) -> dict[SlotKey, str]:
    """How a gym slot reads: 'tue pm' when every week is the same one, else with the
    date ('tue 2027-03-09 pm') or the day number ('tue 8 pm')."""
    weeks = {(m.problem.timeline.week_start, m.problem.days) for m in members}
    one_week = len(weeks) == 1 and next(iter(weeks))[1] <= 7
    labels: dict[SlotKey, str] = {}
    for member in members:
        calendar = member.problem.timeline
        for day, slot in member.problem.cells:
            key = member.key_of((day, slot))
            dated = isinstance(key[0], str) and not one_week
            where = f"{calendar.weekday(day)} {key[0]}" if dated else calendar.label(day)
            labels.setdefault(key, f"{where} {key[1]}")
    return labels


def members_usage(members: list[Member], results: list[Result]) -> Counter[SlotKey]:
    return gym_usage((r.plan, m.gym_types) for m, r in zip(members, results, strict=True))


def slot_capacities(members: list[Member], limits: GymCapacity) -> dict[SlotKey, int]:
    """The capacity of every gym slot of the members' weeks."""
    return {m.key_of(cell): m.capacity_of(cell, limits) for m in members
            for cell in m.problem.cells}


def slot_order(members: list[Member]) -> dict[SlotKey, tuple[str, int]]:
    """Gym slots in calendar order: by date (or day number), then by the slot's start."""
    order: dict[SlotKey, tuple[str, int]] = {}
    for member in members:
        for day, slot in member.problem.cells:
            date = member.problem.timeline.date(day)
            order.setdefault(member.key_of((day, slot)),
                             (str(date) if date else f"{day:04d}",
                              member.problem.slots[slot].start))
    return order


def plain_check(members: list[Member], results: list[Result], limits: GymCapacity
                ) -> list[tuple[SlotKey, int]]:
    """The gym slots a joint plan overfills, counted in plain Python from the plans."""
    plans = [r.plan for r in results]
    return over_capacity(members_usage(members, results), entry_capacities(plans, limits))


@dataclass
class JointSolve:
    status: Status
    results: list[Result] = field(default_factory=list)
    objective: int | None = None
    best_bound: int | None = None
    seconds: float = 0.0
    trajectory: list[tuple[float, int, int]] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    relaxations: list[Relaxation] = field(default_factory=list)
    short_slots: list[dict[str, Any]] = field(default_factory=list)

    @property
    def gap_percent(self) -> float | None:
        if self.objective is None or self.best_bound is None:
            return None
        return 100.0 * (self.objective - self.best_bound) / max(1, abs(self.objective))


# --- the run ----------------------------------------------------------------------------

def run_coupled(squad: Squad, options: BatchOptions, backend: Backend,
                advance: Advance) -> BatchReport:
    gym = squad.spec.gym
    assert gym is not None
    out = options.out
    key = result_key(squad_digest(squad), options.time_limit, f"gym, gap {options.gap!r}")
    report = BatchReport(squad=squad.name, rows=[])
    rows: dict[int, dict[str, Any]] = {}
    for job in squad.jobs:
        if job.error is not None:
            rows[job.index] = summary_row(job.name, status=INVALID, error=job.error)
    jobs = [job for job in squad.jobs if job.error is None]
    records = {job.index: read_record(out, job.stem, key) for job in jobs} if options.resume \
        else {}
    if jobs and all(records.get(job.index) for job in jobs):
        for job in jobs:
            rows[job.index] = records[job.index]["row"]  # type: ignore[index]
            report.resumed.append(job.name)
        advance(len(squad.jobs))
        report.rows = [rows[job.index] for job in squad.jobs]
        report.joint = _read_joint(out, key)
        return report
    advance(len(rows))

    alone = _solve_alone(jobs, options, backend, advance)
    members, finals = _members(squad, jobs, alone, gym)
    advance(0, note=f"{squad.name}: {len(members)} athletes solved jointly")
    joint = solve_members(members, gym.limits, time_limit=options.time_limit,
                          gap=options.gap)
    for member, result in zip(members, joint.results, strict=True):
        finals[member.job.index] = (result, member.alone_outcome)
    with Writer() as writer:
        for job in jobs:
            outcome = alone[job.index]
            if job.index not in finals:
                rows[job.index] = outcome_row(squad, job, outcome)
                continue
            result, timing = finals[job.index]
            row = summary_row(job.name, file=f"{job.stem}.json", **summary_fields(result),
                              solve_seconds=timing["solve_seconds"],
                              search_seconds=timing["search_seconds"])
            writer.write_result(out, job.stem, result.to_json(), key=key, row=row)
            report.solved.append(job.name)
            rows[job.index] = row
    report.rows = [rows[job.index] for job in squad.jobs]
    report.joint = joint_report(squad, members, joint, key)
    write_squad_report(out, report.joint)
    report.joint = {**report.joint, "seconds": round(joint.seconds, 3),
                    "trajectory": joint.trajectory}
    return report


def squad_digest(squad: Squad) -> str:
    """One athlete's plan depends on the whole squad: hash every scenario and the gym."""
    assert squad.spec.gym is not None
    parts = [squad.spec.gym.model_dump_json(), *(f"{j.name}\n{j.digest}" for j in squad.jobs)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _solve_alone(jobs: list[AthleteJob], options: BatchOptions, backend: Backend,
                 advance: Advance) -> dict[int, Outcome]:
    alone: dict[int, Outcome] = {}

    def collect(outcome: Outcome) -> None:
        alone[outcome["index"]] = outcome
        advance(1)

    payloads = [job.payload() for job in jobs]
    dispatch(backend, payloads, worker_options(options), options.chunk_size, collect)
    return alone


def _members(squad: Squad, jobs: list[AthleteJob], alone: dict[int, Outcome], gym: Gym
             ) -> tuple[list[Member], dict[int, tuple[Result, Outcome]]]:
    """The athletes who have a week alone join the joint model; the others keep their
    result alone (an explanation, or no plan within the time limit)."""
    from runlift.scenario import problem_from

    members: list[Member] = []
    finals: dict[int, tuple[Result, Outcome]] = {}
    for job in jobs:
        outcome = alone[job.index]
        if "json" not in outcome:
            continue
        result = Result.model_validate_json(outcome["json"])
        if not result.has_plan:
            finals[job.index] = (result, outcome)
            continue
        scenario = job.scenario
        assert scenario is not None  # only valid scenarios were solved
        problem = problem_from(scenario)
        members.append(Member(job, problem, result, gym_types(problem, gym.sessions), outcome))
    return members, finals


def gym_types(problem: Problem, sessions: list[str] | None) -> list[str]:
    """The athlete's session types that use the gym."""
    types = problem.session_types()
    if sessions is not None:
        return [t for t in types if t in set(sessions)]
    return [t for t in types if problem.catalog[t].kind == "strength"]


def joint_report(squad: Squad, members: list[Member], joint: JointSolve, key: str
                 ) -> dict[str, Any]:
    """The squad-level part of a coupled solve (summary.json): deterministic."""
    gym = squad.spec.gym
    assert gym is not None
    return {
        "squad": squad.name,
        "inputs_sha256": key,
        "status": joint.status,
        "athletes_in_joint_model": len(members),
        "objective": joint.objective,
        "best_bound": joint.best_bound,
        "gap_percent": None if joint.gap_percent is None else round(joint.gap_percent, 3),
        "gym": {"capacity": gym.capacity, "sessions": gym.sessions},
        "gym_usage": gym_roster(members, joint.results, gym.limits),
        "short_slots": joint.short_slots,
        "conflicts": [c.model_dump() for c in joint.conflicts],
        "relaxations": [r.model_dump() for r in joint.relaxations],
    }


def gym_roster(members: list[Member], results: list[Result], limits: GymCapacity
               ) -> list[dict[str, Any]]:
    """Who is in the gym in each gym slot of the plans, in calendar order: the slot, how
    many athletes and the slot's capacity, and each athlete (in squad file order) with
    the session they do there."""
    if not results:
        return []
    labels, order = slot_labels(members), slot_order(members)
    capacity = slot_capacities(members, limits)
    roster: dict[SlotKey, list[dict[str, str]]] = {}
    for member, result in zip(members, results, strict=True):
        wanted = set(member.gym_types)
        for entry in result.plan:
            if entry.session in wanted:
                key = slot_key(entry.date, entry.day, entry.slot)
                roster.setdefault(key, []).append({"athlete": member.job.name,
                                                   "session": entry.session})
    return [{"slot": labels.get(k, str(k)), "athletes": len(roster[k]),
             "capacity": capacity.get(k, limits.default), "roster": roster[k]}
            for k in sorted(roster, key=lambda k: order.get(k, (str(k[0]), 0)))]


def _read_joint(out: Path, key: str) -> dict[str, Any] | None:
    import json

    from runlift.batch.output import SQUAD_REPORT_FILE

    try:
        report = json.loads((out / SQUAD_REPORT_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return report if report.get("inputs_sha256") == key else None


# --- the joint model --------------------------------------------------------------------

def solve_members(members: list[Member], limits: GymCapacity | int, *, time_limit: float,
                  gap: float = 0.0) -> JointSolve:
    """Plan ``members`` jointly under the gym capacity (see the module docstring). The
    search stops at ``time_limit``, or once the plan is within ``gap`` % of the bound."""
    started = time.perf_counter()
    if isinstance(limits, int):
        limits = GymCapacity(default=limits, written=limits)
    if not members:
        return JointSolve(status=Status.optimal, objective=0, best_bound=0)
    alone = [m.alone for m in members]
    capacity = slot_capacities(members, limits)
    if not plain_check(members, alone, limits):
        optimal = all(r.status == Status.optimal for r in alone)
        total = sum(r.objective.total for r in alone if r.objective)
        bound = sum(r.objective.best_bound or 0 for r in alone if r.objective)
        return JointSolve(status=Status.optimal if optimal else Status.feasible, results=alone,
                          objective=total, best_bound=bound,
                          seconds=time.perf_counter() - started)
    start = repair(members, capacity, time_limit)
    joint = _search(members, capacity, time_limit, start, gap)
    joint.seconds = time.perf_counter() - started
    if joint.status == Status.infeasible:
        explain_capacity(members, limits, joint, time_limit)
    elif joint.status.has_plan and (over := plain_check(members, joint.results, limits)):
        raise GymCheckError(f"the joint plan overfills the gym: {over}")
    return joint


def repair(members: list[Member], capacity: Capacities, time_limit: float
           ) -> list[Result] | None:
    """A first joint plan, to start the search from: athletes keep their week alone while
    its gym sessions fit; the others are re-planned around the gym slots that are full by
    then. An athlete who cannot be re-planned that way (a rigid week) goes first in the
    next attempt, so that their slots are theirs. None after REPAIR_ROUNDS attempts."""
    first: list[int] = []
    for _ in range(REPAIR_ROUNDS):
        order = first + [i for i in range(len(members)) if i not in set(first)]
        plans, stuck = _greedy(members, order, capacity, min(time_limit, REPAIR_TIME_LIMIT))
        if stuck is None:
            return plans
        if stuck in first:  # even going first, this week does not fit
            return None
        first.append(stuck)
    return None


def _greedy(members: list[Member], order: list[int], capacity: Capacities, time_limit: float
            ) -> tuple[list[Result], int | None]:
    """One attempt of ``repair`` in ``order``: the plans, or the first athlete stuck."""
    usage: Counter[SlotKey] = Counter()
    plans: dict[int, Result] = {}
    for i in order:
        keys = members[i].gym_keys(members[i].alone.plan)
        if all(usage[k] < capacity[k] for k in keys):
            usage.update(keys)
            plans[i] = members[i].alone
    for i in order:
        if i not in plans:
            full = {k for k, n in capacity.items() if usage[k] >= n}
            plan = _plan_avoiding(members[i], full, time_limit)
            if plan is None:
                return [], i
            usage.update(members[i].gym_keys(plan.plan))
            plans[i] = plan
    return [plans[i] for i in range(len(members))], None


def _plan_avoiding(member: Member, full: set[SlotKey], time_limit: float) -> Result | None:
    """The athlete's best week (within the limit) with no gym session in a full slot."""
    joint = JointModel([member.problem])
    wanted = set(member.gym_types)
    joint.forbid(0, [(t, cell) for (t, cell) in joint.variables(0)
                     if t in wanted and member.key_of(cell) in full])
    found = joint.search(time_limit)
    if not found.status.has_plan:
        return None
    report = verified_report(member.problem, found.solutions[0], best_bound=member.bound)
    return Result.planned(report, Status.feasible)


def _capacity_model(members: list[Member], *, objective: bool
                    ) -> tuple[JointModel, dict[SlotKey, list[Lit]]]:
    """Every member's week in one model, and the gym variables of each gym slot."""
    joint = JointModel([m.problem for m in members], objective=objective)
    slots: dict[SlotKey, list[Lit]] = {}
    for i, member in enumerate(members):
        wanted = set(member.gym_types)
        for (t, cell), lit in sorted(joint.variables(i).items()):
            if t in wanted:
                slots.setdefault(member.key_of(cell), []).append(lit)
    return joint, slots


def _placements(results: list[Result], members: list[Member]) -> list[list[Placement]]:
    return [[Placement(e.day, m.problem.slot_index[e.slot], e.session) for e in r.plan]
            for m, r in zip(members, results, strict=True)]


def _search(members: list[Member], capacity: Capacities, time_limit: float,
            start: list[Result] | None, gap: float) -> JointSolve:
    """The joint model: every week, the gym capacity, the sum of the objectives, each
    athlete's bound alone as a cut, and ``start`` (or the weeks alone) as the hint.

    With a lexicographic objective (preferences first) the weighted sum is searched as
    before: a joint plan that misses no more preferences than the athletes alone did is
    lexicographically best as it is. Otherwise the squad's missed preferences are
    settled first, in a model built again, and the total searched among the plans that
    keep them."""
    plans = _placements(start or [m.alone for m in members], members)
    joint, found, bounds = _joint_search(members, capacity, plans, time_limit, gap,
                                         lexicographic=False)
    if joint.first and first_cost(found) > sum(m.first_least for m in members):
        rest = max(time_limit - found.spent, 0.01)
        _, again, again_bounds = _joint_search(members, capacity, plans, rest, gap,
                                               lexicographic=True)
        if again.status.has_plan:
            found, bounds = again, again_bounds
        else:
            found.status = Status.feasible  # its missed preferences are not proven fewest
    status = found.status
    best_bound = max(found.best_bound or 0, sum(bounds))
    if not status.has_plan:
        if status == Status.unknown and start is not None:  # the search found nothing better
            return _finish(JointSolve(status=Status.feasible), start, best_bound)
        return JointSolve(status=status, trajectory=found.trajectory,
                          results=[Result.without_plan(m.problem, status) for m in members])
    results = [Result.planned(verified_report(m.problem, solution, best_bound=m.bound), status)
               for m, solution in zip(members, found.solutions, strict=True)]
    return _finish(JointSolve(status=status, trajectory=found.trajectory), results, best_bound)


def _joint_search(members: list[Member], capacity: Capacities, plans: list[list[Placement]],
                  time_limit: float, gap: float, *, lexicographic: bool
                  ) -> tuple[JointModel, JointSearch, list[int]]:
    """One joint search (the first level settled first when ``lexicographic``), and the
    athletes' bounds it used as cuts."""
    joint, slots = _capacity_model(members, objective=True)
    model = joint.model
    for key in sorted(slots, key=str):
        if len(slots[key]) > capacity[key]:
            model.at_most(slots[key], capacity[key])
    if lexicographic:
        time_limit -= _settle_first(joint, members, plans, time_limit)
    bounds = _bounds(joint, members)
    for i, bound in enumerate(bounds):
        if bound:
            model.linear(joint.objective_of(i), bound, INF)
    model.linear(joint.total, sum(bounds), INF)  # the same cut on the total: a bound at once
    model.minimize(joint.total)
    joint.hint(plans)
    found = _stopped_search(joint, max(time_limit, 0.01), gap)
    if found.status == Status.optimal and joint.first_status not in (None, Status.optimal):
        found.status = Status.feasible
    return joint, found, bounds


def _stopped_search(joint: JointModel, time_limit: float, gap: float) -> JointSearch:
    """The stopping rule: with a ``gap`` (%), the search first tries to prove the best plan
    for PROOF_FIRST deterministic seconds (a small squad's proof is quick), then goes on
    from its plan until the plan is within ``gap`` of the proven bound, or the time limit;
    without one, it searches until proven or the time limit."""
    if not gap or time_limit <= PROOF_FIRST:
        return joint.search(time_limit, gap=gap / 100 if gap else 0.0, settle=False)
    first = joint.search(PROOF_FIRST, settle=False)
    if first.status.proven:
        return first
    if first.status.has_plan:
        joint.hint([s.placements for s in first.solutions])
    later = joint.search(max(time_limit - first.spent, 0.01), gap=gap / 100, settle=False)
    later.spent += first.spent
    later.trajectory = first.trajectory + later.trajectory
    if not later.status.has_plan or (first.status.has_plan and (first.objective or 0) <
                                     (later.objective or 0)):
        if not first.status.has_plan:
            return later
        first.best_bound = max(first.best_bound or 0, later.best_bound or 0)
        first.spent, first.trajectory = later.spent, later.trajectory
        return first
    later.best_bound = max(later.best_bound or 0, first.best_bound or 0)
    return later


def _settle_first(joint: JointModel, members: list[Member], plans: list[list[Placement]],
                  time_limit: float) -> float:
    """The first level of a lexicographic objective (the squad's missed preferences),
    from the plans to start from; each athlete misses at least as many as alone (a cut
    that proves the level at once when the gym costs none). Returns the deterministic
    seconds spent."""
    if not joint.first:
        return 0.0
    for i, member in enumerate(members):
        if member.first_least and member.alone.status == Status.optimal:
            joint.model.linear(joint.first_of(i), member.first_least, INF)
    joint.hint(plans)
    return joint.settle_first(time_limit)


def _bounds(joint: JointModel, members: list[Member]) -> list[int]:
    """Each athlete's bound alone, as a cut on their objective in the joint plan. With a
    lexicographic objective an athlete who misses more preferences than alone may cost
    less than alone in the rest; the cuts hold only when the squad misses no more than
    its athletes alone did (then each misses exactly as many), and are left out otherwise."""
    if joint.first_status is not None and joint.first_least != sum(m.first_least
                                                                   for m in members):
        return [0 for _ in members]
    return [m.bound for m in members]


def _finish(joint: JointSolve, results: list[Result], best_bound: int) -> JointSolve:
    """Totals, and 'optimal' only when the plan meets the proven bound (CP-SAT also says
    optimal when it stops within the --gap)."""
    joint.results = results
    joint.objective = sum(r.objective.total for r in results if r.objective)
    joint.best_bound = best_bound
    if joint.objective > best_bound:
        joint.status = Status.feasible
    for result in results:
        result.status = joint.status
    return joint


# --- when the gym is too small ------------------------------------------------------------

def explain_capacity(members: list[Member], limits: GymCapacity, joint: JointSolve,
                     time_limit: float) -> None:
    """Name the capacity and the short slots; offer the capacity that works: the smallest
    one capacity (``capacity: 8``), or each short slot's (a capacity by slot)."""
    limit = min(time_limit, EXPLAIN_TIME_LIMIT)
    capacity = slot_capacities(members, limits)
    short, missing, proven, plans = _fewest_missing(members, capacity, limit)
    labels = slot_labels(members)
    joint.short_slots = [{"slot": labels[k], "athletes": n, "capacity": capacity[k]}
                         for k, n in short]
    if short:
        where = ", ".join(f"{labels[k]} needs {n}" + ("" if limits.uniform
                                                       else f" (holds {capacity[k]})")
                          for k, n in short)
        best = "even the best arrangement is" if proven else "the best arrangement found is"
        detail = f"{best} {missing} place{'s' if missing > 1 else ''} short: {where}"
    else:
        detail = "no arrangement of the athletes' gym sessions fits"
    message = f"gym.capacity allows {limits.words()} in a gym session, but {detail}"
    joint.conflicts = [Conflict(rule="gym.capacity", message=message, member=CAPACITY_MEMBER)]
    if limits.uniform:
        needed = _smallest_capacity(members, limits.default, limit)
        if needed is not None:
            joint.relaxations = [Relaxation(rule="gym.capacity", change="gym.capacity",
                                            value=needed,
                                            message=f"raise gym.capacity to {needed}")]
    elif short and plans is not None:
        joint.relaxations = _slot_relaxations(members, limits, short, labels, plans)
    for result in joint.results:
        result.conflicts = list(joint.conflicts)
        result.relaxations = list(joint.relaxations)


def _slot_relaxations(members: list[Member], limits: GymCapacity,
                      short: list[tuple[SlotKey, int]], labels: dict[SlotKey, str],
                      plans: list[list[PlanEntry]]) -> list[Relaxation]:
    """Each short slot raised to what it needs, as keys of the capacity by slot: 'sat pm'
    (a date and slot when the weeks are dated and longer than one, or the capacity has
    dates), proven by the plan that needs them; none if that plan does not hold."""
    weeks = {(m.problem.timeline.week_start, m.problem.days) for m in members}
    one_week = len(weeks) == 1 and next(iter(weeks))[1] <= 7
    weekday = {m.key_of(cell): m.problem.timeline.weekday(cell[0]) for m in members
               for cell in m.problem.cells}
    keys: dict[str, int] = {}
    for key, needed in short:
        dated = isinstance(key[0], str) and (not one_week or bool(limits.has_dates()))
        keys[f"{key[0] if dated else weekday[key]} {key[1]}"] = needed
    raised = GymCapacity(limits.default, (*_parsed(keys), *limits.keys), written=keys)
    usage = gym_usage((plan, m.gym_types) for m, plan in zip(members, plans, strict=True))
    if over_capacity(usage, entry_capacities(plans, raised)):  # pragma: no cover - a bug
        return []
    return [Relaxation(rule="gym.capacity", change=f"gym.capacity.{text}", value=needed,
                       message=f"raise gym.capacity of {labels[key]} to {needed}")
            for (text, needed), (key, _) in zip(keys.items(), short, strict=True)]


def _parsed(keys: dict[str, int]) -> list[tuple[CapacityKey, int]]:
    from runlift.batch.capacity import parse_key

    return [(parse_key(text), n) for text, n in keys.items()]


def _fewest_missing(members: list[Member], capacity: Capacities, time_limit: float
                    ) -> tuple[list[tuple[SlotKey, int]], int, bool, list[list[PlanEntry]] | None]:
    """The gym slots that overflow when as few places as possible are missing, how many
    are missing, whether that is proven the fewest, and the plans of that arrangement
    (each accepted by the independent checker; None if one is not). Starts from the
    weeks alone."""
    joint, slots = _capacity_model(members, objective=False)
    model = joint.model
    overflow = {}
    for key in sorted(slots, key=str):
        if len(slots[key]) > capacity[key]:
            overflow[key] = model.new_int(0, len(slots[key]) - capacity[key], f"over{key}")
            # overflow >= athletes in the slot - capacity
            model.linear([(overflow[key], 1), *((lit, -1) for lit in slots[key])],
                         -capacity[key], INF)
    model.minimize([(var, 1) for var in overflow.values()])
    joint.hint(_placements([m.alone for m in members], members))
    found = joint.search(time_limit)
    if not found.status.has_plan:
        return [], 0, False, None
    values = joint.last_response
    assert values is not None
    short = [(k, capacity[k] + values.value(v)) for k, v in overflow.items()
             if values.value(v)]
    plans: list[list[PlanEntry]] | None = []
    for member, solution in zip(members, found.solutions, strict=True):
        report = check_plan(member.problem, solution.placements)
        if not report.ok:  # pragma: no cover - a bug in an encoding
            plans = None
            break
        assert plans is not None
        plans.append(report.plan.entries())
    return (short, sum(n - capacity[k] for k, n in short), found.status == Status.optimal,
            plans)


def _smallest_capacity(members: list[Member], capacity: int, time_limit: float) -> int | None:
    """The smallest capacity under which every member still has a week, proven by a plan
    that the independent checker and the plain capacity count accept."""
    joint, slots = _capacity_model(members, objective=False)
    model = joint.model
    peak = model.new_int(0, len(members), "peak")
    for key in sorted(slots, key=str):
        model.linear([(peak, 1), *((lit, -1) for lit in slots[key])], 0, INF)
    model.minimize([(peak, 1)])
    found = joint.search(time_limit)
    if not found.status.has_plan:
        return None
    assert joint.last_response is not None
    needed = joint.last_response.value(peak)
    plans = []
    for member, solution in zip(members, found.solutions, strict=True):
        report = check_plan(member.problem, solution.placements)
        if not report.ok:  # pragma: no cover - a bug in an encoding
            return None
        plans.append((report.plan.entries(), member.gym_types))
    usage = gym_usage(plans)
    if over_capacity(usage, dict.fromkeys(usage, needed)):  # pragma: no cover - a bug
        return None
    return needed
