"""Real FIT files from devices and apps (tests/data/fit/README.md) read as activities."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fit_kit import DATA

from runlift.activities import Activity, ActivityKind, read_fit_file
from runlift.errors import InputError


def one(name: str) -> Activity:
    activities = read_fit_file(DATA / name)
    assert len(activities) == 1
    return activities[0]


def utc(year: int, month: int, day: int, hour: int, minute: int, second: int = 0
        ) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


# file, sport, sub_sport, start (UTC), elapsed minutes, kind, extra session type
REAL_FILES = [
    ("2013-02-06-12-11-14.fit", "running", "generic", utc(2013, 2, 6, 12, 11, 14), 43.75,
     ActivityKind.run, "easy_run"),
    ("activity-small-fenix2-run.fit", "running", None, utc(2015, 8, 15, 14, 45, 8), 47.2,
     ActivityKind.run, "easy_run"),
    ("garmin-fenix-5-run.fit", "running", "generic", utc(2017, 6, 11, 14, 34, 9), 0.95,
     ActivityKind.run, "easy_run"),
    ("garmin-fenix-5-walk.fit", "walking", "generic", utc(2017, 6, 11, 14, 32, 51), 0.76,
     ActivityKind.mobility, "mobility"),
    ("garmin-fenix-5-bike.fit", "cycling", "generic", utc(2017, 6, 12, 16, 9, 22), 1.01,
     ActivityKind.cross, "cross_training"),
    ("20170518-191602-1740899583.fit", "fitness_equipment", "indoor_rowing",
     utc(2017, 5, 18, 16, 37, 30), 28.46, ActivityKind.cross, "cross_training"),
    ("event_timestamp.fit", "swimming", "lap_swimming", utc(2017, 6, 13, 13, 42, 30), 76.12,
     ActivityKind.cross, "cross_training"),
]


@pytest.mark.parametrize(("name", "sport", "sub_sport", "start", "minutes", "kind", "type_"),
                         REAL_FILES, ids=[row[0] for row in REAL_FILES])
def test_real_file(name: str, sport: str, sub_sport: str | None, start: datetime,
                   minutes: float, kind: ActivityKind, type_: str) -> None:
    activity = one(name)
    assert (activity.sport, activity.sub_sport) == (sport, sub_sport)
    assert activity.start == start
    assert activity.elapsed_minutes == pytest.approx(minutes, abs=0.01)
    assert (activity.kind, activity.session_type) == (kind, type_)
    assert (activity.source, activity.index, activity.notes) == (DATA / name, 0, ())


def test_a_run_with_its_totals() -> None:
    run = one("2013-02-06-12-11-14.fit")
    assert run.timer_minutes == pytest.approx(43.75, abs=0.01)
    assert run.distance_m == pytest.approx(4835.38)
    assert (run.avg_heart_rate, run.calories, run.rpe) == (147, 336, None)
    assert run.local_start is None  # its activity message has no local_timestamp


@pytest.mark.parametrize(("name", "hours"), [
    ("activity-small-fenix2-run.fit", 2),
    ("garmin-fenix-5-bike.fit", -7),
    ("20170518-191602-1740899583.fit", 1),
    ("event_timestamp.fit", -4),
])
def test_local_start_at_the_offset_the_device_recorded(name: str, hours: int) -> None:
    activity = one(name)
    assert activity.local_start is not None
    assert activity.local_start.utcoffset() == timedelta(hours=hours)
    assert activity.local_start == activity.start


def test_a_swim_has_pauses_between_sets() -> None:
    swim = one("event_timestamp.fit")  # five chained FIT files; the first is the activity
    assert swim.timer_minutes == pytest.approx(72.86, abs=0.01)
    assert swim.timer_minutes < swim.elapsed_minutes
    assert (swim.distance_m, swim.avg_heart_rate) == (pytest.approx(2606.04), 142)


def test_multisport_gives_one_activity_per_leg_without_transitions() -> None:
    legs = read_fit_file(DATA / "activity-large-fenxi2-multisport.fit")
    assert [(leg.index, leg.sport, leg.kind) for leg in legs] == [
        (0, "generic", ActivityKind.other),
        (2, "running", ActivityKind.run),
        (4, "running", ActivityKind.run),
        (6, "cycling", ActivityKind.cross),
    ]
    assert [leg.start for leg in legs] == [
        utc(2015, 8, 29, 8, 0, 1), utc(2015, 8, 29, 10, 36), utc(2015, 8, 29, 11, 14, 21),
        utc(2015, 8, 29, 13, 11, 37)]
    assert [round(leg.elapsed_minutes, 1) for leg in legs] == [195.6, 38.2, 112.7, 53.5]
    assert {leg.local_start.utcoffset() for leg in legs if leg.local_start} == {
        timedelta(hours=2)}


def test_strava_summary_before_a_broken_record_stream_is_read_with_a_note() -> None:
    run = one("strava-android-app-201.10-b1218918.fit")
    assert (run.sport, run.start) == ("running", utc(2021, 9, 27, 14, 13, 10))
    assert run.elapsed_minutes == pytest.approx(59.3)
    assert run.distance_m == pytest.approx(11274.04)
    assert run.notes == ("the file is damaged at byte 7471 (local message 11 not defined), "
                         "after its activity summary; the summary is used",)


def test_a_complete_activity_followed_by_a_corrupt_part_is_read_with_a_note() -> None:
    run = one("activity-settings-corruptheader.fit")
    assert (run.sport, run.start) == ("running", utc(2012, 4, 9, 21, 22, 26))
    assert run.notes == ("the bytes after byte 771 are not FIT data, after its activity "
                         "summary; the summary is used",)


@pytest.mark.parametrize(("name", "message"), [
    ("strava-android-app-201.10-b1218918.fit",
     "the file is damaged at byte 7471 (local message 11 not defined)"),
    ("activity-settings-corruptheader.fit", "the bytes after byte 771 are not FIT data"),
])
def test_strict_reading_refuses_them(name: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        read_fit_file(DATA / name, strict=True)
    assert str(caught.value) == (
        f"{DATA / name}: {message} (strict reading accepts no damaged file)")


@pytest.mark.parametrize(("name", "message"), [
    ("activity-unexpected-eof.fit",
     "the file ends early (truncated) at byte 768, before its activity summary is complete"),
    ("WorkoutIndividualSteps.fit", "a workout file, not an activity"),
])
def test_real_files_that_are_refused(name: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        read_fit_file(DATA / name)
    assert str(caught.value) == f"{DATA / name}: {message}"
