"""Fitness, fatigue and form from daily loads: the performance management chart.

As GoldenCheetah computes them (its PMC: long- and short-term stress):

    CTL_d = CTL_{d-1} + (load_d - CTL_{d-1}) * (1 - e^(-1/42))     fitness
    ATL_d = ATL_{d-1} + (load_d - ATL_{d-1}) * (1 - e^(-1/7))      fatigue
    TSB_d = CTL_{d-1} - ATL_{d-1}                                  form, on the morning of d

Loads are session-RPE (rpe x minutes), so the figures are in session-RPE units, not TSS.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

CTL_DAYS = 42
ATL_DAYS = 7


def decay(days: int) -> float:
    """The share of yesterday's value a day keeps: e^(-1/days)."""
    return math.exp(-1.0 / days)


@dataclass(frozen=True)
class DayLoad:
    day: int
    load: int
    ctl: float  # at the end of the day
    atl: float
    tsb: float  # on the morning of the day


def pmc(loads: Sequence[int], *, ctl0: float = 0.0, atl0: float = 0.0,
        first_day: int = 0) -> list[DayLoad]:
    """The chart over consecutive days of ``loads``, from the values the day before."""
    keep_ctl, keep_atl = decay(CTL_DAYS), decay(ATL_DAYS)
    ctl, atl, out = ctl0, atl0, []
    for i, load in enumerate(loads):
        tsb = ctl - atl
        ctl = ctl * keep_ctl + load * (1 - keep_ctl)
        atl = atl * keep_atl + load * (1 - keep_atl)
        out.append(DayLoad(first_day + i, load, ctl, atl, tsb))
    return out


def weights_on(day: int, days: int, time_constant: int) -> list[float]:
    """How much one load point on each of ``days`` days adds to the value on the morning
    of ``day`` (after day - 1): (1 - e^(-1/T)) * e^(-(day - 1 - d)/T), 0 from ``day`` on.
    The stress is linear in the loads, so a plan's fitness is a weighted sum of them."""
    keep = decay(time_constant)
    return [(1 - keep) * keep ** (day - 1 - d) if d < day else 0.0 for d in range(days)]
