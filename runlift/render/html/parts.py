"""The pieces of one result's report, as plain data for templates/result.html.j2 and
week.html.j2: the week grids, the load charts, the metrics, the objective in a coach's
words, the missed preferences, the soft rules bent, the conflict, and why each session
sits where it does."""

from __future__ import annotations

from dataclasses import dataclass, field

from runlift.checker.reasons import entry_reasons
from runlift.models.block import BlockResult
from runlift.models.problem import Problem
from runlift.models.result import Metrics, PlanEntry, Result
from runlift.render.html.svg import Gauge, LoadChart, axis_max, gauge, load_bars
from runlift.render.metrics import METRICS, Metric
from runlift.render.week import (
    WEEK_LENGTH,
    WeekSpan,
    day_headers,
    history_lines,
    human_name,
    short_date,
    split_weeks,
)
from runlift.render.wording import conflict_header, missed_rows, objective_lines

Cell = tuple[int, str]  # (day, slot name)


def closed_cells(problem: Problem | None) -> frozenset[Cell]:
    if problem is None:
        return frozenset()
    return frozenset((day, problem.slots[slot].name) for day, slot in problem.closed_cells)


# --- the week ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Block:
    """One session: coloured by intensity, with the intensity and marks written out."""

    session: str
    name: str
    intensity: str
    key: bool
    heavy_legs: bool
    minutes: int
    load: int


def block(entry: PlanEntry) -> Block:
    return Block(session=entry.session, name=human_name(entry.session),
                 intensity=entry.intensity, key=entry.key, heavy_legs=entry.heavy_legs,
                 minutes=entry.minutes, load=entry.load)


@dataclass(frozen=True)
class GridCell:
    block: Block | None = None
    closed: bool = False  # an unavailable slot (only ever empty)


@dataclass(frozen=True)
class SlotRow:
    slot: str
    start: str
    cells: list[GridCell]


@dataclass(frozen=True)
class SlotSession:
    slot: str
    start: str
    block: Block


@dataclass(frozen=True)
class DayHeader:
    """'mon 03-01' in a one-week horizon. Longer ones label days 'mon 14' and put the date
    on a line of its own, so that it never breaks at its hyphen in a narrow column."""

    label: str
    date: str = ""


def _day_headers(result: Result, titled: bool) -> list[DayHeader]:
    if not titled or not result.dates:
        return [DayHeader(h) for h in day_headers(result.days, result.dates)]
    return [DayHeader(label, short_date(date))
            for label, date in zip(result.days, result.dates, strict=True)]


@dataclass(frozen=True)
class DayItem:
    """One day of the phone layout: its sessions, slot by slot."""

    header: DayHeader
    load: str
    sessions: list[SlotSession]


@dataclass(frozen=True)
class WeekGrid:
    """Up to seven days: slots as rows and days as columns, or a list of days on a phone.

    ``name`` and ``span`` head the week ('week 2', '2027-03-08 to 2027-03-14'); a horizon
    of one week has no heading, so they are empty."""

    name: str
    span: str
    headers: list[DayHeader]
    rows: list[SlotRow]
    loads: list[int] | None
    days: list[DayItem]


def week_grids(result: Result, closed: frozenset[Cell] = frozenset()) -> list[WeekGrid]:
    """The result's week, one grid per 7-day week of the horizon."""
    spans = split_weeks(len(result.days))
    return [_week_grid(result, span, closed, titled=len(spans) > 1) for span in spans]


def _week_grid(result: Result, span: WeekSpan, closed: frozenset[Cell], *,
               titled: bool) -> WeekGrid:
    placed = {(e.day, e.slot): e for e in result.plan}
    headers = _day_headers(result, titled)
    rows = []
    for slot, start in result.slots.items():
        cells = []
        for day in span.days:
            entry = placed.get((day, slot))
            cells.append(GridCell(block(entry) if entry else None, (day, slot) in closed))
        rows.append(SlotRow(slot, start, cells))
    loads = span.cut(result.metrics.daily_load) if result.metrics else None
    days = [_day_item(result, day, headers[day], placed) for day in span.days]
    return WeekGrid(name=span.name if titled else "",
                    span=span.span(result.dates) if titled else "",
                    headers=span.cut(headers), rows=rows, loads=loads, days=days)


def _day_item(result: Result, day: int, header: DayHeader,
              placed: dict[Cell, PlanEntry]) -> DayItem:
    sessions = [SlotSession(slot, start, block(entry))
                for slot, start in result.slots.items()
                if (entry := placed.get((day, slot))) is not None]
    load = f"load {result.metrics.daily_load[day]}" if result.metrics else ""
    return DayItem(header, load, sessions)


# --- the numbers ---------------------------------------------------------------------------
def load_charts(result: Result) -> list[LoadChart]:
    """The daily load: one chart for a week, or one per week of a longer horizon, all on
    the same scale and as wide as a full week's (a 28-day chart would be unreadably
    small)."""
    m = result.metrics
    if m is None:
        return []
    spans = split_weeks(len(result.days))
    if len(spans) == 1:
        return [load_bars(m.daily_load, result.days, m.mean_daily_load, m.hard_days)]
    top = axis_max(m.daily_load)
    return [
        load_bars(span.cut(m.daily_load), span.cut(result.days), m.mean_daily_load,
                  m.hard_days, first_day=span.days.start, scale_max=top,
                  width_in_days=WEEK_LENGTH, ident=f"load-{span.number}",
                  title=f"Daily load, {span.name}",
                  description=(f"Session-RPE load per day in {span.title(result.dates)}; "
                               f"mean {m.mean_daily_load:g} per day over the "
                               f"{len(result.days)} days."))
        for span in spans
    ]


