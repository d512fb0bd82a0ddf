"""Every preference a plan misses, and what pushed each session off its preferred places.

Plain Python over the placed plan, as the rest of the checker. For a session that sits
off its type's preferred days or slots, each preferred place is tried in turn:

- the place is closed (`unavailable`) or its type avoids it (`avoid`): availability;
- the session is pinned elsewhere (`fixed`), or a pinned session holds the place;
- a session that prefers the place holds it (the other of the same type, or a type whose
  own preference it is): another preference;
- otherwise the session is moved there (the session that holds the place swaps with it,
  or goes to a free slot), and when every such move breaks a hard rule that the plan
  itself keeps, the rules the simplest one breaks are named;
- a move that breaks no hard rule costs more than the preference saves (a weighted
  objective): the terms that rise in the cheapest one are named.

Places with the same reason are written together ("fri: breaks lift_to_key_hours").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from runlift.models.plan import Placed, PlacedPlan, Placement
from runlift.models.problem import Cell, Problem
from runlift.models.result import MissedPreference
from runlift.rules import RULES, STRUCTURAL
from runlift.rules.terms.preferences import missing

PREFERENCES = "preferences"


@dataclass(frozen=True)
class Blocker:
    """Why one preferred place is not the session's: what blocks it, in a few words,
    and the members that say so."""

    text: str
    by: tuple[str, ...]


def missed_preferences(plan: PlacedPlan) -> list[MissedPreference]:
    """The plan's missed preferences, in day and slot order (none when the preferences
    term is off)."""
    problem = plan.problem
    if not problem.weight(PREFERENCES):
        return []
    base = _Base(plan)
    return [_missed(base, p) for p in missing(plan)]


class _Base:
    """The plan whose moves are tried, and what they are held against: its own hard
    breaches and costs, worked out once (not once a move: a plan may be large)."""

    def __init__(self, plan: PlacedPlan) -> None:
        self.plan = plan

    @cached_property
    def breaches(self) -> set[tuple[str, str]]:
        return _hard_breaches(self.plan)

    @cached_property
    def costs(self) -> dict[str, int]:
        from runlift.checker import check_plan

        return check_plan(self.plan.problem, self.plan.placements).costs


def _missed(base: _Base, p: Placed) -> MissedPreference:
    plan = base.plan
    problem = plan.problem
    wanted = sorted(problem.prefer[p.session])
    blockers: list[tuple[Cell | None, Blocker]] = (
        [_pinned_blocker(plan, p)] if _is_pinned(problem, p)
        else [(cell, _blocker(base, p, cell)) for cell in wanted])
    return MissedPreference(
        session=p.session, wanted=problem.places(wanted), got=problem.where(p.day, p.slot),
        day=p.day, slot=problem.slots[p.slot].name, because=_because(problem, blockers),
        by=_names(b for _, b in blockers))


def _is_pinned(problem: Problem, p: Placed) -> bool:
    return any((f.day, f.slot, f.session) == (p.day, p.slot, p.session) for f in problem.fixed)


def _pinned_blocker(plan: PlacedPlan, p: Placed) -> tuple[Cell | None, Blocker]:
    return None, Blocker(f"pinned on {plan.problem.where(p.day, p.slot)} (fixed)", ("fixed",))


def _because(problem: Problem, blockers: list[tuple[Cell | None, Blocker]]) -> str:
    """'fri: breaks lift_to_key_hours; tue pm: the other lower_strength is there'."""
    grouped: dict[Blocker, list[Cell]] = {}
    for cell, blocker in blockers:
        grouped.setdefault(blocker, [])
        if cell is not None:
            grouped[blocker].append(cell)
    return "; ".join(f"{problem.places(cells)}: {b.text}" if cells else b.text
                     for b, cells in grouped.items())


def _names(blockers: Iterable[Blocker]) -> list[str]:
    seen: dict[str, None] = {}
    for blocker in blockers:
        seen.update(dict.fromkeys(blocker.by))
    return list(seen)


def _blocker(base: _Base, p: Placed, cell: Cell) -> Blocker:
    """What keeps ``p`` out of one of its preferred places."""
    plan = base.plan
    problem = plan.problem
    closed = next((u for u in problem.unavailable if cell in u.cells), None)
    if closed is not None:
        return Blocker("closed (unavailable)", ("unavailable",))
    avoided = next((a for a in problem.avoid if a.session == p.session and cell in a.cells),
                   None)
    if avoided is not None:
        return Blocker(f"{p.session} avoids it (avoid)", ("avoid",))
    there = next((q for q in plan.placed if (q.day, q.slot) == cell), None)
    if there is not None:
        held = _held(problem, there, p)
        if held is not None:
            return held
    return _move_blocker(base, p, cell, there)


def _held(problem: Problem, there: Placed, p: Placed) -> Blocker | None:
    """The place is held by a pin, or by a session that prefers it."""
    if _is_pinned(problem, there):
        return Blocker(f"{there.session} is pinned there (fixed)", ("fixed",))
    if there.session == p.session:
        return Blocker(f"the other {p.session} is there", (PREFERENCES,))
    if (there.day, there.slot) in problem.prefer.get(there.session, ()):
        return Blocker(f"{there.session} keeps its own preferred place", (PREFERENCES,))
    return None


def _move_blocker(base: _Base, p: Placed, cell: Cell, there: Placed | None) -> Blocker:
    """Move ``p`` to ``cell``: the session there swaps places with it, or moves to any
    free slot. When every way breaks a hard rule, those of the simplest way (the move
    itself, or the swap) are named; otherwise the cheapest way says what it costs."""
    ways = _moves(base.plan, p, cell, there)
    broken = [_new_breaches(base, moved) for moved in ways]
    legal = [moved for moved, found in zip(ways, broken, strict=True) if not found]
    if not legal:
        # broken[0] is the move itself, or the swap: say whose move breaks the rules.
        said = ", ".join(broken[0])
        text = (f"breaks {said}" if there is None
                else f"swapping with the {there.session} there breaks {said}")
        return Blocker(text, tuple(broken[0]))
    return _cost_blocker(base, legal)


def _moves(plan: PlacedPlan, p: Placed, cell: Cell, there: Placed | None
           ) -> list[PlacedPlan]:
    """``p`` in ``cell``; the session there (if any) in ``p``'s place, then in each free
    open slot."""
    problem = plan.problem
    rest = [q for q in plan.placements if (q.day, q.slot) not in {(p.day, p.slot), cell}]
    moved = Placement(cell[0], cell[1], p.session)
    if there is None:
        return [PlacedPlan(problem, [*rest, moved])]
    taken = {(q.day, q.slot) for q in plan.placements} | problem.closed_cells
    places = [(p.day, p.slot)] + [c for c in problem.cells if c not in taken]
    return [PlacedPlan(problem, [*rest, moved, Placement(d, s, there.session)])
            for d, s in places]


def _hard_breaches(plan: PlacedPlan) -> set[tuple[str, str]]:
    problem = plan.problem
    found = {(v.rule, v.message) for m in STRUCTURAL.values() for v in m.check(plan)}
    for name, setting in problem.rules.items():
        if not setting.soft:
            found |= {(v.rule, v.message) for v in RULES[name].check(plan, setting.value)}
    return found


def _new_breaches(base: _Base, moved: PlacedPlan) -> list[str]:
    """The hard members the moved plan breaks that the plan itself keeps, in the
    registry's order."""
    rules = {rule for rule, message in _hard_breaches(moved) - base.breaches}
    order = [*STRUCTURAL, *RULES]
    return sorted(rules, key=lambda r: (order.index(r) if r in order else len(order), r))


def _cost_blocker(base: _Base, legal: list[PlacedPlan]) -> Blocker:
    """Moves that keep every hard rule but cost more than the preference saves: the
    terms and soft rules that rise in the cheapest of them."""
    from runlift.checker import check_plan

    before = base.costs
    priced = [check_plan(base.plan.problem, moved.placements) for moved in legal]
    after = min(priced, key=lambda report: report.rank).costs
    rises = {name: after[name] - before.get(name, 0) for name in after
             if name != PREFERENCES and after[name] > before.get(name, 0)}
    if not rises:
        return Blocker("no single move of it keeps the rest of the week as it is",
                       (PREFERENCES,))
    said = ", ".join(f"{name} +{rise}" for name, rise in rises.items())
    return Blocker(f"costs more there ({said})", tuple(rises))
