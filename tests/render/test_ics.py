"""The calendar export, parsed back with icalendar: times, durations, UIDs, escaping."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from icalendar.parser import unescape_backslash

from runlift import load_scenario, solve
from runlift.render.ics import (
    CalendarError,
    calendar_ics,
    calendar_objects,
    event_uid,
    local_zone,
    replan_ics,
    session_title,
)
from runlift.scenario.model import Scenario
from runlift.scenario.resolve import resolve

MAIN_EXAMPLE = Path(__file__).resolve().parents[2] / "scenarios" / "half-marathon-build.yaml"
BERLIN = ZoneInfo("Europe/Berlin")
HOSTILE_NAME = 'Smith, J.; "Iron"\nweek 5, block; B'
ODD_SESSION = "hill repeats, steep; long"


def export(scenario: Scenario, zone: ZoneInfo = BERLIN, athlete: str | None = None):
    result = solve(scenario)
    text = calendar_ics(result, resolve(scenario), zone=zone, athlete=athlete)
    return result, text, icalendar.Calendar.from_ical(text)


def scenario(**fields) -> Scenario:
    return Scenario.model_validate({"week_start": "2027-03-01", **fields})


@pytest.fixture(scope="module")
def main_export():
    return export(load_scenario(MAIN_EXAMPLE))


def test_one_event_per_session_at_its_slot_time_for_its_minutes(main_export):
    result, _, cal = main_export
    events = list(cal.events)
    assert len(events) == len(result.plan) == 9
    for entry, event in zip(result.plan, events, strict=True):
        start = event.start
        assert start.tzinfo.key == "Europe/Berlin"
        assert start.replace(tzinfo=None) == dt.datetime.fromisoformat(
            f"{entry.date}T{entry.start}")
        assert event.end - event.start == dt.timedelta(minutes=entry.minutes)
        assert str(event["summary"]) == session_title(entry)


def test_titles_and_descriptions_read_well(main_export):
    _, _, cal = main_export
    by_title = {str(e["summary"]): e for e in cal.events}
    assert "Intervals, hard" in by_title
    assert "Lower strength, hard" in by_title
    tempo = str(by_title["Tempo, hard"]["description"])
    assert "Load 350 (session-RPE), intensity hard, 50 min." in tempo
    assert "36.33 h after Tuesday's lower_strength (lift_to_key_hours: 36)" in tempo
    # Tuesday's lower_strength, stacked on the pinned intervals (not the list position:
    # another plan of the same optimal cost may order the events differently).
    lift = next(str(e["description"]) for e in cal.events
                if str(e["summary"]) == "Lower strength, hard"
                and e.start.date() == dt.date(2027, 3, 2))
    assert "stacked on a hard-run day with intervals (legs_policy: stack)" in lift
    assert "run before lift (same_day_order: run_first)" in lift


def test_calendar_has_a_timezone_block_for_its_tzid(main_export):
    _, text, cal = main_export
    assert [tz["tzid"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert "DTSTART;TZID=Europe/Berlin:20270302T070000" in text
    assert text.endswith("END:VCALENDAR\r\n")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")


def test_uids_are_unique_and_stable_across_runs(main_export, monkeypatch):
    cal = main_export[2]
    uids = [str(e["uid"]) for e in cal.events]
    assert len(set(uids)) == len(uids)
    cal2 = export(load_scenario(MAIN_EXAMPLE))[2]
    assert [str(e["uid"]) for e in cal2.events] == uids
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    a = export(load_scenario(MAIN_EXAMPLE))[1]
    b = export(load_scenario(MAIN_EXAMPLE))[1]
    assert a == b, "with SOURCE_DATE_EPOCH set the whole file is byte-identical"
    assert "DTSTAMP:20270115T080000Z" in a


def test_a_session_keeps_its_uid_when_a_new_plan_moves_it():
    """UIDs come from the session's id ('long_run-1'), not its date: a calendar that
    imports the new plan moves the event instead of adding a second one."""
    base = dict(sessions={"easy_run": 3, "tempo": 1, "long_run": 1},
                fixed=[{"session": "intervals", "day": "tue", "slot": "am"}],
                prefer={"long_run": ["sat"]}, weights={"preferences": 5})
    _, _, before = export(scenario(name="Ana", **base))
    moved = {**base, "prefer": {"long_run": ["sun"]}}
    _, _, after = export(scenario(name="Ana", **moved))

    def long_run(cal):
        (event,) = [e for e in cal.events if str(e["summary"]).startswith("Long run")]
        return event

    assert long_run(before).start.date() != long_run(after).start.date()
    assert str(long_run(before)["uid"]) == str(long_run(after)["uid"])
    assert {str(e["uid"]) for e in before.events} == {str(e["uid"]) for e in after.events}


def test_uid_depends_on_athlete_and_session_id(main_export):
    result = main_export[0]
    entry = next(e for e in result.plan if e.session == "easy_run")
    uid = event_uid("Ana", entry, 1)
    assert uid == event_uid("Ana", entry, 1)
    assert uid.startswith(f"{entry.id.replace('_', '-')}-") and uid.endswith("@runlift")
    assert uid == event_uid("Ana", entry.model_copy(update={"date": "2027-03-08"}), 2)
    others = {event_uid("Ben", entry, 1),
              event_uid("Ana", entry.model_copy(update={"id": "easy_run-9"}), 1)}
    assert uid not in others and len(others) == 2


def test_a_plan_without_ids_falls_back_on_date_session_and_occurrence(main_export):
    entry = next(e for e in main_export[0].plan if e.session == "easy_run").model_copy(
        update={"id": None})
    uid = event_uid("Ana", entry, 1)
    assert uid.startswith(f"{entry.date}-easy-run-1-")
    assert uid != event_uid("Ana", entry, 2)


def test_two_of_the_same_session_on_a_day_get_distinct_uids():
    sc = scenario(name="Double day", days=2, sessions={"easy_run": 2}, unavailable=[1],
                  rules={"min_rest_days": 1, "max_same_type_per_day": 2})
    _, _, cal = export(sc)
    events = list(cal.events)
    assert [e.start.date() for e in events] == [dt.date(2027, 3, 1)] * 2
    uids = [str(e["uid"]) for e in events]
    assert uids[0] != uids[1]
    assert uids[0].startswith("easy-run-1-") and uids[1].startswith("easy-run-2-")


def test_commas_semicolons_and_newlines_in_names_survive_the_round_trip():
    sc = scenario(name=HOSTILE_NAME, sessions={ODD_SESSION: 1, "easy_run": 1},
                  catalog={ODD_SESSION: {"kind": "run", "intensity": "hard", "minutes": 50,
                                         "rpe": 8, "key": True}})
    _, text, cal = export(sc)
    # Escaped on the wire (RFC 5545 3.3.11), exact once parsed back.
    assert "X-WR-CALNAME:Smith\\, J.\\; \"Iron\"\\nweek 5\\, block\\; B" in text
    # icalendar keeps unknown X- properties raw; unescape them by RFC 5545's TEXT rules.
    assert unescape_backslash(str(cal["x-wr-calname"])) == HOSTILE_NAME
    summaries = sorted(str(e["summary"]) for e in cal.events)
    assert summaries == ["Easy run, easy", "Hill repeats, steep; long, hard"]
    hill = next(e for e in cal.events if str(e["summary"]).startswith("Hill"))
    description = str(hill["description"])
    assert f"{ODD_SESSION}: run; key run." in description
    assert description.endswith(f"Plan: {HOSTILE_NAME} (runlift).")
    assert "\n" in description  # newlines come back as newlines


def test_athlete_name_names_the_calendar_and_the_uids():
    sc = scenario(name="Spring block", sessions={"easy_run": 1})
    _, _, ana = export(sc, athlete="Ana")
    _, _, ben = export(sc, athlete="Ben")
    assert str(ana["x-wr-calname"]) == "Ana"
    assert str(ana.events[0]["uid"]) != str(ben.events[0]["uid"])


def test_utc_gives_plain_utc_times():
    _, text, cal = export(scenario(sessions={"easy_run": 1}), zone=ZoneInfo("UTC"))
    assert "VTIMEZONE" not in text
    assert cal.events[0].start.utcoffset() == dt.timedelta(0)
    assert re.search(r"\r\nDTSTART:202703\d\dT(07|18)0000Z\r\n", text)


def test_local_time_is_kept_across_a_daylight_saving_change():
    # Europe/Berlin moves to summer time on 2027-03-28: 07:00 stays 07:00 local.
    sc = Scenario.model_validate({"week_start": "2027-03-27", "days": 3,
                                  "sessions": {"easy_run": 3}, "rules": {"min_rest_days": 0}})
    _, _, cal = export(sc)
    offsets = {e.start.date(): e.start.utcoffset() for e in cal.events}
    assert offsets[dt.date(2027, 3, 27)] == dt.timedelta(hours=1)
    assert offsets[dt.date(2027, 3, 29)] == dt.timedelta(hours=2)
    assert all(e.start.hour in (7, 18) for e in cal.events)


def test_no_week_start_or_no_plan_is_an_error():
    sc = Scenario.model_validate({"sessions": {"easy_run": 1}})
    with pytest.raises(CalendarError, match="week_start"):
        calendar_ics(solve(sc), resolve(sc), zone=BERLIN)
    stuck = scenario(sessions={"easy_run": 14})  # every slot: no rest day
    with pytest.raises(CalendarError, match="infeasible"):
        calendar_ics(solve(stuck), resolve(stuck), zone=BERLIN)


def test_local_zone_follows_tz(monkeypatch):
    monkeypatch.setenv("TZ", "America/New_York")
    assert local_zone().key == "America/New_York"
    monkeypatch.setenv("TZ", ":Asia/Tokyo")
    assert local_zone().key == "Asia/Tokyo"


def test_calendar_objects_hold_one_event_each_with_its_timezone(main_export):
    """What a CalDAV server stores (RFC 4791 4.1): one UID a resource, no METHOD; each
    object names the zone of its times and carries that VTIMEZONE (the real server:
    tests/render/test_caldav_roundtrip.py)."""
    _, text, cal = main_export
    objects = calendar_objects(text)
    assert list(objects) == [str(e["uid"]) for e in cal.events]
    for uid, obj in objects.items():
        parsed = icalendar.Calendar.from_ical(obj)
        (event,) = parsed.events
        assert str(event["uid"]) == uid
        assert [str(z["tzid"]) for z in parsed.walk("VTIMEZONE")] == ["Europe/Berlin"]
        assert "METHOD" not in parsed and str(parsed["version"]) == "2.0"
        assert event.to_ical() == next(e for e in cal.events
                                       if str(e["uid"]) == uid).to_ical()


def test_calendar_objects_in_utc_need_no_timezone():
    _, text, _ = export(scenario(sessions={"easy_run": 2}), zone=ZoneInfo("UTC"))
    objects = calendar_objects(text)
    assert len(objects) == 2 and not any("VTIMEZONE" in obj for obj in objects.values())


def test_calendar_objects_refuse_a_uid_twice(main_export):
    text = main_export[1]
    first = text.index("BEGIN:VEVENT")
    event = text[first:text.index("END:VEVENT", first) + len("END:VEVENT\r\n")]
    twice = text.replace("END:VCALENDAR", event + "END:VCALENDAR")
    with pytest.raises(CalendarError, match="two events share the UID"):
        calendar_objects(twice)


def test_a_replanned_calendar_says_why_each_session_moved_or_was_dropped(tmp_path):
    from runlift.replan.api import replan_file

    plan = tmp_path / "plan.json"
    plan.write_text(solve(load_scenario(MAIN_EXAMPLE)).to_json(), encoding="utf-8")
    log = tmp_path / "log.yaml"
    log.write_text("- {date: 2027-03-02, slot: am, session: intervals, status: moved,"
                   " to_date: 2027-03-04, to_slot: am}\n", encoding="utf-8")
    result = replan_file(MAIN_EXAMPLE, plan, log, "2027-03-03")
    cal = icalendar.Calendar.from_ical(replan_ics(result, zone=BERLIN))
    described = {str(e["summary"]): str(e["description"]) for e in cal.events}
    assert "Why dropped:\n- its slot now holds intervals" in described["Cancelled: Tempo, hard"]
    assert "Why moved:\n- moved in the log" in described["Intervals, hard"]
    assert not any("Why here" in d for d in described.values())


def test_the_event_of_a_missed_preference_says_what_pushed_it_off(main_export):
    result, _, cal = main_export
    (missed,) = result.missed_preferences
    descriptions = [str(e["description"]) for e in cal.events
                    if str(e["summary"]).startswith("Lower strength")
                    and e.start.date().isoformat() == result.dates[missed.day]]
    (text,) = descriptions
    assert (f"- misses its preference (lower_strength on tue, fri): {missed.because}"
            in text)
    others = [str(e["description"]) for e in cal.events if str(e["description"]) != text]
    assert not any("misses its preference" in d for d in others)
