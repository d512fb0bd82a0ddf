"""FIT activities as what happened (runlift.replan.activities): each activity before today
is the planned session of its day and kind, or an extra session of the type SPORT_MAPPING
gives it; a planned session no activity matches is missed; the log's own rows win; a file
that cannot be read is one line naming it.

Real files from devices and apps (tests/data/fit/README.md) carry their own dates, so each
test builds a week around them (the dates read first with read_activities). The others
are written with Garmin's FIT SDK encoder (tests/activities/fit_kit.py).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "activities"))
from fit_kit import DATA, Session, fit_bytes, write_fit

from runlift import solve
from runlift.activities import read_activities
from runlift.api import load_scenario
from runlift.cli.main import main
from runlift.errors import InputError
from runlift.models.replan import ReplanResult
from runlift.replan.activities import with_activities
from runlift.replan.api import replan
from runlift.replan.log import Log, read_log
from runlift.replan.problem import Planned, build_replan
from runlift.scenario.model import Scenario
from runlift.scenario.resolve import resolve

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "scenarios" / "half-marathon-build.yaml"
BERLIN = dt.timedelta(hours=1)  # the example's week is in March: UTC+1


def week(week_start: dt.date | str, fixed: list[tuple[str, int, str]], **fields: Any
         ) -> Scenario:
    """A week of pinned sessions only (type, day, slot), so the plan is known."""
    return Scenario.model_validate({
        "name": "Lived week", "week_start": str(week_start), "sessions": {},
        "fixed": [{"session": s, "day": d, "slot": slot} for s, d, slot in fixed], **fields})


def planned_of(scenario: Scenario) -> list[Planned]:
    return [Planned(e.id or "", e.day, e.slot, e.session) for e in solve(scenario).plan]


def rows(scenario: Scenario, paths: list[Path], today: int, log: Log | None = None
         ) -> tuple[Log, list[tuple[Any, ...]]]:
    """The log the activities make, and its rows as (status, day, slot, session, id,
    minutes, rpe), in the order the log holds them."""
    made = with_activities(log, [str(p) for p in paths], resolve(scenario),
                           planned_of(scenario), today)
    return made, [(e.status.value, e.day if e.date is None else str(e.date), e.slot,
                   e.session, e.id, e.minutes, e.rpe) for e in made.entries]


def local_date(path: Path) -> dt.date:
    """The day of the file's first activity where it was recorded."""
    first = read_activities([path])[0]
    return (first.local_start or first.start).date()


# --- real files ----------------------------------------------------------------------------

def test_a_real_week_run_walk_ride_and_swim():
    """Fenix 5 files of 11 to 13 June 2017, in a week from Saturday the 10th: the run and
    the walk are Sunday's planned run and mobility, the ride matches no planned session
    (an extra cross_training; Monday's planned run is missed), the swim is Tuesday's
    cross training. Saturday's core has no activity: missed."""
    files = [DATA / name for name in ("garmin-fenix-5-run.fit", "garmin-fenix-5-walk.fit",
                                      "garmin-fenix-5-bike.fit", "event_timestamp.fit")]
    days = [local_date(f) for f in files]
    assert days == [dt.date(2017, 6, 11)] * 2 + [dt.date(2017, 6, 12), dt.date(2017, 6, 13)]
    scenario = week("2017-06-10", [("core", 0, "am"), ("easy_run", 1, "am"),
                                   ("mobility", 1, "pm"), ("easy_run", 2, "pm"),
                                   ("cross_training", 3, "am"), ("easy_run", 5, "pm")])
    log, got = rows(scenario, files, today=4)
    assert got == [
        ("done", 1, "pm", "mobility", "mobility-1", 1, None),  # the walk, 07:32 local
        ("done", 1, "am", "easy_run", "easy_run-1", 1, None),  # the run, 07:34
        ("extra", 2, "am", "cross_training", None, 1, None),  # the ride, 09:09
        ("done", 3, "am", "cross_training", "cross_training-1", 73, None),  # the swim
        ("missed", 0, "am", "core", "core-1", None, None),
        ("missed", 2, "pm", "easy_run", "easy_run-2", None, None),
    ]
    assert log.notes == []
    result = replan(resolve(scenario), planned_of(scenario), log, 4)
    assert result.has_plan
    lived = {(e.day, e.slot, e.session): e.state for e in result.plan if e.day < 4}
    assert lived == {(1, "am", "easy_run"): "done", (1, "pm", "mobility"): "done",
                     (2, "am", "cross_training"): "extra",
                     (3, "am", "cross_training"): "done"}
    missed = {c.id for c in result.changes if c.missed}
    assert missed == {"core-1", "easy_run-2"}


