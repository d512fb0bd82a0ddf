"""The squad index of a batch: one row per athlete, linking to each athlete's report. A
squad of blocks has its own columns: the race, the block's length, race-day fitness and
form, and the peak week's load (block_squad_index)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from runlift.models.result import Result
from runlift.models.status import has_plan
from runlift.render.html.page import render
from runlift.render.html.parts import warning_level
from runlift.render.html.svg import Sparkline, sparkline
from runlift.render.metrics import METRIC, number_text
from runlift.render.week import human_name

MONOTONY = METRIC["monotony"]


@dataclass(frozen=True)
class MetricColumns:
    """The names of the metric columns (the headers, and the labels of a row's cells on a
    phone): the labels of their metrics."""

    weekly_load: str = METRIC["weekly_load"].label
    monotony: str = MONOTONY.label
    hard_days: str = METRIC["hard_days"].label
    rest_days: str = METRIC["rest_days"].label


METRIC_COLUMNS = MetricColumns()
COLUMNS = ("athlete", "status", METRIC_COLUMNS.weekly_load, METRIC_COLUMNS.monotony,
           "daily load", METRIC_COLUMNS.hard_days, METRIC_COLUMNS.rest_days, "calendar", "note")


@dataclass(frozen=True)
class SquadEntry:
    """One athlete's line: the batch's summary row, the result when there is one, and the
    files written for them (relative to the index)."""

    name: str
    row: dict[str, Any]  # a summary.csv row
    result: Result | None  # a week's (a squad of blocks reads the row alone)
    report_file: str | None = None
    calendar_file: str | None = None


@dataclass(frozen=True)
class AthleteRow:
    name: str
    report_href: str | None  # URL-quoted, relative to the index
    status: str
    weekly_load: str
    monotony: str
    monotony_high: bool
    spark: Sparkline | None
    hard_days: str
    rest_days: str
    calendar_href: str | None
    note: str  # the error, or the conflict, of an athlete without a plan


@dataclass(frozen=True)
class RosterSlot:
    """One gym slot in use: who is there, against the slot's capacity."""

    slot: str
    use: str  # '3 of 8'
    full: bool
    athletes: list[str]  # 'Ana (lower strength)'


@dataclass(frozen=True)
class JointView:
    """The shared gym's joint plan: a summary line, its conflicts and the gym roster."""

    text: str
    conflicts: list[str]
    roster: list[RosterSlot] = field(default_factory=list)


@dataclass(frozen=True)
class SquadView:
    title: str
    squad: str
    summary: str
    joint: JointView | None
    columns: tuple[str, ...]
    metric_columns: MetricColumns
    rows: list[AthleteRow]
    monotony_warning: str
    wide: bool = True


def _href(file: str | None) -> str | None:
    return None if file is None else quote(file)


def athlete_row(entry: SquadEntry) -> AthleteRow:
    row, result = entry.row, entry.result
    metrics = result.metrics if result is not None else None
    monotony = row.get("monotony")
    return AthleteRow(
        name=entry.name,
        report_href=_href(entry.report_file),
        status=str(row["status"]),
        weekly_load="" if row.get("weekly_load") is None else number_text(row["weekly_load"]),
        monotony="" if monotony is None else number_text(monotony),
        monotony_high=monotony is not None and monotony > MONOTONY.warning,
        spark=sparkline(metrics.daily_load, entry.name) if metrics else None,
        hard_days=str(row.get("hard_days") or ""),
        rest_days=str(row.get("rest_days") or ""),
        calendar_href=_href(entry.calendar_file),
        note=str(row.get("error") or row.get("conflicts") or ""),
    )


def joint_view(joint: dict[str, Any] | None) -> JointView | None:
    if not joint:
        return None
    text = f"Joint plan (shared gym): {joint.get('status')}"
    if joint.get("objective") is not None:
        text += (f", objective {joint['objective']}, bound {joint.get('best_bound')}, "
                 f"gap {joint.get('gap_percent', 0):.2f}%")
    return JointView(text, [str(c.get("message", "")) for c in joint.get("conflicts", [])],
                     roster_view(joint.get("gym_usage") or []))


def roster_view(usage: list[dict[str, Any]]) -> list[RosterSlot]:
    """The gym roster of summary.json (runlift.batch.gym.gym_roster), slot by slot."""
    return [RosterSlot(slot=str(slot["slot"]), use=f"{slot['athletes']} of {slot['capacity']}",
                       full=slot["athletes"] >= slot["capacity"],
                       athletes=[f"{a['athlete']} ({human_name(a['session'])})"
                                 for a in slot["roster"]])
            for slot in usage if slot.get("roster") is not None]


def squad_view(squad: str, entries: list[SquadEntry], joint: dict[str, Any] | None = None
               ) -> SquadView:
    planned = sum(1 for e in entries if has_plan(e.row["status"]))
    missing = len(entries) - planned
    summary = (f"{len(entries)} athletes: {planned} planned"
               + (f", {missing} without a plan" if missing else ""))
    return SquadView(title=f"{squad}: squad index", squad=squad, summary=summary,
                     joint=joint_view(joint), columns=COLUMNS,
                     metric_columns=METRIC_COLUMNS,
                     rows=[athlete_row(e) for e in entries],
                     monotony_warning=warning_level(MONOTONY.warning or 0.0))


def squad_index(squad: str, entries: list[SquadEntry], joint: dict[str, Any] | None = None
                ) -> str:
    """A self-contained index page for a batch's output folder."""
    return render("squad.html.j2", page=squad_view(squad, entries, joint))


# --- squads of blocks ------------------------------------------------------------------------
BLOCK_COLUMNS = ("athlete", "status", "race", "weeks", "race-day CTL", "race-day TSB",
                 "peak week load", "calendar", "note")


@dataclass(frozen=True)
class BlockAthleteRow:
    name: str
    report_href: str | None
    status: str
    race: str
    weeks: str
    race_ctl: str
    race_tsb: str
    peak_week_load: str
    calendar_href: str | None
    note: str


@dataclass(frozen=True)
class BlockSquadView:
    title: str
    squad: str
    summary: str
    columns: tuple[str, ...]
    rows: list[BlockAthleteRow]
    wide: bool = True


def _number(value: Any) -> str:
    return "" if value is None or value == "" else number_text(value)


def block_athlete_row(entry: SquadEntry) -> BlockAthleteRow:
    """One athlete's block, from their summary row (the BLOCK_SUMMARY columns)."""
    row = entry.row
    return BlockAthleteRow(
        name=entry.name, report_href=_href(entry.report_file), status=str(row["status"]),
        race=str(row.get("race") or ""), weeks=_number(row.get("weeks")),
        race_ctl=_number(row.get("race_ctl")), race_tsb=_number(row.get("race_tsb")),
        peak_week_load=_number(row.get("peak_week_load")),
        calendar_href=_href(entry.calendar_file),
        note=str(row.get("error") or row.get("conflicts") or ""),
    )


def block_squad_view(squad: str, entries: list[SquadEntry]) -> BlockSquadView:
    planned = sum(1 for e in entries if has_plan(e.row["status"]))
    missing = len(entries) - planned
    summary = (f"{len(entries)} athletes' blocks: {planned} planned"
               + (f", {missing} without a plan" if missing else ""))
    return BlockSquadView(title=f"{squad}: squad index", squad=squad, summary=summary,
                          columns=BLOCK_COLUMNS, rows=[block_athlete_row(e) for e in entries])


def block_squad_index(squad: str, entries: list[SquadEntry]) -> str:
    """A self-contained index page for a batch of blocks."""
    return render("block_squad.html.j2", page=block_squad_view(squad, entries))
