"""What changed between the baseline block (the first alternative) and each other one:
week by week, the load and its marks (deload, taper, race), and the weeks one block has
and the other has not."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from runlift.compare.block_table import week_cell
from runlift.compare.diff import ARROW, pair_note
from runlift.compare.run import BlockComparison
from runlift.models.block import BlockResult

SAME_WEEKS = "same weekly loads"


@dataclass(frozen=True)
class WeekChange:
    week: int
    before: str | None  # the baseline's week, as its table cell ('1980 deload'); None: none
    after: str | None  # this alternative's; None: the block has no such week

    @property
    def text(self) -> str:
        if self.before is None:
            return f"week {self.week}: added ({self.after})"
        if self.after is None:
            return f"week {self.week}: not in this block (was {self.before})"
        return f"week {self.week}: {self.before} {ARROW} {self.after}"

    def to_dict(self) -> dict[str, Any]:
        return {"week": self.week, "from": self.before, "to": self.after, "text": self.text}


@dataclass(frozen=True)
class BlockDiff:
    label: str
    baseline: str
    note: str | None  # why there is nothing to compare ('this alternative has no plan')
    changes: list[WeekChange]

    @property
    def lines(self) -> list[str]:
        if self.note:
            return [self.note]
        return [c.text for c in self.changes] or [SAME_WEEKS]

    def to_dict(self) -> dict[str, Any]:
        return {"alternative": self.label, "baseline": self.baseline, "note": self.note,
                "changes": [c.to_dict() for c in self.changes]}


def _cells(result: BlockResult) -> dict[int, str]:
    return {w.week: week_cell(w) for w in result.weeks}


def week_changes(baseline: BlockResult, other: BlockResult) -> list[WeekChange]:
    """Every week whose load or marks differ, in week order."""
    before, after = _cells(baseline), _cells(other)
    return [WeekChange(week, before.get(week), after.get(week))
            for week in sorted(set(before) | set(after)) if before.get(week) != after.get(week)]


def block_comparison_diff(comparison: BlockComparison) -> list[BlockDiff]:
    """One diff per alternative after the first, against the first."""
    labels, results = comparison.labels, comparison.results
    base_label, base = labels[0], results[0]
    diffs = []
    for label, result in zip(labels[1:], results[1:], strict=True):
        note = pair_note(base, result)
        changes = (week_changes(base, result)
                   if note is None and base is not None and result is not None else [])
        diffs.append(BlockDiff(label, base_label, note, changes))
    return diffs
