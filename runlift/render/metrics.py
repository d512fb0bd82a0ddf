"""The metrics of a week, written down once: every renderer (the terminal table, Markdown,
HTML, the comparison, a batch's summary) reads their labels, values, formats and
directions from :data:`METRICS`."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from runlift.models.result import Metrics
from runlift.models.timeline import WEEK_DAYS

NONE_TEXT = "none"
NO_DAYS = "0: none"


class Better(StrEnum):
    """Which way a metric improves; a comparison marks the best value by it."""

    # The members shadow str.lower and str.upper's kin on purpose: the words are the API.
    lower = "lower"  # type: ignore[assignment]
    higher = "higher"
    neither = "neither"  # a value to read, not to rank: no best is marked


@dataclass(frozen=True)
class Metric:
    key: str  # the field of Metrics it reads, and its column in a batch's summary.csv
    label: str  # as printed: 'weekly load'
    better: Better
    unit: str = ""  # written after the value ('36 h') and in a comparison's row name
    days: bool = False  # the field lists days: the metric is their count
    # What None stands for when ranking: no heavy-legs session before a key run leaves
    # an unbounded gap, the best there is. (None of the other metrics is ever None.)
    none_value: float | None = None
    warning: float | None = None  # the usual warning level, above which a report warns
    detail: bool = False  # only in the HTML report, beside the chart that draws it
    # Listed only where it applies (a value, not None): the acute and chronic loads,
    # which need history. A comparison and a batch's summary leave these out.
    optional: bool = False

    def label_for(self, days: int) -> str:
        """Its label for a horizon of ``days``: beyond a week, the weekly load is the
        horizon's total (each week's own load is listed as well)."""
        if self.key == "weekly_load" and days > WEEK_DAYS:
            return f"total load ({days} days)"
        return self.label

    def applies(self, metrics: Metrics) -> bool:
        return not self.optional or getattr(metrics, self.key) is not None

    def value(self, metrics: Metrics) -> int | float | None:
        """The number a comparison ranks and a summary records."""
        field = getattr(metrics, self.key)
        return len(field) if self.days else field

    def day_names(self, metrics: Metrics, names: Sequence[str]) -> list[str]:
        """The days this metric counts, by name ('tue'); [] for a metric of no days."""
        return [names[d] for d in getattr(metrics, self.key)] if self.days else []

    @property
    def row_name(self) -> str:
        """Its name as a comparison row, with the unit its cells leave out."""
        return f"{self.label} ({self.unit})" if self.unit else self.label

    def text(self, metrics: Metrics, names: Sequence[str], *, no_days: str = NO_DAYS) -> str:
        """The value as a report writes it: '2957.2', '36 h', '2: tue, thu' (``no_days``
        when a metric of days counts none)."""
        if self.days:
            listed = self.day_names(metrics, names)
            return f"{len(listed)}: {', '.join(listed)}" if listed else no_days
        value = self.value(metrics)
        if value is None:
            return NONE_TEXT
        return number_text(value) + (f" {self.unit}" if self.unit else "")

    def rank_key(self, value: float | None) -> float | None:
        """Smaller is better; None when the value takes no part in the ranking (no
        direction, or a missing value that stands for nothing)."""
        if self.better is Better.neither:
            return None
        if value is None:
            if self.none_value is None:
                return None
            value = self.none_value
        return -float(value) if self.better is Better.higher else float(value)


def number_text(value: Any) -> str:
    """A number as every report writes it: 2400, 1.19, 2957.2 (floats without trailing
    zeros)."""
    return f"{value:g}" if isinstance(value, float) else str(value)


# Usual warning levels (Foster 1998): a monotony above 2.0, a weekly strain above 6000
# arbitrary units (session-RPE load x monotony) go with overreaching and illness.
METRICS = (
    # More load is not a worse week, nor a better one: it is what was asked for. So are
    # the hard days. A comparison marks no best in their rows.
    Metric("weekly_load", "weekly load", Better.neither),
    # The weekly load spread over the days: the line across the HTML report's load chart.
    Metric("mean_daily_load", "mean daily load", Better.neither, detail=True),
    Metric("peak_daily_load", "peak daily load", Better.lower),
    Metric("monotony", "monotony", Better.lower, warning=2.0),
    Metric("strain", "strain", Better.lower, warning=6000.0),
    Metric("hard_days", "hard days", Better.neither, days=True),
    Metric("rest_days", "rest days", Better.higher, days=True),
    Metric("min_lift_to_key_hours", "min lift-to-key gap", Better.higher, unit="h",
           none_value=math.inf),
    # With history: the last 7 days' load and the mean weekly load of the last 28 days.
    Metric("acute_load", "acute load (last 7 days)", Better.neither, optional=True),
    Metric("chronic_load", "chronic load (weekly mean, last 28 days)", Better.neither,
           optional=True),
)
METRIC = {metric.key: metric for metric in METRICS}
# What the terminal, Markdown and comparison tables list; the HTML report lists them all.
LISTED = tuple(metric for metric in METRICS if not metric.detail and not metric.optional)
# Where they apply, the terminal, Markdown and HTML reports list these too.
OPTIONAL = tuple(metric for metric in METRICS if metric.optional)
