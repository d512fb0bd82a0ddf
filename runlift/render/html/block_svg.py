"""The geometry of a block report's two charts: the weekly load as bars coloured by phase,
and fitness, fatigue and form (CTL, ATL, TSB) day by day as lines. The markup is in
templates/charts.html.j2; here are only numbers and labels.

One viewBox unit is one CSS px at a chart's natural width, and every label is 12 units
tall. Each chart is drawn twice: for a screen, as wide as its weeks or days need (it
never shrinks below ``SMALLEST_SCALE`` of that, its ``min_width``, and scrolls sideways
instead), and for a phone, PHONE_WIDTH wide, with fewer labels (the CSS shows one).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from runlift.render.html.svg import Tick, round_up

# Paul Tol's "bright" scheme (distinct for colour-blind readers), in the order the
# phases first appear; a block with more phases than colours starts again.
PHASE_COLOURS = ("#4477aa", "#228833", "#ee6677", "#66ccee", "#ccbb44", "#aa3377", "#bbbbbb")
RACE_STROKE = "#1d2330"

LEFT, RIGHT, TOP = 52, 16, 28
HEIGHT = 260  # the fitness chart's
DAYS_BOTTOM = 44  # room under the lines for the week number and its date
BARS_HEIGHT = 170  # the weekly load's plot; under it the week numbers, then the marks
NUMBER_ROOM, MARK_ROOM = 22, 13
BAR_MAX = 36  # a block of few weeks has wide slots, not wide bars
TICK_LABEL = 32  # how wide a week's label on the fitness chart is, at most
MARKER_ROOM = 70  # race labels closer than this could overlap ("race day" is ~55 wide)
PLOT_MIN, PLOT_MAX = 560, 960  # the plot's width, whatever the number of weeks
WEEK_SLOT, DAY_SLOT = 44, 6  # the width a week's bar, or a day, gets when there is room
LABEL_ROOM = 40  # the least distance between two labels on the x axis
TEXT_ROOM = 44  # a slot narrower than this has no room for its load or marks
HATCH_GAP = 7
SMALLEST_SCALE = 10 / 12  # labels stay 10 px or larger
PHONE_WIDTH = 340  # a 375 px phone's report, less its margins

Position = Callable[[float], float]  # a value, or a day, to its place in the viewBox


def frame(count: int, slot: int, phone: bool) -> tuple[int, int]:
    """The plot's width for ``count`` weeks or days, and the chart's least width on screen."""
    if phone:
        return PHONE_WIDTH - LEFT - RIGHT, 0
    plot = min(max(count * slot, PLOT_MIN), PLOT_MAX)
    return plot, math.ceil((LEFT + plot + RIGHT) * SMALLEST_SCALE)


def label_stride(slot: float) -> int:
    """Label every n-th week so that labels keep LABEL_ROOM apart."""
    return max(1, math.ceil(LABEL_ROOM / slot))


def phase_colours(phases: Iterable[str]) -> dict[str, str]:
    """A colour per phase name, in the order the names first appear."""
    names = dict.fromkeys(phases)
    return {name: PHASE_COLOURS[i % len(PHASE_COLOURS)] for i, name in enumerate(names)}


@dataclass(frozen=True)
class Segment:
    x1: float
    y1: float
    x2: float
    y2: float


def hatch(x: float, y: float, width: float, height: float, *, rising: bool) -> list[Segment]:
    """Diagonal lines across a rectangle, HATCH_GAP apart: rising ('/') or falling ('\\')."""
    out = []
    for c in range(HATCH_GAP // 2, math.ceil(width + height), HATCH_GAP):
        # In the rectangle's own axes (u to the right, v up from its bottom edge) the
        # line is u - v = c - height when rising, u + v = c when falling.
        u1, u2 = max(0.0, c - height), min(width, c)
        v1, v2 = (u1 - c + height, u2 - c + height) if rising else (c - u1, c - u2)
        if u2 - u1 > 0.5:
            bottom = y + height
            out.append(Segment(round(x + u1, 1), round(bottom - v1, 1),
                               round(x + u2, 1), round(bottom - v2, 1)))
    return out


@dataclass(frozen=True)
class Axis:
    """A value axis from ``low`` to ``high`` in steps of ``step``, drawn from y ``bottom``
    up to y ``top``."""

    low: int
    high: int
    step: int
    top: int
    bottom: int

    def y(self, value: float) -> float:
        share = (value - self.low) / ((self.high - self.low) or 1)
        return round(self.bottom - (self.bottom - self.top) * share, 1)

    def ticks(self) -> list[Tick]:
        return [Tick(v, self.y(v)) for v in range(self.low, self.high + 1, self.step)]


def value_axis(values: Iterable[float], top: int, bottom: int) -> Axis:
    """Tidy steps (1, 2 or 5 times a power of ten) from below the lowest value, and 0, to
    above the highest."""
    values = [0.0, *values]
    low, high = min(values), max(1.0, *values)
    step = round_up((high - low) / 5)
    return Axis(low=math.floor(low / step) * step, high=math.ceil(high / step) * step,
                step=step, top=top, bottom=bottom)


# --- the weekly load -------------------------------------------------------------------------
@dataclass(frozen=True)
class WeekLoad:
    """What the chart shows of one week; ``tip`` is its tooltip, in words."""

    number: int
    phase: str
    start: str  # the date of its first day
    load: int
    deload: bool
    taper: bool
    race: bool
    tip: str

    @property
    def marks(self) -> list[str]:
        return [m for m, on in (("deload", self.deload), ("taper", self.taper),
                                ("race", self.race)) if on]


@dataclass(frozen=True)
class Label:
    text: str
    y: float


@dataclass(frozen=True)
class WeekBar:
    x: float
    y: float
    width: float
    height: float
    fill: str
    tip: str
    number: str  # '' when there is no room to label every week
    load: str  # '' when there is no room for it
    marks: list[Label]
    hatch: list[Segment]
    race: bool

    @property
    def middle(self) -> float:
        return round(self.x + self.width / 2, 1)


@dataclass(frozen=True)
class WeekChart:
    ident: str
    title: str
    description: str
    width: int
    height: int
    left: int
    right: int  # the x where the plot ends
    plot_bottom: int
    min_width: int
    ticks: list[Tick]
    bars: list[WeekBar]
    race_stroke: str = RACE_STROKE


def week_chart(weeks: list[WeekLoad], colours: dict[str, str], *, phone: bool = False,
               ident: str = "week-load", title: str = "Weekly load",
               description: str = "") -> WeekChart:
    """A bar per week, coloured by phase; deload weeks hatched '/', taper weeks '\\', the
    race week outlined, and each marked in words under its number when there is room."""
    plot, least = frame(len(weeks), WEEK_SLOT, phone)
    slot = plot / max(len(weeks), 1)
    width = LEFT + plot + RIGHT
    bottom = TOP + BARS_HEIGHT
    axis = value_axis([w.load for w in weeks], TOP, bottom)
    stride, roomy = label_stride(slot), slot >= TEXT_ROOM
    marks = max((len(w.marks) for w in weeks), default=0) if roomy else 0
    bars = [_week_bar(w, LEFT + i * slot, slot, axis.y, colours[w.phase], bottom,
                      numbered=i % stride == 0, roomy=roomy)
            for i, w in enumerate(weeks)]
    return WeekChart(ident=ident, title=title, description=description, width=width,
                     height=bottom + NUMBER_ROOM + MARK_ROOM * marks, left=LEFT,
                     right=LEFT + plot, plot_bottom=bottom,
                     min_width=least, bars=bars, ticks=axis.ticks())


def _week_bar(week: WeekLoad, left: float, slot: float, y: Position, fill: str, bottom: int, *,
              numbered: bool, roomy: bool) -> WeekBar:
    width = round(min(slot * 0.7, BAR_MAX), 1)
    x = round(left + (slot - width) / 2, 1)
    top = y(week.load)
    height = round(bottom - top, 1)
    lines = [*(hatch(x, top, width, height, rising=True) if week.deload else []),
             *(hatch(x, top, width, height, rising=False) if week.taper else [])]
    first_mark = bottom + NUMBER_ROOM + 8  # the baseline of the line under the number
    marks = [Label(m, first_mark + MARK_ROOM * i) for i, m in enumerate(week.marks)]
    return WeekBar(x=x, y=top, width=width, height=height, fill=fill, tip=week.tip,
                   number=str(week.number) if numbered else "",
                   load=str(week.load) if roomy else "", marks=marks if roomy else [],
                   hatch=lines, race=week.race)


# --- fitness, fatigue and form ------------------------------------------------------------------
LINE_STYLES = {  # colour, stroke width, dash pattern ('' solid)
    "ctl": ("#1f4fb4", 2.5, ""),
    "atl": ("#c62828", 1.5, ""),
    "tsb": ("#1b6e2b", 2.0, "6 3"),
}


@dataclass(frozen=True)
class Series:
    key: str  # 'ctl', 'atl' or 'tsb': its style
    label: str  # 'CTL = fitness (42-day)'
    values: list[float]


@dataclass(frozen=True)
class Line:
    key: str
    label: str
    points: str  # the polyline's 'x,y x,y …'
    colour: str
    width: float
    dash: str
    tip: str


@dataclass(frozen=True)
class Band:
    """The background of one phase's run of weeks."""

    x: float
    width: float
    fill: str
    phase: str