# file, the planned session on its day, what the file's activity is then
REAL_FILES = [
    ("2013-02-06-12-11-14.fit", "easy_run", ("done", 44)),
    ("activity-small-fenix2-run.fit", "long_run", ("done", 47)),  # any run is a run
    ("strava-android-app-201.10-b1218918.fit", "tempo", ("done", 59)),
    ("20170518-191602-1740899583.fit", "easy_run", ("extra", "cross_training")),  # rowing
]


@pytest.mark.parametrize(("name", "planned", "expected"), REAL_FILES,
                         ids=[row[0] for row in REAL_FILES])
def test_a_real_file_in_a_week_around_its_date(name, planned, expected):
    """The week starts two days before the file's date; its planned session is on that
    day (day 2) in the evening, another run on day 1; today is day 4."""
    path = DATA / name
    start = local_date(path) - dt.timedelta(days=2)
    scenario = week(start, [("easy_run", 1, "am"), (planned, 2, "pm")])
    _, got = rows(scenario, [path], today=4)
    ident = f"{planned}-1" if planned != "easy_run" else "easy_run-2"
    if expected[0] == "done":
        assert got == [("done", 2, "pm", planned, ident, expected[1], None),
                       ("missed", 1, "am", "easy_run", "easy_run-1", None, None)]
    else:
        assert [row[:4] for row in got] == [
            ("extra", 2, "pm", expected[1]),  # rowing at 17:37: the evening slot
            ("missed", 1, "am", "easy_run", ), ("missed", 2, "pm", planned)]


def test_a_real_multisport_day():
    """A triathlon-like day of 29 August 2015 (UTC+2): a generic leg from 10:00 (no kind
    runlift knows: an extra cross_training), runs at 12:36 and 13:14, a ride at 15:11.
    The day's planned run is the first run; the second is an extra easy run; the planned
    cross training is the ride."""
    path = DATA / "activity-large-fenxi2-multisport.fit"
    # Its date (tests/activities/test_fit.py reads it) is not read here first: the file is
    # 1 MB, seconds to decode, so it is read once, and every leg landing on day 5 of the
    # week from the 24th shows the date.
    scenario = week("2015-08-24", [("easy_run", 5, "am"), ("cross_training", 5, "pm")])
    _, got = rows(scenario, [path], today=6)
    assert got == [
        ("extra", 5, "am", "cross_training", None, 196, None),  # generic, 10:00
        ("done", 5, "am", "easy_run", "easy_run-1", 38, None),  # run, 12:36
        ("extra", 5, "pm", "easy_run", None, 113, None),  # run, 13:14
        ("done", 5, "pm", "cross_training", "cross_training-1", 54, None),  # ride, 15:11
    ]


def test_a_file_read_despite_damage_says_so_in_the_notes(tmp_path):
    """Strava's file breaks after its summary: it is read, and the replan's notes say
    what was wrong with it."""
    path = DATA / "strava-android-app-201.10-b1218918.fit"
    scenario = week(local_date(path) - dt.timedelta(days=2), [("easy_run", 2, "pm")])
    log, _ = rows(scenario, [path], today=4)
    assert len(log.notes) == 1
    assert log.notes[0].startswith(f"{path}: the file is damaged at byte 7471")
    result = replan(resolve(scenario), planned_of(scenario), log, 4)
    assert log.notes[0] in result.notes


def test_activities_outside_the_days_before_today_are_left_out_with_a_note():
    """The real files are of other years: none is in this week, so every planned
    session before today is missed, and a note says why."""
    scenario = week("2027-03-01", [("easy_run", 0, "pm"), ("easy_run", 1, "pm")])
    files = [DATA / "garmin-fenix-5-run.fit", DATA / "2013-02-06-12-11-14.fit"]
    log, got = rows(scenario, files, today=2)
    assert [row[0] for row in got] == ["missed", "missed"]
    assert log.notes == ["2 activities are not on the days before today (2027-03-01 to "
                         "2027-03-02) and are left out: 2013-02-06-12-11-14.fit "
                         "(2013-02-06), garmin-fenix-5-run.fit (2017-06-11)"]


# --- files written for a chosen week --------------------------------------------------------

def local(day: int, hour: int, minute: int = 0) -> dt.datetime:
    """A time of the example's week (Monday 1 March 2027) in Berlin, as UTC."""
    zone = dt.timezone(BERLIN)
    return dt.datetime(2027, 3, 1 + day, hour, minute, tzinfo=zone).astimezone(dt.UTC)


