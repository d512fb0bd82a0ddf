"""The performance management chart against a worked example with published numbers.

A time constant is the time an exponentially weighted average takes to cover about
63.2 % (1 - 1/e) of a step change in the load: Allen and Coggan, *Training and Racing
with a Power Meter* (2nd ed., 2010), ch. 7, on CTL (42 days) and ATL (7 days); the same
recurrences as GoldenCheetah's PMC (its long- and short-term stress)."""

from __future__ import annotations

import math

import pytest

from runlift.models.fitness import ATL_DAYS, CTL_DAYS, decay, pmc, weights_on


def test_a_constant_load_reaches_63_percent_after_one_time_constant() -> None:
    chart = pmc([100] * 42)
    assert chart[-1].ctl == pytest.approx(63.2, abs=0.05)
    assert pmc([100] * 7)[-1].atl == pytest.approx(63.2, abs=0.05)
    assert chart[-1].ctl == pytest.approx(100 * (1 - math.exp(-1)), rel=1e-12)


def test_form_is_yesterdays_fitness_minus_yesterdays_fatigue() -> None:
    chart = pmc([100, 0, 50], ctl0=10.0, atl0=20.0)
    assert chart[0].tsb == pytest.approx(-10.0)
    assert chart[1].tsb == pytest.approx(chart[0].ctl - chart[0].atl)
    assert chart[0].ctl == pytest.approx(10 + (100 - 10) * (1 - math.exp(-1 / CTL_DAYS)))
    assert chart[0].atl == pytest.approx(20 + (100 - 20) * (1 - math.exp(-1 / ATL_DAYS)))


def test_a_rest_day_keeps_e_to_the_minus_one_over_t() -> None:
    chart = pmc([0], ctl0=50.0, atl0=50.0)
    assert chart[0].ctl == pytest.approx(50 * decay(CTL_DAYS))
    assert chart[0].atl == pytest.approx(50 * decay(ATL_DAYS))


def test_the_weights_give_the_same_fitness_as_the_recurrence() -> None:
    loads = [0, 300, 0, 450, 120, 0, 700, 250, 0, 0]
    weights = weights_on(len(loads), len(loads), CTL_DAYS)
    assert sum(w * x for w, x in zip(weights, loads, strict=True)) == pytest.approx(
        pmc(loads)[-1].ctl)
