"""The report of a replanned week: the status and what it means, the week as lived and
re-planned with every change marked where it happened, the changes with their reasons,
and the notes.

In the grid each session is where it now is. A moved one says where it came from (a
missed one that it was missed there and is kept again here), an added one says so, and
the place a session left holds a faint trace saying where it went; a dropped session is
struck through at its planned place. Days before today say how each session went (done,
done but moved, extra, or not logged and taken as done); today's column is marked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from runlift.models.replan import LivedEntry, PlanChange, ReplanResult
from runlift.render.html.page import render
from runlift.render.html.parts import Block, DayHeader, NoPlan, RuleLine, block
from runlift.render.replan import STATUS_MEANING, change_line, summary_line
from runlift.render.week import WeekSpan, short_date, split_weeks
from runlift.render.wording import conflict_header

Cell = tuple[int, str]  # (day, slot name)
ItemKind = Literal["session", "dropped", "left"]

# What each state of a day before today says, and the class that marks it.
PAST_MARKS = {
    "done": "done",
    "moved": "done, moved",
    "extra": "extra: not in the plan",
    "assumed": "not logged, taken as done",
}
LEGEND = [
    ("past", "done", "before today: done as logged"),
    ("past", "done, moved", "done on another day or slot"),
    ("past", "extra", "done, not in the plan"),
    ("past", "not logged", "taken as done as planned"),
    ("moved", "moved from …", "moved by this replan"),
    ("missed", "missed …, kept here", "missed, kept again on a later day"),
    ("added", "added", "a new session"),
    ("dropped", "dropped", "struck through where it was planned"),
    ("left", "→", "the place a session left"),
]


@dataclass(frozen=True)
class Mark:
    """A word on a session: how it went, or how the replan changed it. ``kind`` is the
    class that colours it (past, moved, missed, logged, added, dropped, left)."""

    kind: str
    text: str


@dataclass(frozen=True)
class Item:
    """One thing in a slot: a session (``session``), a session dropped from here
    (``dropped``, struck through), or the trace of one that moved away (``left``)."""

    kind: ItemKind
    block: Block
    marks: list[Mark]
    change: str = ""  # moved, missed, logged, added, dropped, left: the highlight; '' none
    reason: str = ""  # why it moved or was dropped


@dataclass(frozen=True)
class ReplanCell:
    items: list[Item]
    when: str  # past, today or future


@dataclass(frozen=True)
class ReplanRow:
    slot: str
    start: str
    cells: list[ReplanCell]


@dataclass(frozen=True)
class Column:
    header: DayHeader
    when: str


@dataclass(frozen=True)
class SlotItems:
    slot: str
    start: str
    items: list[Item]


@dataclass(frozen=True)
class ReplanDay:
    """One day of the phone layout."""

    header: DayHeader
    when: str
    slots: list[SlotItems]


@dataclass(frozen=True)
class ReplanWeek:
    name: str  # 'week 2' in a longer horizon, else ''
    span: str
    columns: list[Column]
    rows: list[ReplanRow]
    days: list[ReplanDay]


@dataclass(frozen=True)
class ChangeItem:
    change: str  # moved, missed, logged, dropped, added
    label: str  # 'moved', 'missed, kept', ...
    text: str  # change_line: the id, the move and its reason


@dataclass(frozen=True)
class LegendItem:
    kind: str
    mark: str
    text: str


@dataclass(frozen=True)
class ReplanView:
    title: str
    heading: str
    status: str
    meaning: str
    today: str
    dates: str
    summary: str
    no_plan: NoPlan | None
    changes: list[ChangeItem]
    weeks: list[ReplanWeek]
    legend: list[LegendItem]
    notes: list[str]
    timings: str
    wide: bool = False

    @property
    def several_weeks(self) -> bool:
        return len(self.weeks) > 1


def _where_texts(result: ReplanResult) -> dict[str, Cell]:
    """Each day and slot as a change names it ('tue 03-02 am'; 'tue 9 am' beyond a
    week): how a change's before and after find their place in the grid."""
    out = {}
    dated = result.dates is not None and len(result.days) <= 7
    for day, label in enumerate(result.days):
        if dated and result.dates is not None:
            label = f"{label} {short_date(result.dates[day])}"
        for slot in result.slots:
            out[f"{label} {slot}"] = (day, slot)
    return out


def today_index(result: ReplanResult) -> int | None:
    for day, label in enumerate(result.days):
        dated = f"{label} {short_date(result.dates[day])}" if result.dates else label
        if result.today in (label, dated):
            return day
    return None


def _change_kind(c: PlanChange) -> str:
    if c.change == "moved":
        if c.missed:
            return "missed"
        return "logged" if c.reason == "moved in the log" else "moved"
    return c.change