# The example's plan, Monday to Thursday: core am and easy_run pm; intervals am and
# lower_strength pm; easy_run pm; tempo am and lower_strength pm. Thursday's tempo has
# no activity.
LIVED = {
    "mon-core.fit": Session("training", local(0, 7), 22, sub_sport="strength_training",
                            timer_minutes=20, workout_rpe=50),
    "mon-run.fit": Session("running", local(0, 18, 10), 46, distance_m=8000),
    "tue-intervals.fit": Session("running", local(1, 7), 62, workout_rpe=90),
    "tue-legs.fit": Session("training", local(1, 18), 40, sub_sport="strength_training"),
    "wed-run.fit": Session("running", local(2, 18), 50, sub_sport="trail"),
    "thu-legs.fit": Session("training", local(3, 18, 5), 38, sub_sport="strength_training",
                            workout_rpe=80),
}


@pytest.fixture(scope="module")
def example() -> tuple[Scenario, Path]:
    scenario = load_scenario(EXAMPLE)
    return scenario, EXAMPLE


@pytest.fixture(scope="module")
def lived(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("watch")
    for name, session in LIVED.items():
        write_fit(folder / name, [session], utc_offset=BERLIN)
    return folder


@pytest.fixture(scope="module")
def plan_file(tmp_path_factory: pytest.TempPathFactory, example) -> Path:
    path = tmp_path_factory.mktemp("plan") / "plan.json"
    path.write_text(solve(example[0]).to_json(), encoding="utf-8")
    return path


def test_a_week_of_runs_and_strength_is_the_plan_done(example, lived):
    _, got = rows(example[0], [lived], today=4)
    assert got == [
        ("done", 0, "am", "core", "core-1", 20, 5),
        ("done", 0, "pm", "easy_run", "easy_run-1", 46, None),
        ("done", 1, "am", "intervals", "intervals-1", 62, 9),
        ("done", 1, "pm", "lower_strength", "lower_strength-1", 40, None),
        ("done", 2, "pm", "easy_run", "easy_run-2", 50, None),
        ("done", 3, "pm", "lower_strength", "lower_strength-2", 38, 8),
        ("missed", 3, "am", "tempo", "tempo-1", None, None),  # no activity
    ]


def test_the_command_replans_from_the_activities(example, lived, plan_file):
    run = CliRunner().invoke(main, ["replan", str(EXAMPLE), str(plan_file), "--activities",
                                    str(lived), "--today", "2027-03-05", "--format", "json"])
    assert run.exit_code == 0, run.output
    result = ReplanResult.model_validate_json(run.stdout)
    past = [(e.id, e.state, e.minutes) for e in result.plan if e.day < 4]
    assert past == [("core-1", "done", 20), ("easy_run-1", "done", 46),
                    ("intervals-1", "done", 62), ("lower_strength-1", "done", 40),
                    ("easy_run-2", "done", 50), ("lower_strength-2", "done", 38)]
    intervals = next(e for e in result.plan if e.id == "intervals-1")
    assert intervals.load == 9 * 62  # session-RPE from the watch
    (tempo,) = [c for c in result.changes if c.id == "tempo-1"]
    assert tempo.missed and tempo.before == "thu 03-04 am"
    assert not result.notes  # nothing assumed: every session is accounted for


def test_the_logs_rows_win_over_the_activities(example, lived, tmp_path):
    """The log moved the tempo to Saturday (so it is not missed) and logged Monday's run
    with its own minutes (so the watch's run is not counted again as an extra)."""
    log_file = tmp_path / "log.yaml"
    log_file.write_text(yaml.safe_dump([
        {"day": "thu", "slot": "am", "session": "tempo", "status": "moved", "to_day": "sat",
         "to_slot": "am"},
        {"date": "2027-03-01", "slot": "pm", "session": "easy_run", "status": "done",
         "minutes": 55}]), encoding="utf-8")
    log, got = rows(example[0], [lived], today=4, log=read_log(log_file))
    assert got[:2] == [("moved", "thu", "am", "tempo", None, None, None),
                       ("done", "2027-03-01", "pm", "easy_run", None, 55, None)]
    assert not [row for row in got[2:] if row[3] in ("tempo", "easy_run") and row[1] == 0]
    assert "missed" not in [row[0] for row in got]
    assert "extra" not in [row[0] for row in got]
    result = replan(resolve(example[0]), planned_of(example[0]), log, 4)
    assert result.has_plan
    assert [(e.day, e.slot, e.state) for e in result.plan if e.id == "tempo-1"] == [
        (5, "am", "planned")]
    monday = [e for e in result.plan if e.day == 0 and e.session == "easy_run"]
    assert [(e.state, e.minutes) for e in monday] == [("done", 55)]


def test_a_log_that_names_days_goes_with_the_activities(example, lived, tmp_path):
    """A row by day name ('thu') is the planned session it names: the activities do not
    call it missed as well (which made the log's own row an error)."""
    log_file = tmp_path / "log.yaml"
    log_file.write_text("- {day: thu, slot: am, session: tempo, status: moved, to_day: sat,"
                        " to_slot: am}\n", encoding="utf-8")
    log, got = rows(example[0], [lived], today=4, log=read_log(log_file))
    assert [row for row in got if row[3] == "tempo"] == [
        ("moved", "thu", "am", "tempo", None, None, None)]
    rp = build_replan(resolve(example[0]), planned_of(example[0]), log, 4)
    assert [(m.id, m.day) for m in rp.missed] == []
    assert list(rp.pinned.values()) == ["tempo-1"]


def test_an_evening_run_is_the_evening_session(tmp_path):
    """One run at 18:10 on a day with an easy run planned in the morning and a tempo in
    the evening: it is the tempo (the session nearest in time), and the easy run is
    missed, not the tempo."""
    scenario = week("2027-03-01", [("easy_run", 0, "am"), ("tempo", 0, "pm")])
    path = write_fit(tmp_path / "run.fit", [Session("running", local(0, 18, 10), 50)],
                     utc_offset=BERLIN)
    _, got = rows(scenario, [path], today=1)
    assert got == [("done", 0, "pm", "tempo", "tempo-1", 50, None),
                   ("missed", 0, "am", "easy_run", "easy_run-1", None, None)]


# --- files that cannot be read ------------------------------------------------------------

def refused(args: list[str]) -> str:
    """The command's one line on stderr, exit 2."""
    run = CliRunner().invoke(main, args)
    assert run.exit_code == 2, run.output
    assert run.exception is None or isinstance(run.exception, SystemExit)
    assert "Traceback" not in run.output
    lines = run.stderr.splitlines()
    assert len(lines) == 1, run.stderr
    return lines[0]


def broken_files(folder: Path) -> dict[str, Path]:
    good = fit_bytes([LIVED["wed-run.fit"]], utc_offset=BERLIN)
    files = {"corrupt": b"\x0e\x10" + b"not a FIT file at all" * 20,
             "truncated": good[: len(good) // 2],
             "cut-summary": good[:-30]}
    out = {}
    for name, data in files.items():
        path = folder / f"{name}.fit"
        path.write_bytes(data)
        out[name] = path
    out["real-truncated"] = DATA / "activity-unexpected-eof.fit"
    out["workout"] = DATA / "WorkoutIndividualSteps.fit"
    return out


@pytest.mark.parametrize("kind", ["corrupt", "truncated", "cut-summary", "real-truncated",
                                  "workout"])
def test_a_file_that_cannot_be_read_is_one_line_naming_it(kind, tmp_path, plan_file):
    path = broken_files(tmp_path)[kind]
    line = refused(["replan", str(EXAMPLE), str(plan_file), "--activities", str(path),
                    "--today", "2027-03-05"])
    assert line.startswith(f"runlift: error: {path}: ")
    with pytest.raises(InputError, match=str(path)):
        with_activities(None, [str(path)], resolve(load_scenario(EXAMPLE)),
                        planned_of(load_scenario(EXAMPLE)), 4)


def test_one_bad_file_in_a_folder_is_named(tmp_path, lived, plan_file):
    folder = tmp_path / "watch"
    folder.mkdir()
    for source in lived.iterdir():
        (folder / source.name).write_bytes(source.read_bytes())
    (folder / "thu-tempo.fit").write_bytes(broken_files(tmp_path)["truncated"].read_bytes())
    line = refused(["replan", str(EXAMPLE), str(plan_file), "--activities", str(folder),
                    "--today", "2027-03-05"])
    assert line.startswith(f"runlift: error: {folder / 'thu-tempo.fit'}: ")
    assert "truncated" in line


def test_activities_need_dates(tmp_path):
    scenario = Scenario.model_validate({"sessions": {"easy_run": 2}})
    with pytest.raises(InputError, match="--activities needs dates"):
        with_activities(None, [str(DATA / "garmin-fenix-5-run.fit")], resolve(scenario),
                        planned_of(scenario), 3)

