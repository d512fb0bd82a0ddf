"""A week of training written as FIT files, as a watch would, and read back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from fit_kit import Session, write_fit

from runlift.activities import Activity, read_activities

BERLIN_WINTER = timedelta(hours=1)


def local(day: int, hour: int, minute: int = 0) -> datetime:
    """A time of the week of Monday 3 March 2025 in Berlin (UTC+1), as UTC."""
    return datetime(2025, 3, day, hour, minute, tzinfo=timezone(BERLIN_WINTER)).astimezone(UTC)


BIKE = Session("cycling", local(8, 9), 90, sub_sport="road", distance_m=45000)
TRANSITION = Session("transition", BIKE.end, 3)
BRICK_RUN = Session("running", TRANSITION.end, 25, workout_rpe=80, distance_m=5200)

WEEK: dict[str, list[Session]] = {
    "monday-run.fit": [Session("running", local(3, 6, 30), 45, distance_m=8200,
                               avg_heart_rate=142, calories=520)],
    "tuesday-strength.fit": [Session("training", local(4, 18), 40,
                                     sub_sport="strength_training", timer_minutes=36,
                                     workout_rpe=70, avg_heart_rate=112)],
    "wednesday-yoga.fit": [Session("training", local(5, 7), 30, sub_sport="yoga")],
    "thursday-ride.fit": [Session("cycling", local(6, 17, 30), 60,
                                  sub_sport="indoor_cycling", avg_heart_rate=130)],
    "saturday-brick.fit": [BIKE, TRANSITION, BRICK_RUN],
    "sunday-long-run.fit": [Session("running", local(9, 8), 105, sub_sport="trail",
                                    workout_rpe=60, distance_m=19500)],
}


@pytest.fixture(scope="module")
def week(tmp_path_factory: pytest.TempPathFactory) -> list[Activity]:
    directory = tmp_path_factory.mktemp("week")
    for name, sessions in WEEK.items():
        write_fit(directory / name, sessions, utc_offset=BERLIN_WINTER)
    return read_activities([directory])


def test_the_week_reads_back_in_order(week: list[Activity]) -> None:
    assert [(a.source.name, a.index) for a in week] == [
        ("monday-run.fit", 0), ("tuesday-strength.fit", 0), ("wednesday-yoga.fit", 0),
        ("thursday-ride.fit", 0), ("saturday-brick.fit", 0), ("saturday-brick.fit", 2),
        ("sunday-long-run.fit", 0)]


def test_starts_sports_and_minutes_are_as_written(week: list[Activity]) -> None:
    written = [session for sessions in WEEK.values() for session in sessions
               if session.sport != "transition"]
    assert [(a.start, a.sport, a.sub_sport, a.elapsed_minutes, a.timer_minutes) for a in week] \
        == [(s.start, s.sport, s.sub_sport, s.minutes, s.timer_minutes or s.minutes)
            for s in written]


def test_local_days_and_times(week: list[Activity]) -> None:
    assert [a.local_start.strftime("%a %H:%M %z") for a in week if a.local_start] == [
        "Mon 06:30 +0100", "Tue 18:00 +0100", "Wed 07:00 +0100", "Thu 17:30 +0100",
        "Sat 09:00 +0100", "Sat 10:33 +0100", "Sun 08:00 +0100"]


def test_rpe_on_runlifts_scale(week: list[Activity]) -> None:
    assert [a.rpe for a in week] == [None, 7.0, None, None, None, 8.0, 6.0]


def test_kinds_and_extra_session_types(week: list[Activity]) -> None:
    assert [(a.kind.value, a.session_type) for a in week] == [
        ("run", "easy_run"), ("strength", "posterior_chain"), ("mobility", "mobility"),
        ("cross", "cross_training"), ("cross", "cross_training"), ("run", "easy_run"),
        ("run", "easy_run")]


def test_totals(week: list[Activity]) -> None:
    monday, tuesday = week[0], week[1]
    assert (monday.distance_m, monday.avg_heart_rate, monday.calories) == (8200, 142, 520)
    assert (tuesday.distance_m, tuesday.avg_heart_rate, tuesday.calories) == (None, 112, None)
    assert all(a.notes == () for a in week)


def test_the_local_day_is_not_the_utc_day_around_midnight(tmp_path: Path) -> None:
    late = Session("running", local(5, 0, 20), 30)  # Wednesday 00:20 in Berlin
    [run] = read_activities([write_fit(tmp_path / "late.fit", [late],
                                       utc_offset=BERLIN_WINTER)])
    assert run.start.strftime("%a %H:%M") == "Tue 23:20"
    assert run.local_start is not None
    assert run.local_start.strftime("%a %H:%M") == "Wed 00:20"