def _session_item(entry: LivedEntry, change: PlanChange | None) -> Item:
    if entry.state in PAST_MARKS:
        return Item("session", block(entry), [Mark("past", PAST_MARKS[entry.state])])
    if change is None or change.change == "kept":
        return Item("session", block(entry), [])
    kind = _change_kind(change)
    text = {"moved": f"moved from {change.before}",
            "missed": f"missed {change.before}, kept here",
            "logged": f"moved in the log from {change.before}",
            "added": "added"}.get(kind, kind)
    return Item("session", block(entry), [Mark(kind, text)], kind, change.reason)


def _items(result: ReplanResult) -> dict[Cell, list[Item]]:
    """What each slot holds: its sessions, then what was dropped from it, then the traces
    of the sessions that left it."""
    by_id = {c.id: c for c in result.changes}
    places = _where_texts(result)
    cells: dict[Cell, list[Item]] = {}
    for entry in result.plan:
        change = by_id.get(entry.id or "") if entry.state == "planned" else None
        cells.setdefault((entry.day, entry.slot), []).append(_session_item(entry, change))
    for entry in result.cancelled:
        change = by_id.get(entry.id or "")
        reason = change.reason if change else ""
        text = "missed, dropped" if change and change.missed else "dropped"
        cells.setdefault((entry.day, entry.slot), []).append(
            Item("dropped", block(entry), [Mark("dropped", text)], "dropped", reason))
    entries = {e.id: e for e in result.plan if e.id}
    for c in result.changes:
        if c.change != "moved" or c.before not in places or c.id not in entries:
            continue
        kind = _change_kind(c)
        text = f"missed here, kept on {c.after}" if kind == "missed" else f"→ {c.after}"
        cells.setdefault(places[c.before], []).append(
            Item("left", block(entries[c.id]), [Mark("left", text)], "left", c.reason))
    return cells


def _headers(result: ReplanResult, titled: bool) -> list[DayHeader]:
    if not result.dates:
        return [DayHeader(label) for label in result.days]
    if not titled:
        return [DayHeader(f"{label} {short_date(date)}")
                for label, date in zip(result.days, result.dates, strict=True)]
    return [DayHeader(label, short_date(date))
            for label, date in zip(result.days, result.dates, strict=True)]


def _when(day: int, today: int | None) -> str:
    if today is None:
        return "future"
    return "past" if day < today else "today" if day == today else "future"


def _week(result: ReplanResult, span: WeekSpan, cells: dict[Cell, list[Item]],
          today: int | None, titled: bool) -> ReplanWeek:
    headers = _headers(result, titled)
    columns = [Column(headers[day], _when(day, today)) for day in span.days]
    rows = [ReplanRow(slot, start, [ReplanCell(cells.get((day, slot), []), _when(day, today))
                                    for day in span.days])
            for slot, start in result.slots.items()]
    days = [ReplanDay(headers[day], _when(day, today),
                      [SlotItems(slot, start, cells[(day, slot)])
                       for slot, start in result.slots.items() if cells.get((day, slot))])
            for day in span.days]
    return ReplanWeek(name=span.name if titled else "",
                      span=span.span(result.dates) if titled else "",
                      columns=columns, rows=rows, days=days)


CHANGE_LABELS = {"moved": "moved", "missed": "missed, kept", "logged": "moved in the log",
                 "dropped": "dropped", "added": "added"}


def _change_item(c: PlanChange) -> ChangeItem:
    kind = _change_kind(c)
    label = "missed, dropped" if kind == "dropped" and c.missed else CHANGE_LABELS[kind]
    return ChangeItem(kind, label, change_line(c))


def _no_plan(result: ReplanResult) -> NoPlan:
    """The clash and the relaxations; the notes are the page's own section, since a
    replan's say what the log left out, not what was not proven."""
    return NoPlan(timed_out=result.status == "unknown",
                  conflicts=[RuleLine(c.rule, c.message) for c in result.conflicts],
                  relaxations=[r.message for r in result.relaxations],
                  header=conflict_header(result))


def replan_view(result: ReplanResult) -> ReplanView:
    today = today_index(result)
    spans = split_weeks(len(result.days))
    titled = len(spans) > 1
    weeks: list[ReplanWeek] = []
    if result.has_plan:
        cells = _items(result)
        weeks = [_week(result, span, cells, today, titled) for span in spans]
    timings = ", ".join(f"{k} {v:.4f}" for k, v in (result.timings or {}).items())
    return ReplanView(
        title=f"{result.scenario}: re-planned from {result.today}, {result.status}",
        heading=result.scenario,
        status=result.status.value,
        meaning=STATUS_MEANING[result.status.value],
        today=result.today,
        dates=f"{result.dates[0]} to {result.dates[-1]}" if result.dates else "",
        summary=summary_line(result),
        no_plan=None if result.has_plan else _no_plan(result),
        changes=[_change_item(c) for c in result.changes if c.change != "kept"],
        weeks=weeks,
        legend=[LegendItem(*item) for item in LEGEND],
        notes=list(result.notes),
        timings=timings,
    )


def replan_report(result: ReplanResult) -> str:
    """A self-contained HTML page for a replanned week, or for why it cannot be."""
    return render("replan.html.j2", page=replan_view(result))