@dataclass(frozen=True)
class Flag:
    """Whether a metric is above its usual warning level, and that level as written."""

    warn: bool
    level: str


def warning_level(warning: float) -> str:
    """A warning level as the reports write it: 2.0, 6000."""
    return f"{warning:.1f}" if warning < 10 else f"{warning:g}"


@dataclass(frozen=True)
class MetricRow:
    name: str
    value: str
    gauge: Gauge | None = None
    flag: Flag | None = None


def metric_row(metric: Metric, metrics: Metrics, days: list[str]) -> MetricRow:
    # A week without hard (or rest) days reads "0" here, "0: none" in the terminal.
    text = metric.text(metrics, days, no_days="0")
    value = metric.value(metrics)
    label = metric.label_for(len(days))
    if metric.warning is None or value is None:
        return MetricRow(label, text)
    return MetricRow(label, text, gauge(value, metric.warning, label),
                     Flag(value > metric.warning, warning_level(metric.warning)))


def metric_rows(metrics: Metrics, days: list[str]) -> list[MetricRow]:
    return [metric_row(metric, metrics, days) for metric in METRICS if metric.applies(metrics)]


@dataclass(frozen=True)
class TermLine:
    name: str  # a term or a soft rule
    words: str  # what it says of the week: 'heaviest day tue, 760'


def objective_view(result: Result) -> list[TermLine] | None:
    """The objective in a coach's words; the numbers stay in the JSON."""
    if result.objective is None:
        return None
    return [TermLine(name, words) for name, words in objective_lines(result)]


@dataclass(frozen=True)
class MissedLine:
    session: str
    wanted: str
    got: str
    because: str


def missed_view(result: Result) -> list[MissedLine]:
    return [MissedLine(*row) for row in missed_rows(result)]


# --- rules: the ones bent, the conflict, the reasons ------------------------------------------
@dataclass(frozen=True)
class RuleLine:
    rule: str
    message: str
    cost: int | None = None


@dataclass(frozen=True)
class NoPlan:
    """The conflict and the verified relaxations, in place of a week; or, when the time
    limit ran out first, only that."""

    timed_out: bool
    conflicts: list[RuleLine]
    relaxations: list[str]
    header: str = ""
    notes: list[str] = field(default_factory=list)
    notes_header: str = ""  # a block's own; a week's is the page's notes_header


def no_plan(result: Result | BlockResult) -> NoPlan:
    """Why a week, or a block, has no plan."""
    return NoPlan(timed_out=result.status == "unknown",
                  conflicts=[RuleLine(c.rule, c.message) for c in result.conflicts],
                  relaxations=[r.message for r in result.relaxations],
                  header=conflict_header(result), notes=list(result.notes))


@dataclass(frozen=True)
class SessionReasons:
    day: str
    slot: str
    name: str
    reasons: list[str]


def session_reasons(result: Result, problem: Problem) -> list[SessionReasons]:
    """Per session (named with its pin's name, a squad's group session), the rules that
    shaped its place and the soft rules it bends."""
    from runlift.rules.structural.fixed import pin_name

    reasons = entry_reasons(problem, result.plan, result.soft_violations,
                            result.missed_preferences)
    index = problem.slot_index
    names = [pin_name(problem, e.day, index[e.slot], e.session) for e in result.plan]
    return [SessionReasons(result.days[e.day], e.slot,
                           human_name(e.session) + (f" ({name})" if name else ""), why)
            for e, why, name in zip(result.plan, reasons, names, strict=True)]


# --- everything about one result ------------------------------------------------------------
@dataclass(frozen=True)
class ResultView:
    """The week and its numbers, or why there is none (``no_plan``)."""

    no_plan: NoPlan | None
    weeks: list[WeekGrid]
    charts: list[LoadChart]
    metrics: list[MetricRow]
    objective: list[TermLine] | None
    missed: list[MissedLine]
    soft: list[RuleLine]
    reasons: list[SessionReasons] | None  # None without the scenario's problem
    history: list[str] = field(default_factory=list)  # done before day 0, one line each

    @property
    def several_weeks(self) -> bool:
        return len(self.weeks) > 1


def result_view(result: Result, problem: Problem | None) -> ResultView:
    if not result.has_plan:
        return ResultView(no_plan(result), [], [], [], None, [], [], None)
    return ResultView(
        no_plan=None,
        weeks=week_grids(result, closed_cells(problem)),
        charts=load_charts(result),
        metrics=metric_rows(result.metrics, result.days) if result.metrics else [],
        objective=objective_view(result),
        missed=missed_view(result),
        soft=[RuleLine(v.rule, v.message, v.cost) for v in result.soft_violations],
        reasons=session_reasons(result, problem) if problem is not None else None,
        history=history_lines(result.history),
    )
