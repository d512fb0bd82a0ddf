"""Cutting a horizon into 7-day weeks, the one place every grid gets its rows of days."""

from __future__ import annotations

import pytest

from runlift.render.week import split_weeks

DATES = [f"2027-01-{day:02d}" for day in range(4, 32)]


@pytest.mark.parametrize("days", [1, 5, 7])
def test_a_week_or_less_is_one_week(days):
    (week,) = split_weeks(days)
    assert week.number == 1 and list(week.days) == list(range(days))


def test_longer_horizons_are_cut_every_seven_days_from_day_0():
    assert [list(w.days) for w in split_weeks(16)] == [
        list(range(0, 7)), list(range(7, 14)), [14, 15]]
    assert [len(w.days) for w in split_weeks(28)] == [7, 7, 7, 7]
    assert [w.number for w in split_weeks(28)] == [1, 2, 3, 4]


def test_a_week_names_its_dates_or_its_days():
    second, third = split_weeks(15)[1:]
    assert second.title(DATES) == "week 2: 2027-01-11 to 2027-01-17"
    assert second.title(None) == "week 2: days 7 to 13"
    assert third.title(DATES) == "week 3: 2027-01-18"
    assert third.title(None) == "week 3: day 14"


def test_cut_takes_the_weeks_part_of_a_per_day_list():
    second = split_weeks(10)[1]
    assert second.cut(list(range(10))) == [7, 8, 9]
