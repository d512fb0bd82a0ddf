"""The geometry of the inline SVG charts: the daily-load bars with the mean, a sparkline,
a gauge. The markup is in templates/charts.html.j2; here are only numbers and labels."""

from __future__ import annotations

from dataclasses import dataclass

BAR = "#6a7fb5"
BAR_HARD = "#c62828"
WARN = "#a4161a"

# The load chart, in viewBox units: margins, the width given to each day, the height.
LEFT, TOP, BOTTOM, DAY_WIDTH = 44, 22, 40, 52
CHART_HEIGHT = 230
MIN_WIDTH = 360
SPARK_WIDTH, SPARK_HEIGHT = 96, 28
GAUGE_WIDTH, GAUGE_HEIGHT = 160, 22


def round_up(value: float) -> int:
    """A tidy axis maximum: 1, 2 or 5 times a power of ten, at least ``value``."""
    top = max(value, 1)
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= top:
                return step * factor
        step *= 10


def axis_max(daily: list[int]) -> int:
    """The top of the load axis: a little above the highest day."""
    return round_up(max(daily, default=0) * 1.1)


@dataclass(frozen=True)
class Tick:
    value: int
    y: float


@dataclass(frozen=True)
class Bar:
    x: int
    y: float
    width: int
    height: float
    label: str
    load: int
    hard: bool

    @property
    def fill(self) -> str:
        return BAR_HARD if self.hard else BAR

    @property
    def middle(self) -> float:
        return self.x + self.width / 2


@dataclass(frozen=True)
class LoadChart:
    """Bars of the daily load, hard days in red and labelled, the mean as a dashed line."""

    ident: str  # unique in the page: the chart's title and description are referenced by id
    title: str
    description: str
    width: int
    height: int
    left: int
    plot_bottom: int  # the y of the zero line, where the day labels hang from
    ticks: list[Tick]
    bars: list[Bar]
    mean: str
    mean_y: float


def load_bars(daily: list[int], labels: list[str], mean: float, hard_days: list[int], *,
              first_day: int = 0, scale_max: int | None = None, width_in_days: int = 0,
              ident: str = "load", title: str = "Daily load",
              description: str | None = None) -> LoadChart:
    """The chart of ``daily`` (days ``first_day`` onwards of the horizon). Weekly charts of
    a longer horizon share ``scale_max`` and are all ``width_in_days`` (7) days wide, so
    that their bars compare at a glance."""
    width = max(MIN_WIDTH, LEFT + DAY_WIDTH * max(len(daily), width_in_days) + 16)
    plot = CHART_HEIGHT - TOP - BOTTOM
    top = scale_max or axis_max(daily)

    def y(value: float) -> float:
        return round(TOP + plot - plot * value / top, 1)

    bar_width = DAY_WIDTH - 14
    bars = [Bar(x=LEFT + 8 + i * DAY_WIDTH, y=y(load), width=bar_width,
                height=round(y(0) - y(load), 1), label=label, load=load,
                hard=first_day + i in hard_days)
            for i, (load, label) in enumerate(zip(daily, labels, strict=True))]
    return LoadChart(
        ident=ident, title=title,
        description=description or f"Session-RPE load per day; weekly mean {mean:g} per day.",
        width=width, height=CHART_HEIGHT, left=LEFT, plot_bottom=CHART_HEIGHT - BOTTOM,
        ticks=[Tick(tick, y(tick)) for tick in (0, top // 2, top)], bars=bars,
        mean=f"{mean:g}", mean_y=y(mean),
    )


@dataclass(frozen=True)
class SparkBar:
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Sparkline:
    """A tiny bar chart of the daily load; ``title`` names it for screen readers."""

    title: str
    bars: list[SparkBar]
    fill: str = BAR
    width: int = SPARK_WIDTH
    height: int = SPARK_HEIGHT


def sparkline(daily: list[int], label: str) -> Sparkline:
    width, height = SPARK_WIDTH, SPARK_HEIGHT
    peak = max(daily, default=0) or 1
    step = width / max(len(daily), 1)
    bars = [SparkBar(x=round(i * step + 1, 1), y=round(height - height * load / peak, 1),
                     width=round(max(step - 2, 1), 1), height=round(height * load / peak, 1))
            for i, load in enumerate(daily)]
    loads = ", ".join(str(load) for load in daily)
    return Sparkline(title=f"{label}: daily load {loads}", bars=bars)


@dataclass(frozen=True)
class Gauge:
    """A bar from 0 with the value filled in and a marker at the warning level."""

    title: str
    filled: float
    mark: float
    fill: str
    width: int = GAUGE_WIDTH
    height: int = GAUGE_HEIGHT


def gauge(value: float, warning: float, label: str) -> Gauge:
    width = GAUGE_WIDTH
    scale = max(value, warning) * 1.25 or 1
    return Gauge(title=f"{label}: {value:g}, warning level {warning:g}",
                 filled=round(width * value / scale, 1), mark=round(width * warning / scale, 1),
                 fill=WARN if value > warning else BAR)
