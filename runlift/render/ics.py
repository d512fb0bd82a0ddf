"""Calendar export: one RFC 5545 event per planned session, built with `icalendar`.

Events carry the slot time in a named time zone (TZID plus a VTIMEZONE block that
icalendar generates from zoneinfo; UTC gives plain ``Z`` times). Each UID is derived
from the athlete and the session's stable id, so re-importing an updated plan (a
replan, where a session moved) updates the events instead of duplicating them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from runlift import __version__
from runlift.checker.reasons import entry_reasons
from runlift.models.problem import Problem
from runlift.models.result import PlanEntry, Result
from runlift.render.week import human_name
from runlift.rules.structural.fixed import pin_name

PRODID = f"-//runlift//runlift {__version__}//EN"
ZONEINFO_DIRS = ("/usr/share/zoneinfo/", "/usr/lib/zoneinfo/", "/usr/share/lib/zoneinfo/")


class CalendarError(ValueError):
    """The result cannot become a calendar: no dates, or no plan."""


def zone_named(name: str) -> ZoneInfo:
    """An IANA time zone such as 'Europe/Berlin'; ValueError for an unknown name."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {name!r}: expected an IANA name such as "
                         "Europe/Berlin or America/New_York") from None


def local_zone() -> ZoneInfo:
    """The machine's zone by its IANA name (TZ, then /etc/localtime, then /etc/timezone);
    UTC when none can be named, since a calendar needs a TZID it can publish."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    localtime = Path("/etc/localtime")
    if localtime.is_symlink():
        target = str(localtime.resolve())
        candidates += [target.split(prefix, 1)[1] for prefix in ZONEINFO_DIRS if prefix in target]
    with contextlib.suppress(OSError):
        candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    for name in candidates:
        if name and not name.startswith("/"):
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return ZoneInfo("UTC")


def session_title(entry: PlanEntry) -> str:
    """'Intervals, hard' from intervals; 'Lower strength, hard' from lower_strength."""
    return f"{human_name(entry.session)}, {entry.intensity}"


def event_uid(athlete: str, entry: PlanEntry, occurrence: int) -> str:
    """Stable across runs and replans: the athlete and the session's id give the same UID
    wherever the session moves (a plan without ids falls back on the date, the session
    and its occurrence that day)."""
    if entry.id is not None:
        key = "\x1f".join((athlete, entry.id))
        slug = re.sub(r"[^A-Za-z0-9]+", "-", entry.id).strip("-").lower() or "session"
        return f"{slug}-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:20]}@runlift"
    key = "\x1f".join((athlete, str(entry.date), entry.session, str(occurrence)))
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]
    slug = re.sub(r"[^A-Za-z0-9]+", "-", entry.session).strip("-").lower() or "session"
    return f"{entry.date}-{slug}-{occurrence}-{digest}@runlift"


def _stamp() -> dt.datetime:
    """DTSTAMP: now, or SOURCE_DATE_EPOCH for reproducible builds of the same calendar."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    return dt.datetime.now(tz=dt.UTC).replace(microsecond=0)


def _description(entry: PlanEntry, reasons: list[str], scenario: str,
                 heading: str = "Why here:") -> str:
    traits = [entry.kind]
    if entry.key:
        traits.append("key run")
    if entry.heavy_legs:
        traits.append("heavy legs")
    if entry.muscles:
        traits.append(f"muscles: {', '.join(entry.muscles)}")
    lines = [f"Load {entry.load} (session-RPE), intensity {entry.intensity}, "
             f"{entry.minutes} min.",
             f"{entry.session}: {'; '.join(traits)}."]
    if reasons:
        lines += [heading, *(f"- {reason}" for reason in reasons)]
    lines.append(f"Plan: {scenario} (runlift).")
    return "\n".join(lines)


def calendar_ics(result: Result, problem: Problem, *, zone: ZoneInfo,
                 athlete: str | None = None) -> str:
    """The plan as an iCalendar document (CRLF line endings, as RFC 5545 asks)."""
    if problem.timeline.week_start is None:
        raise CalendarError("a calendar needs week_start (the date of day 0) in the scenario")
    if not result.has_plan:
        raise CalendarError(f"no plan to put in a calendar: the week is {result.status}")
    who = athlete if athlete is not None else result.scenario
    return calendar_of([(result, problem)], who, zone)