@dataclass(frozen=True)
class DayTick:
    """A week's start on the x axis: a faint line, and its number and date when labelled."""

    x: float
    week: str
    date: str


@dataclass(frozen=True)
class Marker:
    """A vertical line on one day, labelled at the top."""

    x: float
    label: str
    label_x: float
    anchor: str  # 'start' or 'end': the label stays inside the plot


@dataclass(frozen=True)
class FitnessChart:
    ident: str
    title: str
    description: str
    width: int
    height: int
    left: int
    right: int
    plot_top: int
    plot_bottom: int
    min_width: int
    ticks: list[Tick]
    zero_y: float
    bands: list[Band]
    weeks: list[DayTick]
    lines: list[Line]
    race: Marker | None
    b_races: list[Marker]  # the other races of the block: lighter, and labelled 'B race'


def fitness_chart(dates: list[str], series: list[Series], weeks: list[WeekLoad],
                  colours: dict[str, str], race: str | None, *, b_races: Iterable[str] = (),
                  phone: bool = False, ident: str = "fitness",
                  title: str = "Fitness, fatigue and form",
                  description: str = "") -> FitnessChart:
    """A line per series over ``dates``, on a background coloured by phase, with a line on
    each week's first day, one on race day and one on each B race's."""
    plot, least = frame(len(dates), DAY_SLOT, phone)
    width = LEFT + plot + RIGHT
    bottom = HEIGHT - DAYS_BOTTOM
    axis = value_axis((v for s in series for v in s.values), TOP, bottom)
    step = plot / max(len(dates) - 1, 1)

    def x(day: float) -> float:
        return round(LEFT + day * step, 1)

    index = {date: i for i, date in enumerate(dates)}
    middle = LEFT + plot / 2
    main = _marker(x(index[race]), "race day", middle) if race in index else None
    return FitnessChart(
        ident=ident, title=title, description=description, width=width, height=HEIGHT,
        left=LEFT, right=LEFT + plot, plot_top=TOP, plot_bottom=bottom,
        min_width=least, ticks=axis.ticks(), zero_y=axis.y(0),
        bands=_bands(weeks, colours, index, x, LEFT + plot),
        weeks=_day_ticks(weeks, index, x, 7 * step, width),
        lines=[_line(s, dates, x, axis) for s in series],
        race=main,
        b_races=[_b_race(x(index[d]), main, middle) for d in b_races if d in index])


