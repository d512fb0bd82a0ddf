"""What moved between the baseline (the first alternative) and each other one.

Sessions of one type are interchangeable, so the diff works per type: the places both
plans share stay put, and the rest are paired in day order (the pairing that moves each
session the least), with any surplus reported as added or removed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any, Protocol

from runlift.compare.run import Comparison
from runlift.models.result import PlanEntry, Result

ARROW = "→"
INVALID_BASELINE = "the baseline is invalid"
INVALID_ALTERNATIVE = "this alternative is invalid"


@dataclass(frozen=True)
class Spot:
    day: int
    weekday: str  # the day's label in its own plan ('tue', or 'tue 8' in longer horizons)
    slot: str
    start: str

    @property
    def text(self) -> str:
        return f"{self.weekday} {self.slot}"


@dataclass(frozen=True)
class Change:
    session: str
    before: Spot | None  # None: added
    after: Spot | None  # None: removed

    @property
    def text(self) -> str:
        if self.before is None:
            return f"{self.session}: added on {self.after.text}"  # type: ignore[union-attr]
        if self.after is None:
            return f"{self.session}: removed from {self.before.text}"
        return f"{self.session}: {self.before.text} {ARROW} {self.after.text}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "session": self.session,
            "from": asdict(self.before) if self.before else None,
            "to": asdict(self.after) if self.after else None,
            "text": self.text,
        }


@dataclass(frozen=True)
class AlternativeDiff:
    label: str
    baseline: str
    note: str | None  # why there is nothing to compare ('no plan: infeasible')
    changes: list[Change]

    @property
    def lines(self) -> list[str]:
        if self.note:
            return [self.note]
        return [c.text for c in self.changes] or ["same layout"]

    def to_dict(self) -> dict[str, Any]:
        return {"alternative": self.label, "baseline": self.baseline, "note": self.note,
                "changes": [c.to_dict() for c in self.changes]}


class DiffLines(Protocol):
    """What the renderers read of a diff: a week's (AlternativeDiff) or a block's."""

    @property
    def label(self) -> str: ...

    @property
    def baseline(self) -> str: ...

    @property
    def changes(self) -> Sequence[object]: ...

    @property
    def lines(self) -> list[str]: ...

    def to_dict(self) -> dict[str, Any]: ...


def _spots(result: Result) -> dict[str, list[Spot]]:
    by_session: dict[str, list[Spot]] = {}
    for entry in result.plan:
        by_session.setdefault(entry.session, []).append(_spot(result, entry))
    return by_session


def _spot(result: Result, entry: PlanEntry) -> Spot:
    return Spot(entry.day, result.days[entry.day], entry.slot, entry.start)


def _order(spot: Spot) -> tuple[int, str, str]:
    return spot.day, spot.start, spot.slot


def plan_changes(baseline: Result, other: Result) -> list[Change]:
    """The moves, additions and removals that turn the baseline plan into the other."""
    before, after = _spots(baseline), _spots(other)
    changes = []
    for session in sorted(set(before) | set(after)):
        kept = {(s.day, s.slot) for s in before.get(session, [])} & {
            (s.day, s.slot) for s in after.get(session, [])
        }
        gone = sorted((s for s in before.get(session, []) if (s.day, s.slot) not in kept),
                      key=_order)
        new = sorted((s for s in after.get(session, []) if (s.day, s.slot) not in kept),
                     key=_order)
        for i in range(max(len(gone), len(new))):
            changes.append(Change(session, gone[i] if i < len(gone) else None,
                                  new[i] if i < len(new) else None))
    return sorted(changes, key=_change_order)


def _change_order(change: Change) -> tuple[tuple[int, str, str], str]:
    spot = change.before or change.after
    return _order(spot), change.session  # type: ignore[arg-type]


class Planned(Protocol):
    """A week's or a block's result, as a diff sees it."""

    status: Any

    @property
    def has_plan(self) -> bool: ...


def pair_note(base: Planned | None, result: Planned | None) -> str | None:
    """Why an alternative has no diff against the baseline (weeks and blocks alike), or
    None when both have plans to compare."""
    if base is None:
        return INVALID_BASELINE
    if result is None:
        return INVALID_ALTERNATIVE
    for whose, one in (("the baseline", base), ("this alternative", result)):
        if not one.has_plan:
            return f"{whose} has no plan ({one.status})"
    return None


def comparison_diff(comparison: Comparison) -> list[AlternativeDiff]:
    """One diff per alternative after the first, against the first."""
    labels, results = comparison.labels, comparison.results
    base_label, base = labels[0], results[0]
    diffs = []
    for label, result in zip(labels[1:], results[1:], strict=True):
        note = pair_note(base, result)
        changes = (plan_changes(base, result)
                   if note is None and base is not None and result is not None else [])
        diffs.append(AlternativeDiff(label, base_label, note, changes))
    return diffs
