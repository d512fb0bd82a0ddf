"""The comparison as a pandas DataFrame: one column per alternative, one row per measure.

Every value is read from the alternative's Result (the solver's plan, the metrics and
objective the checker computed), never recomputed here. An invalid alternative's column
says why it is invalid (row `invalid`) and holds nothing else.

The best value is marked only in rows where one way is better: the objective and its terms
and the missed preferences (costs: the lowest), and the metrics with a direction
(runlift.render.metrics: the lowest peak daily load, monotony and strain; the most rest
days, the longest lift-to-key gap). Weekly load and hard days have none: more is not
worse, nor better.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from runlift.compare.alternatives import Alternative
from runlift.compare.run import Comparison
from runlift.models.block import BlockResult
from runlift.models.result import Result
from runlift.render.metrics import LISTED, Better, Metric
from runlift.rules import TERMS

if TYPE_CHECKING:
    import pandas as pd

STATUS = "status"
OBJECTIVE = "objective"
TERM_PREFIX = "objective."
MISSED = "missed preferences"
CONFLICT = "conflict"
RELAXATION = "relaxation"
INVALID = "invalid"  # the row of why an alternative is invalid, and its status
# The metric rows, after the objective's: each named by its metric, which also says how
# its values rank. The objective, its terms and the missed preferences are costs: lower
# is better.
METRIC_ROWS: dict[str, Metric] = {metric.row_name: metric for metric in LISTED}
SESSION_SEPARATOR = " · "
EMPTY_DAY = "—"
NO_PLAN_IN_TIME = "no plan found within the time limit"


@dataclass(frozen=True)
class ComparisonTable:
    frame: pd.DataFrame  # index: row names; columns: alternative labels, in order
    metric_rows: list[str]  # rows whose best value is marked
    day_rows: list[str]
    best: dict[str, list[str]]  # metric row -> the labels holding its best value
    planned: list[str]  # the labels of the alternatives with a plan
    # Rows in words shown with the metrics (a block's guardrail verdicts), never marked.
    text_rows: list[str] = field(default_factory=list)
    legend: str | None = None  # what the best marks mean, when not a week's (LEGEND)

    @property
    def baseline(self) -> str:
        return str(self.frame.columns[0])


def week_legend() -> str:
    """What the best marks of a comparison of weeks mean, from the metrics' directions."""
    def labels(better: Better) -> list[str]:
        return [m.label for m in LISTED if m.better is better]

    lower = ["objective and its terms", MISSED, *labels(Better.lower)]
    legend = (f"{{mark}} best in its row, ties included. Lowest: {', '.join(lower)}. "
              f"Highest: {', '.join(labels(Better.higher))} (none: no heavy legs before a "
              "key run, the longest gap)")
    if neither := labels(Better.neither):
        legend += f". Not marked, as neither way is better: {', '.join(neither)}"
    return legend


LEGEND = week_legend()


def _metric_values(result: Result | None) -> dict[str, Any]:
    if result is None or not result.has_plan or result.metrics is None \
            or result.objective is None:
        return {}
    m, o = result.metrics, result.objective
    return {
        OBJECTIVE: o.total,
        **{TERM_PREFIX + term: cost for term, cost in o.terms.items()},
        MISSED: len(result.missed_preferences),
        **{row: metric.value(m) for row, metric in METRIC_ROWS.items()},
    }


def _metric_rows(per_alternative: list[dict[str, Any]]) -> list[str]:
    """The fixed rows, with every objective term any alternative has: the weighted terms
    in the order of `weights:` (balance, preferences, spread), then soft rules by name."""
    order = {TERM_PREFIX + name: i for i, name in enumerate(TERMS)}
    terms = {k for values in per_alternative for k in values if k.startswith(TERM_PREFIX)}
    ranked = sorted(terms, key=lambda term: (order.get(term, len(order)), term))
    return [OBJECTIVE, *ranked, MISSED, *METRIC_ROWS]


def day_cell(result: Result, day: int) -> str:
    """The sessions of one day in slot order: 'intervals · lower_strength'."""
    sessions = [e.session for e in result.plan if e.day == day]
    return SESSION_SEPARATOR.join(sessions) or EMPTY_DAY


