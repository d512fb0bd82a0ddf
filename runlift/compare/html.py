"""The comparison report: the metric table with the best values marked, then every
alternative's week in the same grid, side by side (stacked on a phone). For blocks: the
table, then the weeks side by side (a row per week), then why a block has no plan."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from runlift.render.html.page import render
from runlift.render.html.parts import NoPlan, WeekGrid, closed_cells, no_plan, week_grids

if TYPE_CHECKING:
    from runlift.compare.alternatives import Alternative
    from runlift.compare.diff import DiffLines
    from runlift.compare.render import AnyComparison
    from runlift.compare.run import BlockComparison, Comparison
    from runlift.compare.table import ComparisonTable


CellKind = Literal["status", "best", "number", "text"]


@dataclass(frozen=True)
class MetricCell:
    text: str
    kind: CellKind  # a status badge, a best value, another number, or plain text


@dataclass(frozen=True)
class MetricRow:
    name: str
    cells: list[MetricCell]


@dataclass(frozen=True)
class AlternativeView:
    label: str
    status: str
    weeks: list[WeekGrid]  # empty when there is no plan
    no_plan: NoPlan | None
    invalid: str | None = None  # why the alternative is invalid (then nothing else)


@dataclass(frozen=True)
class DiffView:
    label: str
    lines: list[str]


@dataclass(frozen=True)
class CompareView:
    title: str
    baseline: str
    labels: list[str]
    rows: list[MetricRow]
    legend: str
    alternatives: list[AlternativeView]
    diff_title: str
    diffs: list[DiffView]
    wide: bool = True
    week_rows: list[MetricRow] = field(default_factory=list)  # a block's weeks, as rows
    alternatives_title: str = "Weeks"
    alternatives_id: str = "weeks"


def _kind(table: ComparisonTable, row: str, label: str) -> CellKind:
    from runlift.compare.table import STATUS

    if row == STATUS:
        return "status"
    if label in table.best.get(row, ()):
        return "best"
    if row in table.metric_rows:
        return "number"
    return "text"  # the conflict and relaxation of an alternative without a plan, why invalid


def metric_rows(comparison: AnyComparison, table: ComparisonTable) -> list[MetricRow]:
    """The table's rows but the layout's, which is drawn as a grid per alternative."""
    return _rows(comparison, table, [r for r in table.frame.index if r not in table.day_rows])


def _rows(comparison: AnyComparison, table: ComparisonTable, rows: list[str]
          ) -> list[MetricRow]:
    from runlift.compare.words import cell_text

    return [MetricRow(row, [MetricCell(cell_text(table, row, label), _kind(table, row, label))
                            for label in comparison.labels])
            for row in rows]


def alternatives(comparison: Comparison) -> list[AlternativeView]:
    views = []
    for alternative, result in zip(comparison.alternatives, comparison.results, strict=True):
        if result is None:
            views.append(_invalid_view(alternative))
        elif result.has_plan:
            weeks = week_grids(result, closed_cells(alternative.problem))
            views.append(AlternativeView(alternative.label, result.status, weeks, None))
        else:
            views.append(AlternativeView(alternative.label, result.status, [], no_plan(result)))
    return views


def _invalid_view(alternative: Alternative) -> AlternativeView:
    from runlift.compare.table import INVALID

    return AlternativeView(alternative.label, INVALID, [], None, invalid=alternative.invalid)


def _shared_fields(comparison: AnyComparison, table: ComparisonTable,
                   diffs: Sequence[DiffLines] | None) -> dict[str, Any]:
    """What the page of a comparison shows for weeks and blocks alike."""
    from runlift.compare.words import legend, title

    return {
        "title": title(len(comparison.labels)),
        "baseline": table.baseline,
        "labels": list(comparison.labels),
        "rows": metric_rows(comparison, table),
        "legend": legend(table, "★"),
        "diff_title": f"Changes from {diffs[0].baseline} (the baseline)" if diffs else "",
        "diffs": [DiffView(d.label, list(d.lines)) for d in diffs or []],
    }


def compare_view(comparison: Comparison, table: ComparisonTable,
                 diffs: Sequence[DiffLines] | None = None) -> CompareView:
    return CompareView(**_shared_fields(comparison, table, diffs),
                       alternatives=alternatives(comparison))


def compare_report(comparison: Comparison, table: ComparisonTable,
                   diffs: Sequence[DiffLines] | None = None) -> str:
    """A self-contained HTML page for a comparison (the --diff moves when given)."""
    return render("compare.html.j2", page=compare_view(comparison, table, diffs))


# --- blocks ------------------------------------------------------------------------------
def blocks_without_plan(comparison: BlockComparison) -> list[AlternativeView]:
    """The blocks that are invalid or have no plan, each with why."""
    views = []
    for alternative, result in zip(comparison.alternatives, comparison.results, strict=True):
        if result is None:
            views.append(_invalid_view(alternative))
        elif not result.has_plan:
            views.append(AlternativeView(alternative.label, result.status, [], no_plan(result)))
    return views


def block_compare_view(comparison: BlockComparison, table: ComparisonTable,
                       diffs: Sequence[DiffLines] | None = None) -> CompareView:
    return CompareView(
        **_shared_fields(comparison, table, diffs),
        alternatives=blocks_without_plan(comparison),
        week_rows=_rows(comparison, table, table.day_rows),
        alternatives_title="Without a plan",
        alternatives_id="no-plan",
    )


def block_compare_report(comparison: BlockComparison, table: ComparisonTable,
                         diffs: Sequence[DiffLines] | None = None) -> str:
    """A self-contained HTML page for a comparison of blocks."""
    return render("compare.html.j2", page=block_compare_view(comparison, table, diffs))
