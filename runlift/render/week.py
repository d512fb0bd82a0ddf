"""Shared pieces of a week's rendering: the grid cells and the metric lines."""

from __future__ import annotations

from runlift.models.result import Metrics, PlanEntry

KEY_MARK = "*"
HEAVY_MARK = "^"
LEGEND = f"{KEY_MARK} key run   {HEAVY_MARK} heavy legs"


def human_name(session: str) -> str:
    """'Lower strength' from lower_strength: for titles people read."""
    name = session.replace("_", " ")
    return name[:1].upper() + name[1:]


def session_label(entry: PlanEntry) -> str:
    marks = (KEY_MARK if entry.key else "") + (HEAVY_MARK if entry.heavy_legs else "")
    return entry.session + marks


def grid(plan: list[PlanEntry], days: list[str], slots: dict[str, str]) -> list[list[str]]:
    """Rows are slots, columns are days; '' where the slot is empty."""
    cells = {(e.day, e.slot): session_label(e) for e in plan}
    return [[cells.get((d, slot), "") for d in range(len(days))] for slot in slots]


def day_headers(days: list[str], dates: list[str] | None) -> list[str]:
    if not dates:
        return list(days)
    return [f"{label} {date[5:]}" for label, date in zip(days, dates, strict=True)]


def metric_lines(metrics: Metrics, days: list[str]) -> list[tuple[str, str]]:
    def names(indices: list[int]) -> str:
        return ", ".join(days[d] for d in indices) or "none"

    gap = metrics.min_lift_to_key_hours
    return [
        ("weekly load", str(metrics.weekly_load)),
        ("peak daily load", str(metrics.peak_daily_load)),
        ("monotony", f"{metrics.monotony:g}"),
        ("strain", f"{metrics.strain:g}"),
        ("hard days", f"{len(metrics.hard_days)}: {names(metrics.hard_days)}"),
        ("rest days", f"{len(metrics.rest_days)}: {names(metrics.rest_days)}"),
        ("min lift-to-key gap", "none" if gap is None else f"{gap:g} h"),
    ]
