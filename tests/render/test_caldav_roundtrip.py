"""A plan's calendar and its replans, PUT on a real CalDAV server, event by event.

Radicale (the `radicale` package) runs in a thread of the test on 127.0.0.1, on a free
port, with its storage in a temporary folder and no authentication; the `caldav` client
library talks to it. The main example's calendar (`runlift solve --format ics`) goes up
first, split into one object per UID (runlift.render.ics.calendar_objects), each saved at
its UID. Then two replans of the week (`runlift replan --format ics`), each saved by UID
over what is there: the server must hold exactly the new calendar's events, once each,
the moved ones at their new times with a higher SEQUENCE, the dropped ones CANCELLED.
"""

from __future__ import annotations

import datetime as dt
import logging
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import caldav
import icalendar
import pytest
import radicale.config
import radicale.server
import yaml
from click.testing import CliRunner

from runlift.cli.main import main
from runlift.models.replan import ReplanResult
from runlift.render.ics import calendar_objects

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "scenarios" / "half-marathon-build.yaml"
ZONE = "Europe/Berlin"
BERLIN = ZoneInfo(ZONE)

# Replanned from Wednesday: Tuesday's intervals moved to Thursday morning in the log (the
# tempo there is dropped), Monday's easy run missed and kept again on Saturday morning.
WEDNESDAY = [
    {"date": "2027-03-02", "slot": "am", "session": "intervals", "status": "moved",
     "to_date": "2027-03-04", "to_slot": "am"},
    {"date": "2027-03-01", "slot": "pm", "session": "easy_run", "status": "missed"},
]
# Then from Friday, on that replan: Thursday's lift was missed (kept again on Saturday
# evening, so the long run moves to the morning and the easy run there is dropped) and
# Sunday evening's run will be (kept again that morning).
FRIDAY = [
    {"date": "2027-03-04", "slot": "pm", "session": "lower_strength", "status": "missed"},
    {"date": "2027-03-07", "slot": "pm", "session": "easy_run", "status": "missed"},
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Radicale on 127.0.0.1 for the module: its URL. It stops when the module ends."""
    port = free_port()
    configuration = radicale.config.load()
    configuration.update({
        "server": {"hosts": f"127.0.0.1:{port}"},
        "auth": {"type": "none"},
        "storage": {"filesystem_folder": str(tmp_path_factory.mktemp("radicale")),
                    "_filesystem_fsync": "False"},
        "logging": {"level": "error"},
    }, "test", privileged=True)
    logging.getLogger("radicale").setLevel(logging.ERROR)  # no auth is the point here
    stop, stopper = socket.socketpair()
    thread = threading.Thread(target=radicale.server.serve, args=(configuration, stop),
                              daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            if time.monotonic() > deadline or not thread.is_alive():
                raise RuntimeError("Radicale did not start") from None
            time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/"
    stopper.close()
    thread.join(10)
    assert not thread.is_alive(), "Radicale did not stop"


def runlift(*args: str) -> str:
    run = CliRunner().invoke(main, list(args))
    assert run.exit_code == 0, run.output
    return run.output


@dataclass
class Step:
    """One calendar of the week: its text, and the replan it came from (None: the plan)."""

    ics: str
    result: ReplanResult | None = None


@pytest.fixture(scope="module")
def steps(tmp_path_factory: pytest.TempPathFactory) -> list[Step]:
    """The plan's calendar, then the two replans', each with its result."""
    tmp = tmp_path_factory.mktemp("week")
    plan = tmp / "plan.json"
    plan.write_text(runlift("solve", str(EXAMPLE), "--format", "json"), encoding="utf-8")
    out = [Step(runlift("solve", str(EXAMPLE), "--format", "ics", "--tz", ZONE))]
    for name, log, today in (("wednesday", WEDNESDAY, "2027-03-03"),
                             ("friday", FRIDAY, "2027-03-05")):
        log_file = tmp / f"{name}.yaml"
        log_file.write_text(yaml.safe_dump(log), encoding="utf-8")
        args = ("replan", str(EXAMPLE), str(plan), "--log", str(log_file), "--today", today)
        result = ReplanResult.model_validate_json(runlift(*args, "--format", "json"))
        out.append(Step(runlift(*args, "--format", "ics", "--tz", ZONE), result))
        plan = tmp / f"{name}.json"  # the next replan follows this one
        plan.write_text(result.to_json(), encoding="utf-8")
    return out


def put_all(calendar: Any, ics: str) -> None:
    """Each event saved at its own UID, as it is (caldav must not raise its SEQUENCE)."""
    for obj in calendar_objects(ics).values():
        calendar.add_event(ical=obj, increase_seqno=False)


def events_on(calendar: Any) -> dict[str, icalendar.Event]:
    """The server's events by UID, with the checks that each object is one event at
    its UID's own resource, and no UID is there twice."""
    out: dict[str, icalendar.Event] = {}
    for obj in calendar.events():
        parsed = icalendar.Calendar.from_ical(obj.data)
        (event,) = parsed.walk("VEVENT")
        uid = str(event["UID"])
        assert uid not in out, f"{uid} twice on the server"
        assert str(obj.url).endswith(".ics") and uid.split("@")[0] in str(obj.url)
        out[uid] = event
    return out


def events_in(ics: str) -> dict[str, icalendar.Event]:
    return {str(e["UID"]): e for e in icalendar.Calendar.from_ical(ics).walk("VEVENT")}


def start_of(entry_date: str | None, start: str) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(str(entry_date)),
                               dt.time.fromisoformat(start), tzinfo=BERLIN)


