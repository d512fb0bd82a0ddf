"""Bytes that are no readable activity: each gives one line naming the file and the fault.

The files are written with Garmin's encoder (fit_kit) and then damaged on purpose.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import fitdecode
import pytest
from fit_kit import MESG, Session, fit_bytes
from garmin_fit_sdk import Encoder
from hypothesis import given, settings
from hypothesis import strategies as st

from runlift.activities import Activity, decode_fit
from runlift.errors import InputError

START = datetime(2025, 3, 3, 5, 30, tzinfo=UTC)
RUN = Session("running", START, 30, workout_rpe=50)
SOURCE = Path("week/run.fit")
SUMMARY_USED = "after its activity summary; the summary is used"
BEFORE_SUMMARY = "before its activity summary is complete"


def decode(data: bytes, *, strict: bool = False) -> list[Activity]:
    return decode_fit(data, SOURCE, strict=strict)


def refused(data: bytes, *, strict: bool = False) -> str:
    """The error's line, without the file name (checked here once for all)."""
    with pytest.raises(InputError) as caught:
        decode(data, strict=strict)
    line = str(caught.value)
    assert "\n" not in line
    assert line.startswith(f"{SOURCE}: ")
    return line.removeprefix(f"{SOURCE}: ")


def record_offset(data: bytes, number: int) -> int:
    """Where the data message of the ``number``-th record starts."""
    with fitdecode.FitReader(io.BytesIO(data), keep_raw_chunks=True) as reader:
        records = [frame for frame in reader
                   if isinstance(frame, fitdecode.FitDataMessage) and frame.name == "record"]
    return int(records[number].chunk.offset)


def broken_stream(data: bytes, record: int = 3) -> tuple[bytes, int]:
    """The record's header byte set to local message 15, which no definition precedes."""
    offset = record_offset(data, record)
    damaged = bytearray(data)
    damaged[offset] = 0x0F
    return bytes(damaged), offset


def flip_last_byte(data: bytes) -> bytes:
    return data[:-1] + bytes([data[-1] ^ 0xFF])


def encode(*messages: tuple[str, dict[str, Any]]) -> bytes:
    encoder = Encoder()
    for name, fields in messages:
        encoder.write_mesg({"mesg_num": MESG[name], **fields})
    return encoder.close()


FILE_ID = ("FILE_ID", {"type": "activity", "manufacturer": "development", "product": 1,
                       "time_created": START})
ACTIVITY = ("ACTIVITY", {"timestamp": START + timedelta(minutes=30), "num_sessions": 1})


def session(**fields: Any) -> tuple[str, dict[str, Any]]:
    return "SESSION", {"sport": "running", **fields}


# --- not FIT, not an activity ------------------------------------------------------


@pytest.mark.parametrize(("data", "message"), [
    (b"", "the file is empty"),
    (b"date,minutes\n2025-03-03,45\n", "not a FIT file"),
    (b"\x0e\x10", "not a FIT file"),
    (fit_bytes([RUN])[:10], "not a FIT file"),
])
def test_bytes_that_are_no_fit_file(data: bytes, message: str) -> None:
    assert refused(data) == message


@pytest.mark.parametrize("file_type", ["course", "workout", "settings"])
def test_a_fit_file_of_another_type(file_type: str) -> None:
    assert refused(fit_bytes([], file_type=file_type)) == f"a {file_type} file, not an activity"


@pytest.mark.parametrize(("fields", "message"), [
    ({"type": 99}, "a file of type 99, not an activity"),
    ({"manufacturer": "development"}, "a file of unknown type, not an activity"),
])
def test_a_fit_file_of_a_type_without_name(fields: dict[str, Any], message: str) -> None:
    assert refused(encode(("FILE_ID", fields))) == message


def test_a_fit_file_without_file_id() -> None:
    data = encode(("EVENT", {"timestamp": START, "event": "timer", "event_type": "start"}))
    assert refused(data) == "no file_id message, so not a FIT activity file"


def test_an_activity_without_its_summary() -> None:
    # A watch that stopped before saving: records, no session, and a clean end.
    assert refused(fit_bytes([RUN], summary=False)) == (
        "an activity without a session message: the summary runlift reads is missing")


# --- truncated, corrupt --------------------------------------------------------------


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.95])
def test_a_truncated_file(keep: float) -> None:
    data = fit_bytes([RUN])
    cut = data[: int(len(data) * keep)]
    assert refused(cut) == f"the file ends early (truncated) at byte {len(cut)}, {BEFORE_SUMMARY}"


def test_a_file_cut_after_its_summary_is_read_with_a_note() -> None:
    # Only the CRC is missing: the summary was read whole, as in Strava's broken files.
    data = fit_bytes([RUN])[:-2]
    [run] = decode(data)
    assert run.notes == (f"the file ends early (truncated) at byte {len(data)}, {SUMMARY_USED}",)


def test_a_crc_mismatch() -> None:
    assert refused(flip_last_byte(fit_bytes([RUN]))) == "the file is damaged (its CRC check fails)"


def test_a_crc_mismatch_is_refused_even_after_a_complete_summary() -> None:
    data = flip_last_byte(fit_bytes([RUN], summary_first=True))
    assert refused(data) == "the file is damaged (its CRC check fails)"