def calendar_of(weeks: list[tuple[Result, Problem]], who: str, zone: ZoneInfo) -> str:
    """One calendar of the plans of one or more horizons (a block's weeks), with the
    reasons behind each placement. UIDs come from ``who``, the date and the session, so
    the same plan imported again updates its events."""
    import icalendar

    stamp = _stamp()
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    # NAME (RFC 7986) and the widely read X-WR-CALNAME; vText so that commas, semicolons
    # and newlines in the name are escaped.
    cal.add("name", icalendar.vText(who))
    cal.add("x-wr-calname", icalendar.vText(who))
    cal.add("x-wr-timezone", zone.key)
    seen: dict[tuple[str | None, str], int] = {}
    for result, problem in weeks:
        reasons = entry_reasons(problem, result.plan, result.soft_violations,
                                result.missed_preferences)
        for entry, why in zip(result.plan, reasons, strict=True):
            key = (entry.date, entry.session)
            occurrence = seen[key] = seen.get(key, 0) + 1
            name = pin_name(problem, entry.day, problem.slot_index[entry.slot], entry.session)
            cal.add_component(_event(entry, why, result.scenario, who, occurrence, zone,
                                     stamp, title=name))
    cal.add_missing_timezones()
    return cal.to_ical().decode("utf-8")


def _event(entry: PlanEntry, why: list[str], scenario: str, who: str, occurrence: int,
           zone: ZoneInfo, stamp: dt.datetime, heading: str = "Why here:",
           title: str | None = None) -> Any:
    """One session's event; ``title``, a pin's name (a squad's group session), heads its
    summary: 'Saturday group long run: Long run, moderate'."""
    import icalendar

    date = dt.date.fromisoformat(str(entry.date))
    start = dt.datetime.combine(date, dt.time.fromisoformat(entry.start), tzinfo=zone)
    event = icalendar.Event()
    event.add("uid", event_uid(who, entry, occurrence))
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("dtend", start + dt.timedelta(minutes=entry.minutes))
    summary = session_title(entry)
    event.add("summary", f"{title}: {summary}" if title else summary)
    event.add("description", _description(entry, why, scenario, heading))
    event.add("categories", _categories(entry))
    event.add("transp", "OPAQUE")
    return event


def _categories(entry: PlanEntry) -> list[str]:
    tags = [entry.kind, entry.intensity]
    if entry.key:
        tags.append("key run")
    if entry.heavy_legs:
        tags.append("heavy legs")
    return tags


def replan_ics(result: Any, *, zone: ZoneInfo) -> str:
    """A replanned week as a calendar that updates the first one in place: every session
    keeps its UID (from its id); a moved one carries a higher SEQUENCE; a dropped one is
    written again with STATUS:CANCELLED, so an importing calendar removes it."""
    import icalendar

    if result.dates is None:
        raise CalendarError("a calendar needs week_start (the date of day 0) in the scenario")
    why = {c.id: c.reason for c in result.changes if c.reason}
    stamp = _stamp()
    cal = icalendar.Calendar()
    for key, value in (("prodid", PRODID), ("version", "2.0"), ("calscale", "GREGORIAN"),
                       ("method", "PUBLISH")):
        cal.add(key, value)
    cal.add("name", icalendar.vText(result.scenario))
    cal.add("x-wr-calname", icalendar.vText(result.scenario))
    cal.add("x-wr-timezone", zone.key)
    for entry in [*result.plan, *result.cancelled]:
        reasons = [why[entry.id]] if entry.id in why else []
        # A replan's reason says why a session moved or was dropped, not why it is here.
        heading = "Why dropped:" if entry.state == "dropped" else "Why moved:"
        event = _event(entry, reasons, result.scenario, result.scenario, 1, zone, stamp,
                       heading)
        event.add("sequence", entry.sequence)
        if entry.state == "dropped":
            event.add("status", "CANCELLED")
            event["summary"] = icalendar.vText(f"Cancelled: {session_title(entry)}")
        else:
            event.add("status", "CONFIRMED")
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical().decode("utf-8")


def calendar_objects(text: str) -> dict[str, str]:
    """A calendar (``calendar_ics``, ``replan_ics``) as a CalDAV server stores it: one
    calendar object resource per UID, keyed by it (RFC 4791 4.1: a resource holds the
    components of one UID, and no METHOD), each with the VTIMEZONE blocks its times
    name. PUT each at its own UID's resource and a replanned calendar updates the first
    one's events in place, cancelling the dropped ones. A UID twice is a CalendarError."""
    import icalendar

    cal = icalendar.Calendar.from_ical(text)
    zones = {str(z["TZID"]): z for z in cal.walk("VTIMEZONE")}
    out: dict[str, str] = {}
    for event in cal.walk("VEVENT"):
        uid = str(event["UID"])
        if uid in out:
            raise CalendarError(f"two events share the UID {uid}")
        obj = icalendar.Calendar()
        for key in ("PRODID", "VERSION", "CALSCALE"):
            if key in cal:
                obj[key] = cal[key]
        tzids = {str(event[key].params["TZID"]) for key in ("DTSTART", "DTEND")
                 if key in event and "TZID" in event[key].params}
        for tzid in sorted(tzids):
            obj.add_component(zones[tzid])
        obj.add_component(event)
        out[uid] = obj.to_ical().decode("utf-8")
    return out
