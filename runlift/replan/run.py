"""Re-plan a lived week: solve the remaining days, hold them to the checker, and say what
changed and why."""

from __future__ import annotations

import time

from runlift.models.plan import Placement
from runlift.models.problem import Problem
from runlift.models.replan import LivedEntry, PlanChange, ReplanCounts, ReplanResult
from runlift.models.result import PlanEntry, Result
from runlift.models.status import Status
from runlift.models.timeline import format_time
from runlift.replan.diff import ADDED, DROPPED, KEPT, MOVED, SessionChange, changes, identify
from runlift.replan.problem import Happened, ReplanProblem
from runlift.replan.solve import solve_replan, verified
from runlift.solver.params import DEFAULT_TIME_LIMIT


def replan_week(rp: ReplanProblem, *, time_limit: float = DEFAULT_TIME_LIMIT,
                timings: bool = False) -> ReplanResult:
    """The week re-planned from today, or why the remaining days cannot be planned."""
    clock = time.perf_counter()
    found = solve_replan(rp, time_limit=time_limit)
    header = _header(rp)
    if not found.status.has_plan:
        result = _no_plan(rp, header, found.status, time_limit)
    else:
        report, _, count = verified(rp, found)
        placements = found.solution.placements
        ids = identify(rp, placements)
        diff = changes(rp, placements, ids)
        remaining = Result.planned(report, found.status)
        remaining = remaining.model_copy(update={"plan": [
            e.model_copy(update={"id": ids[_placement(rp.problem, e)]})
            for e in remaining.plan]})
        result = ReplanResult(**header, status=found.status,
                              plan=_lived(rp, remaining, diff), changes=_changes_out(rp, diff),
                              cancelled=_cancelled(rp, diff),
                              counts=_counts(diff, count), remaining=remaining,
                              notes=list(rp.notes))
    if timings:
        result.timings = {"replan_seconds": round(time.perf_counter() - clock, 4)}
    return result


def _header(rp: ReplanProblem) -> dict[str, object]:
    original = rp.original
    timeline = original.timeline
    date = timeline.date(rp.today)
    return {"scenario": original.name, "today": timeline.label(rp.today) + (
        f" {date:%m-%d}" if date and not timeline.multi_week else ""),
        "days": timeline.labels(), "dates": timeline.dates(), "slots": original.slot_times()}


def _placement(problem: Problem, entry: PlanEntry) -> Placement:
    return Placement(entry.day, problem.slot_index[entry.slot], entry.session)


def _no_plan(rp: ReplanProblem, header: dict[str, object], status: Status,
             time_limit: float) -> ReplanResult:
    if status != Status.infeasible:
        return ReplanResult(**header, status=status, notes=[
            *rp.notes, "no plan of the remaining days was found within the time limit"])
    from runlift.solver.explain import Budget, explain_infeasible

    why = explain_infeasible(rp.problem, Budget(time_limit))
    return ReplanResult(**header, status=Status.infeasible, conflicts=why.conflicts,
                        conflicts_minimal=why.minimal, relaxations=why.relaxations,
                        notes=[*rp.notes, *why.notes])


def _lived(rp: ReplanProblem, remaining: Result, diff: list[SessionChange]
           ) -> list[LivedEntry]:
    """The whole week: what happened before today, then the remaining plan."""
    moved = {c.id for c in diff if c.change == MOVED}
    sequence = {p.id: p.sequence for p in rp.planned}
    past = [_happened_entry(rp.original, h).model_copy(update={
        "sequence": sequence.get(h.id or "", 0) + (h.state == "moved")}) for h in sorted(
        rp.happened, key=lambda h: (h.day, rp.original.slot_index[h.slot]))]
    future = [LivedEntry(**{**e.model_dump(), "day": e.day + rp.today,
                            "weekday": rp.original.timeline.weekday(e.day + rp.today)},
                         state="planned",
                         sequence=sequence.get(e.id or "", 0) + (e.id in moved))
              for e in remaining.plan]
    return past + future


def _cancelled(rp: ReplanProblem, diff: list[SessionChange]) -> list[LivedEntry]:
    """Each dropped session at its planned place, one revision on."""
    sequence = {p.id: p.sequence for p in rp.planned}
    out = []
    for c in diff:
        if c.change != DROPPED or c.before is None:
            continue
        stype = rp.original.catalog[c.session]
        slot = rp.original.slots[c.before.slot].name
        entry = _happened_entry(rp.original, Happened(
            c.before.day, slot, c.session, stype.minutes, stype.session_load, "dropped", c.id))
        out.append(entry.model_copy(update={"sequence": sequence.get(c.id, 0) + 1}))
    return out


def _happened_entry(problem: Problem, h: Happened) -> LivedEntry:
    timeline, stype = problem.timeline, problem.catalog[h.session]
    slot = problem.slots[problem.slot_index[h.slot]]
    date = timeline.date(h.day)
    return LivedEntry(
        id=h.id, day=h.day, weekday=timeline.weekday(h.day),
        date=str(date) if date else None, slot=slot.name, start=format_time(slot.start),
        session=h.session, kind=stype.kind.value, intensity=stype.intensity.value,
        minutes=h.minutes, load=h.load, key=stype.is_key_run, heavy_legs=stype.heavy_legs,
        muscles=list(stype.muscles), state=h.state)


def _changes_out(rp: ReplanProblem, diff: list[SessionChange]) -> list[PlanChange]:
    problem = rp.original

    def where(p: Placement | None) -> str | None:
        return None if p is None else _where(problem, p)

    return [PlanChange(id=c.id, session=c.session, change=c.change, before=where(c.before),
                       after=where(c.after), reason=c.reason, missed=c.was_missed)
            for c in diff]


def _where(problem: Problem, p: Placement) -> str:
    """'wed 03-03 am' (or 'wed am' without dates)."""
    timeline = problem.timeline
    date = timeline.date(p.day)
    day = timeline.label(p.day) + (f" {date:%m-%d}" if date and not timeline.multi_week
                                   else "")
    return f"{day} {problem.slots[p.slot].name}"


def _counts(diff: list[SessionChange], count: int) -> ReplanCounts:
    def n(kind: str, missed: bool | None = None) -> int:
        return sum(1 for c in diff if c.change == kind and not c.logged and (
            missed is None or c.was_missed == missed))

    return ReplanCounts(kept=n(KEPT), moved=n(MOVED, False), dropped=n(DROPPED, False),
                        added=n(ADDED), missed_kept=n(MOVED, True),
                        missed_dropped=n(DROPPED, True), changes=count)
