"""Training-load metrics: Foster's monotony and strain, hard and rest days, and the
shortest heavy-legs-to-key-run gap."""

from __future__ import annotations

import statistics

import pytest
from scenario_kit import make, placements

from runlift.models.metrics import (
    MONOTONY_CEILING,
    compute_metrics,
    min_lift_to_key_minutes,
    monotony,
)
from runlift.models.plan import PlacedPlan
from runlift.scenario.resolve import resolve


def metrics_of(sc, *cells):
    return compute_metrics(PlacedPlan(resolve(sc), placements(sc, *cells)))


def test_monotony_is_mean_over_standard_deviation_with_rest_days_at_zero():
    # [100, 0]: mean 50, population deviation 50.
    assert monotony([100, 0]) == 1.0
    daily = [350, 0, 135, 240, 0, 630, 0]
    expected = statistics.fmean(daily) / statistics.pstdev(daily)
    assert monotony(daily) == pytest.approx(expected, abs=1e-3)


def test_monotony_is_defined_when_the_deviation_is_zero():
    assert monotony([135, 135, 135]) == MONOTONY_CEILING
    assert monotony([135]) == MONOTONY_CEILING


def test_monotony_of_an_empty_week_is_zero():
    assert monotony([0, 0, 0]) == 0.0
    assert monotony([]) == 0.0


def test_monotony_never_exceeds_the_ceiling():
    assert monotony([1000, 1001, 1000, 1001]) == MONOTONY_CEILING


def test_week_metrics_add_up():
    sc = make(days=4, sessions={"tempo": 1, "easy_run": 2, "mobility": 1})
    m = metrics_of(sc, "mon am tempo", "tue am easy_run", "wed am mobility",
                   "thu pm easy_run")
    assert m.daily_load == [350, 135, 40, 135]
    assert m.weekly_load == 660
    assert m.mean_daily_load == 165.0
    assert m.peak_daily_load == 350
    assert m.monotony == round(165 / statistics.pstdev(m.daily_load), 3)
    assert m.strain == round(660 * m.monotony, 1)
    assert m.hard_days == [0]
    assert m.rest_days == [2]  # mobility only
    assert m.min_lift_to_key_hours is None


def test_empty_week_metrics():
    m = metrics_of(make(days=3))
    assert m.daily_load == [0, 0, 0]
    assert (m.weekly_load, m.monotony, m.strain) == (0, 0.0, 0.0)
    assert m.rest_days == [0, 1, 2]
    assert m.hard_days == []


def test_equal_days_have_the_ceiling_monotony_and_strain_uses_it():
    sc = make(days=2, sessions={"easy_run": 2})
    m = metrics_of(sc, "mon am easy_run", "tue am easy_run")
    assert m.monotony == MONOTONY_CEILING
    assert m.strain == 270 * MONOTONY_CEILING


def test_min_lift_to_key_gap_is_the_shortest_pair():
    sc = make(days=3, sessions={"lower_strength": 1, "tempo": 1, "long_run": 1})
    # lower_strength mon 18:00-18:40; tempo tue 07:00 (12 h 20 min); long_run wed 07:00.
    m = metrics_of(sc, "mon pm lower_strength", "tue am tempo", "wed am long_run")
    assert m.min_lift_to_key_hours == 12.33


def test_min_lift_to_key_gap_ignores_earlier_key_runs_and_easy_runs():
    sc = make(days=2, sessions={"lower_strength": 1, "tempo": 1, "easy_run": 1})
    week = PlacedPlan(resolve(sc), placements(sc, "mon am tempo", "mon pm lower_strength",
                                       "tue am easy_run"))
    assert min_lift_to_key_minutes(week) is None


def test_min_lift_to_key_gap_is_negative_when_the_run_starts_before_the_lift_ends():
    sc = make(days=1, slots={"am": "07:00", "late": "07:30"},
              sessions={"lower_strength": 1, "tempo": 1})
    m = metrics_of(sc, "mon am lower_strength", "mon late tempo")
    assert m.min_lift_to_key_hours == -0.17
