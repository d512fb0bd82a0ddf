"""The comparison as a pandas DataFrame: one column per alternative, one row per measure.

Every value is read from the alternative's Result (the solver's plan, the metrics and
objective the checker computed), never recomputed here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from runlift.compare.run import Comparison
from runlift.models.result import Result
from runlift.rules import TERMS

if TYPE_CHECKING:
    import pandas as pd

STATUS = "status"
OBJECTIVE = "objective"
TERM_PREFIX = "objective."
WEEKLY_LOAD = "weekly load"
PEAK_LOAD = "peak daily load"
MONOTONY = "monotony"
STRAIN = "strain"
HARD_DAYS = "hard days"
REST_DAYS = "rest days"
MIN_GAP = "min lift-to-key gap (h)"
CONFLICT = "conflict"
RELAXATION = "relaxation"

# Rows where more is better; in every other metric row less is better.
HIGHER_IS_BETTER = frozenset({REST_DAYS, MIN_GAP})
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

    @property
    def baseline(self) -> str:
        return str(self.frame.columns[0])


def _metric_values(result: Result) -> dict[str, Any]:
    if not result.has_plan or result.metrics is None or result.objective is None:
        return {}
    m, o = result.metrics, result.objective
    return {
        OBJECTIVE: o.total,
        **{TERM_PREFIX + term: cost for term, cost in o.terms.items()},
        WEEKLY_LOAD: m.weekly_load,
        PEAK_LOAD: m.peak_daily_load,
        MONOTONY: m.monotony,
        STRAIN: m.strain,
        HARD_DAYS: len(m.hard_days),
        REST_DAYS: len(m.rest_days),
        MIN_GAP: m.min_lift_to_key_hours,
    }


def _metric_rows(per_alternative: list[dict[str, Any]]) -> list[str]:
    """The fixed rows, with every objective term any alternative has: the weighted terms
    in the order of `weights:` (balance, preferences, spread), then soft rules by name."""
    order = {TERM_PREFIX + name: i for i, name in enumerate(TERMS)}
    terms = {k for values in per_alternative for k in values if k.startswith(TERM_PREFIX)}
    ranked = sorted(terms, key=lambda term: (order.get(term, len(order)), term))
    return [OBJECTIVE, *ranked, WEEKLY_LOAD, PEAK_LOAD, MONOTONY, STRAIN, HARD_DAYS, REST_DAYS,
            MIN_GAP]


def day_cell(result: Result, day: int) -> str:
    """The sessions of one day in slot order: 'intervals · lower_strength'."""
    sessions = [e.session for e in result.plan if e.day == day]
    return SESSION_SEPARATOR.join(sessions) or EMPTY_DAY


def _day_rows(results: list[Result]) -> tuple[list[str], list[list[str | None]]]:
    """Row labels and cells of the layout. A row is named by its day ('tue') when every
    alternative calls that day the same; otherwise 'day 3', and each cell names its day."""
    horizon = max(len(r.days) for r in results)
    labels, cells = [], []
    for day in range(horizon):
        names = {r.days[day] for r in results if day < len(r.days)}
        shared = len(names) == 1
        labels.append(names.pop() if shared else f"day {day}")
        row: list[str | None] = []
        for r in results:
            if day >= len(r.days) or not r.has_plan:
                row.append(None)
            else:
                text = day_cell(r, day)
                row.append(text if shared else f"{r.days[day]}: {text}")
        cells.append(row)
    return labels, cells


def _no_plan_rows(results: list[Result]) -> dict[str, list[str | None]]:
    """Why an alternative has no plan, and the first relaxation that fixes it."""
    if all(r.has_plan for r in results):
        return {}
    conflicts: list[str | None] = []
    relaxations: list[str | None] = []
    for r in results:
        if r.has_plan:
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


def _rank_key(row: str, value: Any) -> float:
    """Smaller is better. A plan with no lift before a key run has an unbounded gap."""
    if value is None:
        return -math.inf if row == MIN_GAP else math.inf
    return -float(value) if row in HIGHER_IS_BETTER else float(value)


def best_labels(frame: pd.DataFrame, rows: list[str], planned: list[str]) -> dict[str, list[str]]:
    """Per metric row, every alternative with a plan that holds the best value (ties too)."""
    best = {}
    for row in rows:
        ranked = {
            label: _rank_key(row, frame.at[row, label]) for label in planned
            if row == MIN_GAP or frame.at[row, label] is not None
        }
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
    rows: dict[str, list[Any]] = {STATUS: [r.status for r in results]}
    rows.update({row: [v.get(row) for v in values] for row in metric_rows})
    rows.update(zip(day_labels, day_cells, strict=True))
    rows.update(_no_plan_rows(results))
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=labels, dtype=object)
    frame = frame.astype(object).where(frame.notna(), None)
    planned = [label for label, r in zip(labels, results, strict=True) if r.has_plan]
    best = best_labels(frame, metric_rows, planned)
    return ComparisonTable(frame, metric_rows, day_labels, best, planned)