def _line(series: Series, dates: list[str], x: Position, axis: Axis) -> Line:
    colour, width, dash = LINE_STYLES[series.key]
    points = " ".join(f"{x(i):g},{axis.y(v):g}" for i, v in enumerate(series.values))
    values = series.values or [0.0]
    peak = max(range(len(values)), key=lambda i: (values[i], -i))
    tip = (f"{series.label}: {values[0]:g} on {dates[0] if dates else ''}, "
           f"{values[-1]:g} on {dates[-1] if dates else ''}; highest {values[peak]:g} "
           f"on {dates[peak] if dates else ''}")
    return Line(series.key, series.label, points, colour, width, dash, tip)


def _bands(weeks: list[WeekLoad], colours: dict[str, str], index: dict[str, int],
           x: Position, end: float) -> list[Band]:
    """One band per run of consecutive weeks in the same phase."""
    starts = [(x(index[w.start]), w.phase) for w in weeks if w.start in index]
    out = []
    for i, (left, phase) in enumerate(starts):
        if i and starts[i - 1][1] == phase:
            continue
        following = [s for s, p in starts[i:] if p != phase]
        right = following[0] if following else end
        out.append(Band(left, round(right - left, 1), colours[phase], phase))
    return out


def _day_ticks(weeks: list[WeekLoad], index: dict[str, int], x: Position,
               week_width: float, width: int) -> list[DayTick]:
    """A line at each week's start; every few weeks its number and date, unless they would
    run past the chart's right edge."""
    stride = label_stride(week_width)
    out = []
    for i, w in enumerate(weeks):
        if w.start not in index:
            continue
        at = x(index[w.start])
        labelled = i % stride == 0 and at + TICK_LABEL <= width
        out.append(DayTick(at, f"wk {w.number}" if labelled else "",
                           w.start[5:] if labelled else ""))
    return out


def _marker(at: float, label: str, middle: float) -> Marker:
    """A line at ``at``, its label on the side towards the middle of the plot."""
    if at > middle:
        return Marker(at, label, round(at - 4, 1), "end")
    return Marker(at, label, round(at + 4, 1), "start")


def _b_race(at: float, main: Marker | None, middle: float) -> Marker:
    """A B race's marker, unlabelled when its label would run into race day's."""
    crowded = main is not None and abs(main.x - at) < MARKER_ROOM
    return _marker(at, "" if crowded else "B race", middle)
