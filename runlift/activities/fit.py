"""Decoding FIT activity files: the session summaries, with fitdecode.

fitdecode is imported when a file is decoded, not with this module, so that commands that
read no activity (and ``runlift --help``) do not pay for it.

What is read: the ``file_id`` message (the file must be an activity), every ``session``
message (one per sport of a multisport file) and the ``activity`` message (how many
sessions the file holds, and the local time offset). Records, laps and sets are decoded
(the format leaves no way to skip them) but not kept.

Damage: fitdecode reads in its lenient mode (unknown fields, undefined developer data are
skipped) and checks every CRC. When decoding still stops early, the file is accepted if its
activity summary was complete before the damage: the ``activity`` message and as many
``session`` messages as it announces. Some apps write the summary first (Strava's Android
app, whose record stream can break later on), and the summary is all runlift uses; the
activities then carry a note saying what was wrong. Otherwise, or with ``strict=True``,
the file is refused with one line saying what is wrong. A CRC mismatch in the part of the
file that holds the summary is always an error: the summary itself may be wrong.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Literal

from runlift.activities.mapping import classify
from runlift.activities.model import Activity
from runlift.errors import InputError

_MAX_UTC_OFFSET = timedelta(hours=14)
_FIT_EPOCH = datetime(1989, 12, 31, tzinfo=UTC)
# FIT date_time values below this count seconds since the device powered up, when it did
# not know the date; they stay numbers.
_FIT_FIRST_DATE = 0x10000000
# The date_time fields runlift reads; local_timestamp is local time, kept as if UTC.
_DATE_TIMES = ("timestamp", "start_time", "time_created")
# Sports newer than fitdecode 0.11's profile (FIT 21.171), which reads them as numbers.
_NEWER_SPORTS = {86: "mobility"}
_MESSAGES_KEPT = frozenset({"file_id", "session", "activity"})


@dataclass(frozen=True, slots=True)
class _Failure:
    """Why decoding stopped early, and where (a byte offset) when that is known."""

    kind: Literal["eof", "crc", "header", "parse", "crash"]
    offset: int | None
    detail: str  # the decoder's words, on one line


@dataclass
class _Scan:
    """What one pass over a file found. A file may chain several FIT files ("parts")."""

    parts: int = 0  # FIT headers read
    end_of_last_part: int = 0  # byte offset after the last complete part
    file_types: list[str] = field(default_factory=list)
    sessions: list[dict[str, Any]] = field(default_factory=list)
    activity: dict[str, Any] | None = None
    summary_part: int | None = None  # the part in which the summary became complete
    failure: _Failure | None = None
    part_type: str | None = None  # the file_id type of the part being read


def decode_fit(data: bytes, source: Path, *, strict: bool = False) -> list[Activity]:
    """The activities (sessions) of one FIT file's bytes, in the file's order.

    Raises ``InputError`` naming ``source`` when the bytes are not a readable activity.
    Transitions of multisport files are left out.
    """
    where = str(source)
    if not data:
        raise InputError("the file is empty", file=where)
    scan = _scan(data)
    _check_is_activity(scan, where)
    notes = _damage_notes(scan, strict, where)
    if not scan.sessions:
        raise InputError("an activity without a session message: the summary runlift "
                         "reads is missing", file=where)
    offset, offset_notes = _utc_offset(scan.activity)
    activities = []
    for index, session in enumerate(scan.sessions):
        sport, sub_sport = _sport_name(session.get("sport")), _name(session.get("sub_sport"))
        if classify(sport, sub_sport).kind is None:
            continue
        activities.append(_activity(session, index, source, sport, sub_sport, offset,
                                    notes + offset_notes))
    return activities


# --- decoding ------------------------------------------------------------------------


def _scan(data: bytes) -> _Scan:
    import fitdecode  # lazily, see the module's docstring

    scan = _Scan()
    stream = io.BytesIO(data)
    # No data processor: it would convert every field of every record (a quarter of the
    # decoding time); the few date fields runlift reads are converted in _values.
    reader = fitdecode.FitReader(stream, processor=None, check_crc=fitdecode.CrcCheck.RAISE,
                                 error_handling=fitdecode.ErrorHandling.IGNORE)
    with reader:
        for frame in _frames(reader, scan, len(data)):
            if isinstance(frame, fitdecode.FitHeader):
                scan.parts += 1
                scan.part_type = None
            elif isinstance(frame, fitdecode.FitCRC):
                scan.end_of_last_part = stream.tell()
            elif isinstance(frame, fitdecode.FitDataMessage) and frame.name in _MESSAGES_KEPT:
                _take(scan, frame.name, _values(frame))
    return scan


def _frames(reader: Any, scan: _Scan, size: int) -> Iterator[Any]:
    """The reader's frames until the end or the first error, which goes to ``scan.failure``.

    Only the decoder's own work is guarded here, not what is done with the frames.
    """
    import fitdecode

    frames = iter(reader)
    while True:
        try:
            frame = next(frames)
        except StopIteration:
            return
        except fitdecode.FitEOFError:
            scan.failure = _Failure("eof", size, "")
            return
        except fitdecode.FitCRCError as error:
            scan.failure = _Failure("crc", None, str(error))
            return
        except fitdecode.FitHeaderError as error:
            scan.failure = _Failure("header", scan.end_of_last_part, str(error))
            return
        except fitdecode.FitParseError as error:
            detail = str(error).partition(": ")[2] or str(error)
            scan.failure = _Failure("parse", error.offset, _one_line(detail))
            return
        except Exception as error:  # the decoder failing on damaged bytes is damage too
            detail = _one_line(f"{type(error).__name__}: {error}")
            scan.failure = _Failure("crash", None, detail)
            return
        yield frame


def _values(frame: Any) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for fit_field in frame.fields:
        if fit_field.value is not None:
            values.setdefault(fit_field.name, fit_field.value)
    for name in _DATE_TIMES:
        if isinstance(values.get(name), int) and values[name] >= _FIT_FIRST_DATE:
            values[name] = _FIT_EPOCH + timedelta(seconds=values[name])
    if isinstance(values.get("local_timestamp"), int):
        values["local_timestamp"] = _FIT_EPOCH + timedelta(seconds=values["local_timestamp"])
    return values


def _take(scan: _Scan, name: str, values: dict[str, Any]) -> None:
    if name == "file_id":
        scan.part_type = _name(values.get("type")) or "unknown"
        scan.file_types.append(scan.part_type)
        return
    if scan.part_type != "activity":
        return
    if name == "session":
        scan.sessions.append(values)
    elif scan.activity is None:
        scan.activity = values
    if scan.summary_part is None and _summary_complete(scan):
        scan.summary_part = scan.parts


def _summary_complete(scan: _Scan) -> bool:
    announced = (scan.activity or {}).get("num_sessions")
    return isinstance(announced, int) and 1 <= announced <= len(scan.sessions)


# --- what is wrong -------------------------------------------------------------------


def _check_is_activity(scan: _Scan, where: str) -> None:
    if scan.parts == 0:
        raise InputError("not a FIT file", file=where)
    if not scan.file_types:
        if scan.failure is not None:
            raise InputError(_problem(scan.failure), file=where)
        raise InputError("no file_id message, so not a FIT activity file", file=where)
    if "activity" not in scan.file_types:
        raise InputError(f"{_file_kind(scan.file_types[0])}, not an activity", file=where)


def _file_kind(file_type: str) -> str:
    """'a workout file'; 'a file of type 42' for a type the profile does not name."""
    if file_type == "unknown":
        return "a file of unknown type"
    if file_type.isdigit():
        return f"a file of type {file_type}"
    return f"a {file_type} file"


def _damage_notes(scan: _Scan, strict: bool, where: str) -> tuple[str, ...]:
    failure = scan.failure
    if failure is None:
        return ()
    problem = _problem(failure)
    if strict:
        raise InputError(f"{problem} (strict reading accepts no damaged file)", file=where)
    if failure.kind == "crc":
        if scan.summary_part is not None and scan.summary_part < scan.parts:
            return (f"{problem} in a part after its activity summary; the summary is used",)
        raise InputError(problem, file=where)
    if scan.summary_part is None:
        raise InputError(f"{problem}, before its activity summary is complete", file=where)
    return (f"{problem}, after its activity summary; the summary is used",)


def _problem(failure: _Failure) -> str:
    """One phrase for what stopped decoding."""
    if failure.kind == "eof":
        return f"the file ends early (truncated) at byte {failure.offset}"
    if failure.kind == "crc":
        return "the file is damaged (its CRC check fails)"
    if failure.kind == "header":
        return f"the bytes after byte {failure.offset} are not FIT data"
    if failure.kind == "parse":
        return f"the file is damaged at byte {failure.offset} ({failure.detail})"
    return f"the file is damaged (the FIT decoder failed with {failure.detail})"


def _one_line(text: str) -> str:
    return " ".join(text.split())


# --- the activities ------------------------------------------------------------------


def _activity(session: dict[str, Any], index: int, source: Path, sport: str,
              sub_sport: str | None, offset: timedelta | None, notes: tuple[str, ...]
              ) -> Activity:
    start = _start(session, index, str(source))
    elapsed, timer = _minutes(session, start, index, str(source))
    rpe, rpe_notes = _rpe(session)
    return Activity(
        source=source,
        index=index,
        sport=sport,
        sub_sport=sub_sport,
        start=start,
        local_start=start.astimezone(timezone(offset)) if offset is not None else None,
        elapsed_minutes=elapsed,
        timer_minutes=timer,
        distance_m=_number(session.get("total_distance")),
        avg_heart_rate=_integer(session.get("avg_heart_rate")),
        rpe=rpe,
        calories=_integer(session.get("total_calories")),
        notes=notes + rpe_notes,
    )


def _start(session: dict[str, Any], index: int, where: str) -> datetime:
    value = session.get("start_time")
    if isinstance(value, int):  # see _FIT_FIRST_DATE
        raise InputError(f"session {index} has no date: the device's clock was not set",
                         file=where)
    if not isinstance(value, datetime):
        end, seconds = session.get("timestamp"), _seconds(session)
        if not isinstance(end, datetime) or seconds is None:
            raise InputError(f"session {index} has no start time", file=where)
        value = end - timedelta(seconds=seconds)
    return value


def _seconds(session: dict[str, Any]) -> float | None:
    for name in ("total_elapsed_time", "total_timer_time"):
        value = _number(session.get(name))
        if value is not None:
            return value
    return None


def _minutes(session: dict[str, Any], start: datetime, index: int, where: str
             ) -> tuple[float, float]:
    """(elapsed, timer) minutes. Elapsed falls back to end - start, timer to elapsed."""
    elapsed = _number(session.get("total_elapsed_time"))
    timer = _number(session.get("total_timer_time"))
    end = session.get("timestamp")
    if elapsed is None and isinstance(end, datetime) and end >= start:
        elapsed = (end - start).total_seconds()
    if elapsed is None:
        elapsed = timer
    if elapsed is None:
        raise InputError(f"session {index} has no duration", file=where)
    return elapsed / 60, (timer if timer is not None else elapsed) / 60


def _rpe(session: dict[str, Any]) -> tuple[float | None, tuple[str, ...]]:
    """FIT ``workout_rpe`` is Borg CR10 ×10 (0..100); runlift's RPE is 0..10."""
    value = session.get("workout_rpe")
    if value is None:
        return None, ()
    if not isinstance(value, int) or not 0 <= value <= 100:
        return None, (f"workout_rpe {value!r} is outside 0..100 and is left out",)
    return value / 10, ()


def _utc_offset(activity: dict[str, Any] | None) -> tuple[timedelta | None, tuple[str, ...]]:
    """The device's UTC offset: activity.local_timestamp - activity.timestamp."""
    local, utc = (activity or {}).get("local_timestamp"), (activity or {}).get("timestamp")
    if not isinstance(local, datetime) or not isinstance(utc, datetime):
        return None, ()
    # _values labels the local time UTC, so the difference is the offset.
    offset = timedelta(minutes=round((local - utc).total_seconds() / 60))
    if abs(offset) > _MAX_UTC_OFFSET:
        return None, (f"the local time offset ({offset}) is no time zone's and is left out",)
    return offset, ()


# --- values --------------------------------------------------------------------------


def _name(value: object) -> str | None:
    """An enum value as the profile names it, or its number when the profile does not.

    Anything else (a damaged definition can make a value an array) is no value.
    """
    if isinstance(value, str):
        return value
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else None


def _sport_name(value: object) -> str:
    """A missing sport is ``generic``, as in the FIT profile."""
    if isinstance(value, int) and value in _NEWER_SPORTS:
        return _NEWER_SPORTS[value]
    return _name(value) or "generic"


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _integer(value: object) -> int | None:
    number = _number(value)
    return round(number) if number is not None else None