@pytest.fixture(scope="module")
def calendar(server: str) -> Any:
    client = caldav.DAVClient(url=server, username="athlete", password="unused")
    return client.principal().make_calendar(name="Half-marathon build", cal_id="runlift")


def test_the_server_refuses_the_calendar_file_as_one_object(server, steps):
    """Why the calendar goes up split: a resource holds the events of one UID."""
    client = caldav.DAVClient(url=server, username="other", password="unused")
    scratch = client.principal().make_calendar(name="scratch", cal_id="scratch")
    with pytest.raises(caldav.lib.error.PutError):
        scratch.add_event(ical=steps[0].ics, increase_seqno=False)
    assert scratch.events() == []


def test_a_plan_and_two_replans_update_the_calendar_in_place(calendar, steps):
    put_all(calendar, steps[0].ics)
    before = events_on(calendar)
    assert before.keys() == events_in(steps[0].ics).keys() and len(before) == 9
    cancelled_earlier: set[str] = set()
    for step in steps[1:]:
        assert step.result is not None
        put_all(calendar, step.ics)
        now = events_on(calendar)
        expected = events_in(step.ics)
        # Exactly the new calendar's events, once each. The only others are the events
        # an earlier replan cancelled: a replan of a replan no longer lists them, and
        # the server keeps them as they were, cancelled.
        assert now.keys() == expected.keys() | cancelled_earlier
        assert before.keys() <= now.keys()
        for uid in cancelled_earlier - expected.keys():
            assert now[uid].to_ical() == before[uid].to_ical()
        for uid, event in expected.items():
            assert now[uid].start == event.start and now[uid].end == event.end
            assert int(now[uid]["SEQUENCE"]) == int(event["SEQUENCE"])
            assert str(now[uid]["STATUS"]) == str(event["STATUS"])
        check_against_result(now, before, step.result)
        cancelled_earlier |= {uid for uid, e in now.items()
                              if str(e["STATUS"]) == "CANCELLED"}
        before = now
    assert len(cancelled_earlier) == 2


def check_against_result(now: dict[str, icalendar.Event], before: dict[str, icalendar.Event],
                         result: ReplanResult) -> None:
    """Moved events sit at their new times, one revision on; dropped ones are CANCELLED
    where they were planned, one revision on; the rest are as they were."""
    by_id = {e.id: e for e in result.plan}
    moved = {c.id for c in result.changes if c.change == "moved"}
    dropped = {c.id for c in result.changes if c.change == "dropped"}
    assert moved and dropped
    for ident in moved:
        uid, entry = uid_for(now, ident), by_id[ident]
        assert now[uid].start == start_of(entry.date, entry.start) != before[uid].start
        assert str(now[uid]["STATUS"]) == "CONFIRMED"
        assert int(now[uid]["SEQUENCE"]) == int(before[uid].get("SEQUENCE", 0)) + 1
    for ident in dropped:
        uid = uid_for(now, ident)
        assert str(now[uid]["STATUS"]) == "CANCELLED"
        assert now[uid].start == before[uid].start
        assert int(now[uid]["SEQUENCE"]) == int(before[uid].get("SEQUENCE", 0)) + 1
    for entry in result.plan:
        uid = uid_for(now, entry.id or "")
        if entry.id not in moved and uid in before:
            assert now[uid].start == before[uid].start
            assert int(now[uid]["SEQUENCE"]) == int(before[uid].get("SEQUENCE", 0))


def uid_for(events: dict[str, icalendar.Event], ident: str) -> str:
    """The UID of the session ``ident``: its slug, then a hash of the calendar's name and
    the id (runlift.render.ics.event_uid)."""
    slug = ident.replace("_", "-").lower()
    (uid,) = [u for u in events if u.rsplit("-", 1)[0] == slug]
    return uid


def test_the_replans_did_what_the_round_trip_checks(steps):
    """Between them the replans move sessions (in the log, a missed one, by the replan)
    and drop two, one of them moved before, so every check above bites."""
    wednesday, friday = steps[1].result, steps[2].result
    assert wednesday is not None and friday is not None
    assert [(c.id, c.change, c.missed) for c in wednesday.changes if c.change != "kept"] == [
        ("easy_run-1", "moved", True), ("intervals-1", "moved", False),
        ("tempo-1", "dropped", False)]
    assert [(c.id, c.change, c.missed) for c in friday.changes if c.change != "kept"] == [
        ("lower_strength-2", "moved", True), ("easy_run-1", "dropped", False),
        ("long_run-1", "moved", False), ("easy_run-3", "moved", True)]
    # easy_run-1, moved by the first replan, is cancelled by the second: two revisions on.
    assert [(e.id, e.sequence) for e in friday.cancelled] == [("easy_run-1", 2)]
    # The intervals, moved by the first replan, keep its revision through the second.
    assert [e.sequence for e in friday.plan if e.id == "intervals-1"] == [1]


def test_utc_times_go_up_without_a_timezone_block(server, tmp_path):
    ics = runlift("solve", str(EXAMPLE), "--format", "ics", "--tz", "UTC")
    objects = calendar_objects(ics)
    assert all("VTIMEZONE" not in obj and "METHOD" not in obj for obj in objects.values())
    client = caldav.DAVClient(url=server, username="utc", password="unused")
    cal = client.principal().make_calendar(name="utc", cal_id="utc")
    put_all(cal, ics)
    assert events_on(cal).keys() == objects.keys()
    put_all(cal, ics)  # the same calendar again: no duplicates
    assert len(events_on(cal)) == len(objects) == 9