def test_a_crc_mismatch_in_a_later_chained_part_leaves_the_activity_readable() -> None:
    data = fit_bytes([RUN]) + flip_last_byte(fit_bytes([], file_type="settings"))
    [run] = decode(data)
    assert run.notes == (f"the file is damaged (its CRC check fails) in a part {SUMMARY_USED}",)


def test_a_broken_record_stream_before_the_summary() -> None:
    data, offset = broken_stream(fit_bytes([RUN]))
    assert refused(data) == (
        f"the file is damaged at byte {offset} (local message 15 not defined), {BEFORE_SUMMARY}")


def test_a_broken_record_stream_after_the_summary_is_read_with_a_note() -> None:
    data, offset = broken_stream(fit_bytes([RUN], summary_first=True))
    [run] = decode(data)
    assert (run.start, run.elapsed_minutes, run.rpe) == (START, 30, 5.0)
    problem = f"the file is damaged at byte {offset} (local message 15 not defined)"
    assert run.notes == (f"{problem}, {SUMMARY_USED}",)
    assert refused(data, strict=True) == f"{problem} (strict reading accepts no damaged file)"


@pytest.mark.parametrize("num_sessions", [None, 2])
def test_a_summary_is_complete_only_with_every_session_it_announces(
        num_sessions: int | None) -> None:
    data, offset = broken_stream(fit_bytes([RUN], summary_first=True, num_sessions=num_sessions))
    assert refused(data) == (
        f"the file is damaged at byte {offset} (local message 15 not defined), {BEFORE_SUMMARY}")


def test_bytes_after_a_complete_file_that_are_not_fit() -> None:
    data = fit_bytes([RUN])
    [run] = decode(data + b"\x00" * 40)
    assert run.notes == (f"the bytes after byte {len(data)} are not FIT data, {SUMMARY_USED}",)


def test_the_decoder_failing_is_damage_too(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(self: object) -> None:
        raise TypeError("unsupported operand\ntype")

    data = fit_bytes([RUN])
    monkeypatch.setattr(fitdecode.FitReader, "_read_record", fail)  # as on some bytes
    assert refused(data) == (
        "the file is damaged (the FIT decoder failed with TypeError: unsupported operand type)")


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_any_damage_gives_activities_or_one_line(data: st.DataObject) -> None:
    original = bytearray(fit_bytes([RUN, Session("cycling", START + timedelta(hours=1), 20)],
                                   summary_first=data.draw(st.booleans())))
    for _ in range(data.draw(st.integers(1, 4))):
        original[data.draw(st.integers(0, len(original) - 1))] = data.draw(st.integers(0, 255))
    damaged = bytes(original[: data.draw(st.integers(0, len(original)))])
    try:
        activities = decode(damaged)
    except InputError as error:
        assert "\n" not in str(error)
        assert str(error).startswith(f"{SOURCE}: ")
    else:
        assert all(isinstance(activity, Activity) for activity in activities)


# --- odd values in a readable file ---------------------------------------------------


def test_a_device_whose_clock_was_not_set() -> None:
    data = encode(FILE_ID, session(start_time=3600, total_elapsed_time=1800), ACTIVITY)
    assert refused(data) == "session 0 has no date: the device's clock was not set"


def test_without_start_time_the_start_is_the_end_less_the_elapsed_time() -> None:
    end = START + timedelta(minutes=30)
    [run] = decode(encode(FILE_ID, session(timestamp=end, total_elapsed_time=1800), ACTIVITY))
    assert (run.start, run.elapsed_minutes, run.timer_minutes) == (START, 30, 30)


def test_without_elapsed_time_it_is_the_end_less_the_start() -> None:
    end = START + timedelta(minutes=30)
    [run] = decode(encode(FILE_ID, session(start_time=START, timestamp=end,
                                           total_timer_time=1500), ACTIVITY))
    assert (run.elapsed_minutes, run.timer_minutes) == (30, 25)


@pytest.mark.parametrize(("fields", "message"), [
    ({"total_elapsed_time": 1800}, "session 0 has no start time"),
    ({"start_time": START}, "session 0 has no duration"),
])
def test_a_session_without_start_or_duration(fields: dict[str, Any], message: str) -> None:
    assert refused(encode(FILE_ID, session(**fields), ACTIVITY)) == message


def test_an_rpe_outside_the_fit_range_is_left_out_with_a_note() -> None:
    [run] = decode(fit_bytes([Session("running", START, 30, workout_rpe=150)]))
    assert run.rpe is None
    assert run.notes == ("workout_rpe 150 is outside 0..100 and is left out",)


def test_a_local_offset_that_is_no_time_zone_is_left_out_with_a_note() -> None:
    [run] = decode(fit_bytes([RUN], utc_offset=timedelta(hours=20)))
    assert run.local_start is None
    assert run.notes == ("the local time offset (20:00:00) is no time zone's and is left out",)


def test_a_sport_newer_than_the_decoder_is_named() -> None:
    [session_] = decode(fit_bytes([Session("mobility", START, 20)]))
    assert (session_.sport, session_.kind, session_.session_type) == (
        "mobility", "mobility", "mobility")


def test_a_value_the_decoder_does_not_know_is_kept_as_its_number() -> None:
    [ride] = decode(encode(FILE_ID, session(sport="cycling", sub_sport=127, start_time=START,
                                            total_elapsed_time=600), ACTIVITY))
    assert (ride.sport, ride.sub_sport, ride.kind) == ("cycling", "127", "cross")
