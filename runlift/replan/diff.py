"""The new plan against the plan followed: every session kept, moved (from -> to),
dropped or added, with the reason for each move and drop, found by the checker.

Identity: a placement on a still-planned session's own day and slot keeps that session's
id. The other placements of a type take the ids of that type's planned sessions that
moved (missed ones included), nearest day first; what is left over is dropped (a planned
session) or added (a new id).

The reason for a move is what undoing it breaks: the new plan with that one session put
back on its planned day and slot, checked. The first rule it breaks is the reason ("tempo
wed -> thu: no_back_to_back_hard, with intervals on tue"); its slot now holding another
session is a reason too. A drop's reason is what putting the session back breaks."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from runlift.checker import check_plan
from runlift.models.plan import Placement
from runlift.models.problem import Problem
from runlift.replan.problem import Planned, ReplanProblem
from runlift.rules.base import Violation

KEPT, MOVED, DROPPED, ADDED = "kept", "moved", "dropped", "added"


@dataclass(frozen=True)
class SessionChange:
    id: str
    session: str
    change: str  # kept, moved, dropped, added
    before: Placement | None  # on the original horizon's days
    after: Placement | None
    reason: str = ""
    was_missed: bool = False
    logged: bool = False  # the log itself moved it: not a change the replan made


def identify(rp: ReplanProblem, placements: list[Placement]) -> dict[Placement, str]:
    """The id of every placement of the remaining days."""
    ids: dict[Placement, str] = {}
    for p in placements:
        if p in rp.reference:
            ids[p] = rp.reference[p]
        elif p in rp.pinned:
            ids[p] = rp.pinned[p]
        else:
            ids.update(_pinned_week_id(rp, p))
    loose = defaultdict(list)  # type -> planned sessions that are not on their cell
    placed = set(placements)
    for p, ident in sorted(rp.reference.items()):
        if p not in placed:
            loose[p.session].append((p.day, ident))
    for m in rp.missed:
        loose[m.session].append((m.day - rp.today, m.id))
    used = set(ids.values())
    counter = _next_numbers(rp)
    for p in sorted(placements):
        if p in ids:
            continue
        free = [(abs(day - p.day), day, ident) for day, ident in loose[p.session]
                if ident not in used]
        if free:
            ident = min(free)[2]
        else:
            counter[p.session] += 1
            ident = f"{p.session}-{counter[p.session]}"
        ids[p] = ident
        used.add(ident)
    return ids


def _pinned_week_id(rp: ReplanProblem, p: Placement) -> dict[Placement, str]:
    """A pin of the week itself keeps the id it had in the plan."""
    for planned in rp.planned:
        if (planned.day - rp.today, rp.original.slot_index[planned.slot], planned.session) \
                == (p.day, p.slot, p.session):
            return {p: planned.id}
    return {}


def _next_numbers(rp: ReplanProblem) -> dict[str, int]:
    counter: dict[str, int] = defaultdict(int)
    for planned in rp.planned:
        head, _, number = planned.id.rpartition("-")
        if number.isdigit() and head.endswith(planned.session):
            counter[planned.session] = max(counter[planned.session], int(number))
    return counter


def changes(rp: ReplanProblem, placements: list[Placement], ids: dict[Placement, str]
            ) -> list[SessionChange]:
    """Every still-planned and missed session, and every added one, in the order of the
    week."""
    by_id = {ident: p for p, ident in ids.items()}
    shift = rp.today
    out: list[SessionChange] = []
    index = rp.original.slot_index
    planned = [(p, False) for p in _still_planned(rp)] + [(m, True) for m in rp.missed]
    for p, missed in planned:
        before = Placement(p.day, index[p.slot], p.session)
        now = by_id.get(p.id)
        after = None if now is None else Placement(now.day + shift, now.slot, now.session)
        kind = DROPPED if after is None else (KEPT if after == before else MOVED)
        reason = _reason(rp, placements, p, now, missed) if kind != KEPT else ""
        out.append(SessionChange(p.id, p.session, kind, before, after, reason, missed))
    for p in rp.planned:  # moves the log itself pins from today on
        pin = next((q for q, ident in rp.pinned.items() if ident == p.id), None)
        if pin is not None:
            out.append(SessionChange(p.id, p.session, MOVED, Placement(
                p.day, index[p.slot], p.session), Placement(pin.day + shift, pin.slot,
                                                            pin.session), "moved in the log",
                                     logged=True))
    known = {p.id for p, _ in planned} | set(rp.pinned.values())
    for p, ident in sorted(ids.items()):
        if ident not in known and not _is_week_pin(rp, ident):
            out.append(SessionChange(ident, p.session, ADDED, None,
                                     Placement(p.day + shift, p.slot, p.session),
                                     "a new session of a type the week still asks for"))
    return sorted(out, key=_order)


def _still_planned(rp: ReplanProblem) -> list[Planned]:
    ids = set(rp.reference.values())
    return [p for p in rp.planned if p.id in ids]


def _is_week_pin(rp: ReplanProblem, ident: str) -> bool:
    return any(p.id == ident for p in rp.planned)


def _order(change: SessionChange) -> tuple[int, int, str]:
    where = change.before or change.after
    assert where is not None
    return (where.day, where.slot, change.id)


def _reason(rp: ReplanProblem, placements: list[Placement], p: Planned,
            now: Placement | None, missed: bool) -> str:
    """Why a session is not on its planned day and slot any more."""
    problem = rp.problem
    home = Placement(p.day - rp.today, problem.slot_index[p.slot], p.session)
    if missed and p.day < rp.today:
        if now is None:
            return "missed; no day left that keeps it: " + _blocked_anywhere(problem,
                                                                          placements, p)
        return "missed; kept on a later day"
    if missed:
        return "missed in the log (that slot is closed)"
    rest = [q for q in placements if q != now]
    occupant = next((q for q in rest if (q.day, q.slot) == (home.day, home.slot)), None)
    nowhere = "" if now is not None else (
        "; no other slot keeps it: " + _blocked_anywhere(problem, placements, p))
    if occupant is not None:
        return f"its slot now holds {occupant.session}{nowhere}"
    if (home.day, home.slot) in problem.closed_cells:
        return f"its slot is closed{nowhere}"
    broken = _breaks(problem, [*rest, home])
    if broken:
        return _reason_text(problem, broken[0]) + nowhere
    return "moved with the sessions around it (putting it back alone breaks no rule)"


def _breaks(problem: Problem, placements: list[Placement]) -> list[Violation]:
    """The hard rules a plan breaks, counts aside (a session put back is one too many)."""
    report = check_plan(problem, placements)
    return [v for v in report.violations if v.rule not in ("sessions", "one_per_slot")]


def _reason_text(problem: Problem, violation: Violation) -> str:
    return f"{violation.rule}: {violation.message}"


def _blocked_anywhere(problem: Problem, placements: list[Placement], p: Planned) -> str:
    """The rules that keep a session out of every free slot, most often first."""
    taken = {(q.day, q.slot) for q in placements}
    counts: dict[str, int] = defaultdict(int)
    for day, slot in problem.cells:
        if (day, slot) in taken:
            continue
        if (day, slot) in problem.closed_cells:
            counts["unavailable"] += 1
            continue
        for v in _breaks(problem, [*placements, Placement(day, slot, p.session)])[:1]:
            counts[v.rule] += 1
    held = sum(1 for cell in problem.cells if cell in taken)
    if not counts:
        return "every slot left holds a session"
    ranked = sorted(counts, key=lambda r: (-counts[r], r))
    text = ", ".join(f"{r} ({counts[r]} slot{'s' if counts[r] != 1 else ''})" for r in ranked)
    return text + (f"; the other {held} hold sessions" if held else "")
