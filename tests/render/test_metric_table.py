"""The one table of metrics: labels, values, how they are written and which way is better."""

from __future__ import annotations

import math

import pytest

from runlift.models.result import Metrics
from runlift.render.metrics import LISTED, METRIC, METRICS, Better, number_text

DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def metrics(**changes) -> Metrics:
    values = dict(daily_load=[0, 540, 300, 0, 640, 0, 720], weekly_load=2200,
                  mean_daily_load=314.29, monotony=1.19, strain=2618.0, peak_daily_load=720,
                  hard_days=[1, 4], rest_days=[0, 3, 5], min_lift_to_key_hours=36.0)
    return Metrics(**{**values, **changes})


def test_every_metric_reads_a_field_of_metrics():
    # daily_load is drawn, not listed; weeks is a list of each week's own figures
    assert {m.key for m in METRICS} == set(Metrics.model_fields) - {"daily_load", "weeks"}


def test_the_labels_as_printed():
    assert [m.label for m in LISTED] == [
        "weekly load", "peak daily load", "monotony", "strain", "hard days", "rest days",
        "min lift-to-key gap"]
    assert [m.label for m in METRICS if m.detail] == ["mean daily load"]
    assert METRIC["min_lift_to_key_hours"].row_name == "min lift-to-key gap (h)"
    assert METRIC["weekly_load"].row_name == "weekly load"


def test_values_are_numbers_and_metrics_of_days_count_them():
    week = metrics()
    assert [m.value(week) for m in METRICS] == [2200, 314.29, 720, 1.19, 2618.0, 2, 3, 36.0,
                                                None, None]
    assert METRIC["rest_days"].day_names(week, DAYS) == ["mon", "thu", "sat"]
    assert METRIC["strain"].day_names(week, DAYS) == []


def test_text_as_the_reports_write_it():
    week = metrics()
    assert [m.text(week, DAYS) for m in METRICS] == [
        "2200", "314.29", "720", "1.19", "2618", "2: tue, fri", "3: mon, thu, sat", "36 h",
        "none", "none"]
    empty = metrics(hard_days=[], min_lift_to_key_hours=None)
    assert METRIC["hard_days"].text(empty, DAYS) == "0: none"
    assert METRIC["hard_days"].text(empty, DAYS, no_days="0") == "0"
    assert METRIC["min_lift_to_key_hours"].text(empty, DAYS) == "none"


@pytest.mark.parametrize(("value", "text"), [(2400, "2400"), (1.0, "1"), (2957.2, "2957.2"),
                                             ("tempo", "tempo")])
def test_numbers_are_written_without_trailing_zeros(value, text):
    assert number_text(value) == text


def test_rank_keys_put_the_better_value_first():
    assert METRIC["monotony"].rank_key(1.1) < METRIC["monotony"].rank_key(1.4)
    assert METRIC["rest_days"].rank_key(3) < METRIC["rest_days"].rank_key(2)
    assert METRIC["strain"].rank_key(None) is None  # no value takes no part


def test_no_lift_before_a_key_run_is_the_widest_gap():
    gap = METRIC["min_lift_to_key_hours"]
    assert gap.rank_key(None) == -math.inf < gap.rank_key(96.0)


def test_a_metric_without_direction_is_not_ranked():
    from dataclasses import replace

    assert replace(METRIC["weekly_load"], better=Better.neither).rank_key(2200) is None


def test_the_warning_levels():
    assert {m.key: m.warning for m in METRICS if m.warning} == {"monotony": 2.0,
                                                               "strain": 6000.0}


def test_the_acute_and_chronic_loads_are_listed_only_with_history():
    from runlift.render.week import metric_lines

    plain = [label for label, _ in metric_lines(metrics(), DAYS)]
    assert not any("acute" in label or "chronic" in label for label in plain)
    known = dict(metric_lines(metrics(acute_load=2100, chronic_load=1950.5), DAYS))
    assert known["acute load (last 7 days)"] == "2100"
    assert known["chronic load (weekly mean, last 28 days)"] == "1950.5"


def test_beyond_a_week_the_weekly_load_is_the_total_and_each_week_is_listed():
    from runlift.models.result import WeekMetrics
    from runlift.render.week import metric_lines

    days = [f"{d} {n}" for n, d in enumerate(DAYS * 2)]
    weeks = [WeekMetrics(week=1, days=list(range(7)), load=2200, monotony=1.19, strain=2618,
                         hard_days=[1], rest_days=[0]),
             WeekMetrics(week=2, days=list(range(7, 14)), load=1800, monotony=1.0,
                         strain=1800, hard_days=[], rest_days=[7])]
    lines = dict(metric_lines(metrics(weekly_load=4000, weeks=weeks), days))
    assert lines["total load (14 days)"] == "4000"
    assert "weekly load" not in lines
    assert lines["week 1"] == "load 2200, monotony 1.19, strain 2618, hard days: tue 1"
    assert lines["week 2"].endswith("hard days: none")
