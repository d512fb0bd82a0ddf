"""Writing FIT activity files for the tests, with Garmin's FIT SDK encoder.

The files look like a watch's: file_id, a timer start event, one record a minute, then the
session summaries and the activity message at the end. ``summary_first`` writes the
summary right after file_id instead, as Strava's Android app does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from garmin_fit_sdk import Encoder, Profile
from garmin_fit_sdk.util import convert_datetime_to_timestamp

MESG = Profile["mesg_num"]
DATA = Path(__file__).resolve().parent.parent / "data" / "fit"


@dataclass(frozen=True)
class Session:
    """One session to write. ``workout_rpe`` is the FIT value (Borg CR10 ×10)."""

    sport: str
    start: datetime
    minutes: float
    sub_sport: str = "generic"
    timer_minutes: float | None = None
    workout_rpe: int | None = None
    distance_m: float | None = None
    avg_heart_rate: int | None = None
    calories: int | None = None

    @property
    def end(self) -> datetime:
        return self.start + timedelta(minutes=self.minutes)


def fit_bytes(sessions: Sequence[Session], *, utc_offset: timedelta | None = None,
              file_type: str = "activity", num_sessions: int | None = -1,
              summary_first: bool = False, records: bool = True, summary: bool = True
              ) -> bytes:
    """The bytes of a FIT file holding ``sessions`` (no sessions: file_id alone).

    ``utc_offset`` sets activity.local_timestamp; ``num_sessions`` -1 announces as many
    sessions as there are, None leaves the field out. ``summary`` False leaves out the
    session and activity messages, as a watch that stopped before saving them would.
    """
    encoder = Encoder()
    first = sessions[0].start if sessions else datetime(2025, 1, 1, tzinfo=UTC)
    _write(encoder, "FILE_ID", type=file_type, manufacturer="development", product=1,
           serial_number=4242, time_created=first)
    if not sessions:
        return encoder.close()
    written = [*(_session(session, i) for i, session in enumerate(sessions)),
               _activity(sessions, utc_offset, num_sessions)] if summary else []
    body = [message for session in sessions for message in _recording(session, records)]
    for name, fields in (written + body if summary_first else body + written):
        _write(encoder, name, **fields)
    return encoder.close()


def write_fit(path: Path, sessions: Sequence[Session], **options: Any) -> Path:
    path.write_bytes(fit_bytes(sessions, **options))
    return path


def _write(encoder: Encoder, message: str, **fields: Any) -> None:
    encoder.write_mesg({"mesg_num": MESG[message], **fields})


Message = tuple[str, dict[str, Any]]


def _session(session: Session, index: int) -> Message:
    fields: dict[str, Any] = {
        "message_index": index, "timestamp": session.end, "start_time": session.start,
        "sport": session.sport, "sub_sport": session.sub_sport,
        "total_elapsed_time": session.minutes * 60,
        "total_timer_time": (session.timer_minutes or session.minutes) * 60,
        "event": "session", "event_type": "stop",
    }
    optional = {"workout_rpe": session.workout_rpe, "total_distance": session.distance_m,
                "avg_heart_rate": session.avg_heart_rate,
                "total_calories": session.calories}
    fields.update({name: value for name, value in optional.items() if value is not None})
    return "SESSION", fields


def _activity(sessions: Sequence[Session], utc_offset: timedelta | None,
              num_sessions: int | None) -> Message:
    end = max(session.end for session in sessions)
    fields: dict[str, Any] = {"timestamp": end, "type": "manual", "event": "activity",
                              "event_type": "stop",
                              "total_timer_time": sum(s.minutes for s in sessions) * 60}
    if num_sessions is not None:
        fields["num_sessions"] = len(sessions) if num_sessions == -1 else num_sessions
    if utc_offset is not None:
        fields["local_timestamp"] = (convert_datetime_to_timestamp(end)
                                     + int(utc_offset.total_seconds()))
    return "ACTIVITY", fields


def _recording(session: Session, records: bool) -> list[Message]:
    """Timer start, a record a minute, timer stop."""
    minutes = range(int(session.minutes) + 1) if records else range(0)
    return [
        ("EVENT", {"timestamp": session.start, "event": "timer", "event_type": "start"}),
        *(("RECORD", {"timestamp": session.start + timedelta(minutes=minute),
                      "heart_rate": 120 + minute % 30, "distance": minute * 180.0})
          for minute in minutes),
        ("EVENT", {"timestamp": session.end, "event": "timer", "event_type": "stop"}),
    ]
