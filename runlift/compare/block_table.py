"""Blocks side by side, as the same ComparisonTable a comparison of weeks builds: one
column per block, rows for the race-day figures, the guardrails' verdicts, and one row
per week (its load, marked deload, taper or race).

Every value is read from the block's BlockResult (what `runlift block` reports), never
recomputed here. The best marks, only where one way is better: the highest race-day CTL;
the lowest sum of the weeks' objectives and soft guardrail excess; race-day TSB only where
the block asks for a race_form band, the closest to it. The peak week load is not marked:
a heavier block is not a worse one, nor a better one. An invalid alternative's column says
why (row `invalid`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from runlift.compare.alternatives import Alternative
from runlift.compare.run import BlockComparison
from runlift.compare.table import (
    STATUS,
    ComparisonTable,
    invalid_rows,
    no_plan_rows,
    status_cells,
)
from runlift.models.block import BlockResult, BlockWeek, GuardrailReading

RACE_CTL = "race-day CTL"
RACE_TSB = "race-day TSB"
PEAK_WEEK_LOAD = "peak week load"
HEAVIEST_WEEK = "heaviest week"
WEEKLY_OBJECTIVES = "weekly objectives"
SOFT_EXCESS = "soft guardrail excess"
GUARDRAIL_PREFIX = "guardrail "
WEEK_PREFIX = "week "
GUARDRAIL_OFF = "off"
GUARDRAIL_UNCHECKED = "no week to check"  # on, but no week it applies to (acwr_max: 4 weeks)
BLOCK_LEGEND = ("{mark} best in its row, ties included. Highest: race-day CTL. Lowest: "
                "weekly objectives, soft guardrail excess. Closest to the block's race_form, "
                "when it gives one: race-day TSB. Race day: race morning, or after the last "
                "day of a block without a race. Not marked, as neither way is better: peak "
                "week load")

Band = tuple[int, int] | None
RankKey = Callable[[Any, Band], float | None]  # smaller is better; None takes no part


def _lower(value: Any, band: Band) -> float | None:
    return None if value is None else float(value)


def _higher(value: Any, band: Band) -> float | None:
    return None if value is None else -float(value)


def _closest_to_band(value: Any, band: Band) -> float | None:
    """How far a race-morning form lies outside the band (0 inside); None without one."""
    if value is None or band is None:
        return None
    low, high = band
    return max(low - float(value), float(value) - high, 0.0)


# The number rows, in order; the ranked ones with the way they rank.
NUMBER_ROWS = (RACE_CTL, RACE_TSB, PEAK_WEEK_LOAD, WEEKLY_OBJECTIVES, SOFT_EXCESS)
RANKED: dict[str, RankKey] = {
    RACE_CTL: _higher,
    RACE_TSB: _closest_to_band,
    WEEKLY_OBJECTIVES: _lower,
    SOFT_EXCESS: _lower,
}


# --- cells -------------------------------------------------------------------------------
def week_cell(week: BlockWeek) -> str:
    """'2080', '1980 deload', '1550 taper, race': the week's load and what kind it is."""
    is_race = any(e.kind == "race" for e in week.result.plan)
    marks = [mark for mark, on in (("deload", week.deload), ("taper", week.taper),
                                   ("race", is_race)) if on]
    return " ".join([str(week.load), ", ".join(marks)]).strip()


def heaviest_week(result: BlockResult) -> str:
    """'week 9 (build)': the week of the peak load (the first, if several)."""
    peak = max(result.weeks, key=lambda w: (w.load, -w.week))
    return f"week {peak.week} ({peak.phase})"


def _points(amount: float) -> str:
    return f"{amount:g} load point{'' if amount == 1 else 's'}"


def guardrail_cell(readings: list[GuardrailReading], active: bool = True) -> str:
    """'holds; tightest week 3, 1 load point to spare': the verdict and the tightest week."""
    if not readings:
        return GUARDRAIL_UNCHECKED if active else GUARDRAIL_OFF
    tightest = min(readings, key=lambda r: (r.room, r.week))
    broken = [r for r in readings if not r.ok]
    if not broken:
        verdict = "holds"
    elif tightest.soft:
        verdict = f"soft: {_points(sum(r.excess for r in broken))} over"
    else:
        verdict = f"broken in {len(broken)} week{'s' if len(broken) != 1 else ''}"
    room = (f"{_points(tightest.room)} to spare" if tightest.ok
            else f"{_points(-tightest.room)} over")
    return f"{verdict}; tightest week {tightest.week}, {room}"


