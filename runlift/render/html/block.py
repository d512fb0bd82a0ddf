"""The report of a block of weeks toward a race: the weekly load by phase and the daily
fitness, fatigue and form as charts, the weeks and the guardrails as the text tables
have them, the race-day figures, and every week's grid; or, without a plan, the clash
and the changes that make the block work."""

from __future__ import annotations

from dataclasses import dataclass, replace

from runlift.models.block import BlockResult, BlockWeek
from runlift.models.fitness import ATL_DAYS, CTL_DAYS
from runlift.render.block import (
    BLOCK_NOTES_HEADER,
    NUMERIC,
    STATUS_MEANING,
    WEEK_COLUMNS,
    WeekRow,
    guardrail_rows,
    race_lines,
    week_rows,
)
from runlift.render.html.block_svg import (
    LINE_STYLES,
    FitnessChart,
    Series,
    WeekChart,
    WeekLoad,
    fitness_chart,
    phase_colours,
    week_chart,
)
from runlift.render.html.page import render
from runlift.render.html.parts import NoPlan, WeekGrid, no_plan, week_grids

LINE_LABELS = {
    "ctl": f"CTL = fitness ({CTL_DAYS}-day)",
    "atl": f"ATL = fatigue ({ATL_DAYS}-day)",
    "tsb": "TSB = form (CTL − ATL, on the morning of each day)",
}
WRAPPED = "key sessions"
MARK_WORDS = {
    "deload": "deload week (hatched /)",
    "taper": "taper week (hatched \\)",
    "race": "race week (outlined)",
}


@dataclass(frozen=True)
class Column:
    name: str
    numeric: bool
    wrap: bool = False  # its cells may wrap (the others keep to one line)


@dataclass(frozen=True)
class WeekLine:
    """A row of the weeks table; its first cell links to the week's grid."""

    anchor: str
    cells: list[str]


@dataclass(frozen=True)
class GuardrailLine:
    name: str
    verdict: str
    tightest: str
    ok: bool  # it holds in every week


@dataclass(frozen=True)
class Key:
    """A legend entry: a phase's colour, or a mark's swatch (``kind``)."""

    label: str
    colour: str = ""
    kind: str = ""


@dataclass(frozen=True)
class LineKey:
    label: str
    colour: str
    width: float
    style: str  # the CSS border style that looks like the line: 'solid' or 'dashed'


@dataclass(frozen=True)
class WeekSection:
    """One week's grid under its heading: 'Week 8 (build, deload)' and '2027-02-22 to
    2027-02-28, load 2400'."""

    anchor: str
    label: str
    detail: str
    together: str  # when it was planned together with the weeks before it
    grids: list[WeekGrid]


@dataclass(frozen=True)
class LoadCharts:
    """The weekly load, drawn for a screen and for a phone, and its legend: the phases'
    colours, then the marks of the weeks."""

    screen: WeekChart
    phone: WeekChart
    keys: list[Key]


@dataclass(frozen=True)
class FitnessCharts:
    """CTL, ATL and TSB, drawn for a screen and for a phone, and what each line is."""

    screen: FitnessChart
    phone: FitnessChart
    keys: list[LineKey]
    race: bool  # race day is marked
    b_races: bool  # and the block's other races


@dataclass(frozen=True)
class BlockView:
    title: str  # the document's title
    heading: str
    status: str
    meaning: str
    span: str
    no_plan: NoPlan | None
    load: LoadCharts | None
    fitness: FitnessCharts | None
    race_title: str
    race: list[str]
    weeks_title: str
    columns: list[Column]
    weeks: list[WeekLine]
    guardrails: list[GuardrailLine]
    sections: list[WeekSection]
    wide: bool = False


def anchor(week: int) -> str:
    return f"week-{week}"


def span(result: BlockResult) -> str:
    """'16 weeks, 2027-01-04 to 2027-04-25, race on 2027-04-25' ('… from 2027-01-04 …'
    without a plan, whose last date is not known)."""
    race = f"race on {result.race}" if result.race else "no race"
    weeks = f"{result.length} week{'s' if result.length != 1 else ''}"
    dates = [d for w in result.weeks for d in w.result.dates or []]
    if not result.has_plan or not dates:
        return f"{weeks} from {result.start}, {race}"
    return f"{weeks}, {result.start} to {dates[-1]}, {race}"


def block_no_plan(result: BlockResult) -> NoPlan | None:
    """The clash, as a week's report shows it, under the block's own notes header."""
    if result.has_plan:
        return None
    return replace(no_plan(result), notes_header=BLOCK_NOTES_HEADER)


def phase_words(row: WeekRow) -> str:
    """'build, deload': the phase and the week's marks, as the weeks table says them."""
    return ", ".join(m for m in (row.phase, row.marks) if m)


def change_words(week: BlockWeek) -> str:
    """', +3% on week 7': the load against the week the guardrails compare it with."""
    if week.reference is None or not week.reference_load:
        return ""
    where = "the weeks before the block" if week.reference == 0 else f"week {week.reference}"
    change = 100 * (week.load - week.reference_load) / week.reference_load
    return f", {change:+.0f}% on {where}"