def _day_rows(results: list[Result | None]) -> tuple[list[str], list[list[str | None]]]:
    """Row labels and cells of the layout. A row is named by its day ('tue') when every
    alternative calls that day the same; otherwise 'day 3', and each cell names its day."""
    horizon = max(len(r.days) for r in results if r is not None)
    labels, cells = [], []
    for day in range(horizon):
        names = {r.days[day] for r in results if r is not None and day < len(r.days)}
        shared = len(names) == 1
        labels.append(names.pop() if shared else f"day {day}")
        row: list[str | None] = []
        for r in results:
            if r is None or day >= len(r.days) or not r.has_plan:
                row.append(None)
            else:
                text = day_cell(r, day)
                row.append(text if shared else f"{r.days[day]}: {text}")
        cells.append(row)
    return labels, cells


def status_cells(results: Sequence[Result | BlockResult | None]) -> list[str]:
    return [INVALID if r is None else str(r.status) for r in results]


def invalid_rows(alternatives: Sequence[Alternative]) -> dict[str, list[str | None]]:
    """Why an alternative is invalid: one short line in its column."""
    if all(a.valid for a in alternatives):
        return {}
    return {INVALID: [a.invalid for a in alternatives]}


def no_plan_rows(results: Sequence[Result | BlockResult | None]
                 ) -> dict[str, list[str | None]]:
    """Why an alternative has no plan, and the first relaxation that fixes it."""
    if all(r is None or r.has_plan for r in results):
        return {}
    conflicts: list[str | None] = []
    relaxations: list[str | None] = []
    for r in results:
        if r is None or r.has_plan:
            conflicts.append(None)
            relaxations.append(None)
            continue
        if r.status == "unknown":
            conflicts.append(NO_PLAN_IN_TIME)
        else:
            conflicts.append(f"{r.conflicts[0].rule}: {r.conflicts[0].message}"
                             if r.conflicts else None)
        relaxations.append(r.relaxations[0].message if r.relaxations else None)
    return {CONFLICT: conflicts, RELAXATION: relaxations}


def rank_key(row: str, value: Any) -> float | None:
    """Smaller is better; None when the value takes no part in finding the best."""
    metric = METRIC_ROWS.get(row)
    if metric is not None:
        return metric.rank_key(value)
    if row in (OBJECTIVE, MISSED) or row.startswith(TERM_PREFIX):  # a cost
        return None if value is None else float(value)
    return None


def best_labels(frame: pd.DataFrame, rows: list[str], planned: list[str]) -> dict[str, list[str]]:
    """Per metric row, every alternative with a plan that holds the best value (ties too);
    a row of a metric without a direction has none."""
    best: dict[str, list[str]] = {}
    if len(planned) < 2:  # nothing to be best against
        return best
    for row in rows:
        keys = {label: rank_key(row, frame.at[row, label]) for label in planned}
        ranked = {label: key for label, key in keys.items() if key is not None}
        if ranked:
            top = min(ranked.values())
            best[row] = [label for label, key in ranked.items() if key == top]
    return best


def build_table(comparison: Comparison) -> ComparisonTable:
    import pandas as pd

    labels, results = comparison.labels, comparison.results
    values = [_metric_values(r) for r in results]
    metric_rows = _metric_rows(values)
    day_labels, day_cells = _day_rows(results)
    rows: dict[str, list[Any]] = {STATUS: status_cells(results)}
    rows.update(invalid_rows(comparison.alternatives))
    rows.update({row: [v.get(row) for v in values] for row in metric_rows})
    rows.update(zip(day_labels, day_cells, strict=True))
    rows.update(no_plan_rows(results))
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=labels, dtype=object)
    frame = frame.astype(object).where(frame.notna(), None)
    planned = [label for label, r in zip(labels, results, strict=True)
               if r is not None and r.has_plan]
    best = best_labels(frame, metric_rows, planned)
    return ComparisonTable(frame, metric_rows, day_labels, best, planned, legend=LEGEND)