# --- rows --------------------------------------------------------------------------------
def _metric_values(result: BlockResult | None, soft: bool) -> dict[str, Any]:
    if result is None:
        return {}
    o = result.objective
    if not result.has_plan or o is None:
        return {}
    values = {RACE_CTL: o.race_ctl, RACE_TSB: o.race_tsb, PEAK_WEEK_LOAD: o.peak_week_load,
              WEEKLY_OBJECTIVES: o.weekly_total}
    if soft:
        values[SOFT_EXCESS] = o.guardrail_excess
    return values


def _guardrail_names(results: list[BlockResult]) -> list[str]:
    return sorted({r.name for result in results if result.has_plan for r in result.guardrails})


def _text_values(result: BlockResult | None, guardrails: list[str], active: set[str] | None
                 ) -> dict[str, Any]:
    """The heaviest week and each guardrail's verdict; ``active``: the guardrails the block
    turns on (None: unknown, so a guardrail without readings counts as off)."""
    if result is None or not result.has_plan or not result.weeks:
        return {}
    values: dict[str, Any] = {HEAVIEST_WEEK: heaviest_week(result)}
    for name in guardrails:
        mine = [r for r in result.guardrails if r.name == name]
        on = active is not None and name in active
        values[GUARDRAIL_PREFIX + name] = guardrail_cell(mine, on)
    return values


def _active_guardrails(alternative: Alternative) -> set[str] | None:
    return set(alternative.block.guardrails) if alternative.block is not None else None


def _week_rows(results: list[BlockResult | None]) -> dict[str, list[str | None]]:
    """One row per week number, 'week 1' to the longest block's last week."""
    longest = max((r.length for r in results if r is not None), default=0)
    rows: dict[str, list[str | None]] = {}
    for number in range(1, longest + 1):
        cells: list[str | None] = []
        for result in results:
            week = None if result is None else next(
                (w for w in result.weeks if w.week == number), None)
            cells.append(week_cell(week) if week and result and result.has_plan else None)
        rows[f"{WEEK_PREFIX}{number}"] = cells
    return rows


def _bands(comparison: BlockComparison) -> dict[str, Band]:
    """Each alternative's race_form band, where its block gives one."""
    bands: dict[str, Band] = {}
    for alternative in comparison.alternatives:
        block = alternative.block.block if alternative.block is not None else None
        bands[alternative.label] = block.race_form if block is not None else None
    return bands


def best_labels(frame: Any, planned: list[str], bands: dict[str, Band]
                ) -> dict[str, list[str]]:
    """Per ranked row, every alternative with a plan that holds the best value (ties too)."""
    best: dict[str, list[str]] = {}
    if len(planned) < 2:  # nothing to be best against
        return best
    for row, key in RANKED.items():
        if row not in frame.index:
            continue
        keys = {label: key(frame.at[row, label], bands.get(label)) for label in planned}
        ranked = {label: k for label, k in keys.items() if k is not None}
        if ranked:
            top = min(ranked.values())
            best[row] = [label for label, k in ranked.items() if k == top]
    return best


def build_block_table(comparison: BlockComparison) -> ComparisonTable:
    import pandas as pd

    labels, results = comparison.labels, comparison.results
    valid = [r for r in results if r is not None]
    soft = any(r.soft for result in valid for r in result.guardrails)
    metric_rows = [row for row in NUMBER_ROWS if row != SOFT_EXCESS or soft]
    guardrails = _guardrail_names(valid)
    text_rows = [HEAVIEST_WEEK, *(GUARDRAIL_PREFIX + name for name in guardrails)]
    metrics = [_metric_values(r, soft) for r in results]
    texts = [_text_values(r, guardrails, _active_guardrails(a))
             for a, r in zip(comparison.alternatives, results, strict=True)]
    week_rows = _week_rows(results)
    rows: dict[str, list[Any]] = {STATUS: status_cells(results)}
    rows.update(invalid_rows(comparison.alternatives))
    rows.update({row: [m.get(row) for m in metrics] for row in metric_rows})
    rows.update({row: [t.get(row) for t in texts] for row in text_rows})
    rows.update(week_rows)
    rows.update(no_plan_rows(results))
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=labels, dtype=object)
    frame = frame.astype(object).where(frame.notna(), None)
    planned = [label for label, r in zip(labels, results, strict=True)
               if r is not None and r.has_plan]
    best = best_labels(frame, planned, _bands(comparison))
    return ComparisonTable(frame, metric_rows, list(week_rows), best, planned,
                           text_rows=text_rows, legend=BLOCK_LEGEND)