def week_loads(result: BlockResult, rows: list[WeekRow]) -> list[WeekLoad]:
    return [WeekLoad(number=w.week, phase=w.phase, start=w.start, load=w.load,
                     deload=w.deload, taper=w.taper, race="race" in row.marks.split(", "),
                     tip=f"week {w.week} ({phase_words(row)}): load {w.load}{change_words(w)}")
            for w, row in zip(result.weeks, rows, strict=True)]


def mark_keys(loads: list[WeekLoad]) -> list[Key]:
    present = {m for w in loads for m in w.marks}
    return [Key(words, kind=mark) for mark, words in MARK_WORDS.items() if mark in present]


def load_charts(loads: list[WeekLoad], colours: dict[str, str]) -> LoadCharts:
    description = (f"Training load of each of the {len(loads)} weeks, coloured by phase; "
                   "deload weeks hatched /, taper weeks hatched \\, the race week outlined.")
    return LoadCharts(
        screen=week_chart(loads, colours, description=description),
        phone=week_chart(loads, colours, phone=True, ident="week-load-phone",
                         description=description),
        keys=[Key(name, colour) for name, colour in colours.items()] + mark_keys(loads))


def fitness_charts(result: BlockResult, loads: list[WeekLoad], colours: dict[str, str]
                   ) -> FitnessCharts | None:
    days = result.daily
    if not days:
        return None
    dates = [p.date for p in days]
    series = [Series(key, LINE_LABELS[key], [getattr(p, key) for p in days])
              for key in LINE_LABELS]
    race = f"; race on {result.race}" if result.race else ""
    description = (f"Fitness (CTL), fatigue (ATL) and form (TSB) day by day from "
                   f"{dates[0]} to {dates[-1]}{race}, in session-RPE load units.")
    others = b_race_dates(result)
    screen, phone = (fitness_chart(dates, series, loads, colours, result.race, b_races=others,
                                   phone=phone, ident="fitness-phone" if phone else "fitness",
                                   description=description) for phone in (False, True))
    return FitnessCharts(screen, phone, line_keys(), screen.race is not None,
                         bool(screen.b_races))


def b_race_dates(result: BlockResult) -> list[str]:
    """The days of the races planned in the weeks, but for the block's own."""
    return [w.result.dates[e.day] for w in result.weeks if w.result.dates
            for e in w.result.plan if e.kind == "race" and w.result.dates[e.day] != result.race]


def line_keys() -> list[LineKey]:
    return [LineKey(label, LINE_STYLES[key][0], LINE_STYLES[key][1],
                    "dashed" if LINE_STYLES[key][2] else "solid")
            for key, label in LINE_LABELS.items()]


def week_columns() -> list[Column]:
    """The text table's columns, each on one line."""
    return [Column(c.replace("\n", " "), c in NUMERIC, c == WRAPPED) for c in WEEK_COLUMNS]


def guardrail_lines(result: BlockResult) -> list[GuardrailLine]:
    broken = {r.name for r in result.guardrails if not r.ok}
    return [GuardrailLine(g.name, g.verdict, g.tightest, g.name not in broken)
            for g in guardrail_rows(result.guardrails)]


def week_section(week: BlockWeek, row: WeekRow) -> WeekSection:
    dates = week.result.dates
    when = f"{dates[0]} to {dates[-1]}" if dates else week.start
    together = ""
    if week.planned_with:
        first, last = week.planned_with[0], week.planned_with[-1]
        joined = "and" if last == first + 1 else "to"
        together = (f"Weeks {first} {joined} {last} were planned together: they did not fit "
                    "one after the other.")
    return WeekSection(anchor=anchor(week.week), label=f"Week {week.week} ({phase_words(row)})",
                       detail=f"{when}, load {week.load}", together=together,
                       grids=week_grids(week.result) if week.result.has_plan else [])


def block_view(result: BlockResult) -> BlockView:
    rows = week_rows(result)
    loads = week_loads(result, rows)
    colours = phase_colours(w.phase for w in loads)
    return BlockView(
        title=f"{result.block}: {result.status}",
        heading=result.block,
        status=result.status.value,
        meaning=STATUS_MEANING[result.status.value],
        span=span(result),
        no_plan=block_no_plan(result),
        load=load_charts(loads, colours) if loads else None,
        fitness=fitness_charts(result, loads, colours),
        race_title="Race day" if result.race else "After the last day",
        race=race_lines(result) if result.has_plan else [],
        weeks_title="Weeks" if result.has_plan else "Weeks planned before the clash",
        columns=week_columns(),
        weeks=[WeekLine(anchor(row.week), row.cells()) for row in rows],
        guardrails=guardrail_lines(result) if result.has_plan else [],
        sections=[week_section(w, row) for w, row in zip(result.weeks, rows, strict=True)],
    )


def block_report(result: BlockResult) -> str:
    """A self-contained HTML page for a planned block, or for why there is none."""
    return render("block.html.j2", page=block_view(result))
