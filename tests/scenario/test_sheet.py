"""Reading a CSV as spreadsheets save it: encodings, separators, header names, blank rows,
line numbers, and --columns."""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runlift.errors import InputError
from runlift.scenario.sheet import (
    SEPARATORS,
    _read_records,
    _unquoted_records,
    parse_columns,
    read_sheet,
)

FIELDS = ("day", "date", "slot", "session")
NEEDED = (("day", "date"), ("slot",), ("session",))


def sheet_of(tmp_path: Path, data: bytes, columns: dict[str, str] | None = None):
    path = tmp_path / "plan.csv"
    path.write_bytes(data)
    return read_sheet(path, FIELDS, NEEDED, columns)


def cells(tmp_path: Path, data: bytes, columns: dict[str, str] | None = None):
    sheet = sheet_of(tmp_path, data, columns)
    return [{k: v for k, v in row.items() if k in ("day", "slot", "session")}
            for row in sheet.rows]


TUE_AM = [{"day": "tue", "slot": "am", "session": "tempo"}]


@pytest.mark.parametrize("data", [
    b"day,slot,session\ntue,am,tempo\n",
    codecs.BOM_UTF8 + b"day,slot,session\r\ntue,am,tempo\r\n",  # Excel's CSV UTF-8
    "day\tslot\tsession\r\ntue\tam\ttempo\r\n".encode("utf-16"),  # Excel's Unicode text
    b"Day;Slot;Session\r\ntue;am;tempo\r\n",  # a semicolon (a decimal-comma locale)
    b"day\tslot\tsession\ntue\tam\ttempo\n",  # a tab
    b"day,slot,session\rtue,am,tempo\r",  # old Mac line ends
    b" DAY , Slot\t,  session \n tue , am , tempo \n",  # any case, spaces around
    b'"Day","Slot","Session"\n"tue","am","tempo"\n',  # every cell quoted
    b"\n;;\nday;slot;session\n\n;;\ntue;am;tempo\n;;\n\n",  # blank rows anywhere
], ids=["plain", "excel-bom-crlf", "utf16", "semicolon", "tab", "cr", "case-spaces", "quoted",
        "blank-rows"])
def test_every_spreadsheet_form_reads_the_same_rows(tmp_path, data):
    assert cells(tmp_path, data) == TUE_AM


def test_a_quoted_cell_with_the_other_separator_is_one_cell(tmp_path):
    semicolons = b'day;slot;session;"note, long"\ntue;am;tempo;"easy, then fast"\n'
    assert sheet_of(tmp_path, semicolons).rows[0]["note, long"] == "easy, then fast"
    commas = b'day,slot,session,"note; long"\ntue,am,tempo,"a; b"\n'
    assert sheet_of(tmp_path, commas).rows[0]["note; long"] == "a; b"


def test_lines_are_the_file_s_lines_past_blank_rows_and_multiline_cells(tmp_path):
    data = (b'day;slot;session;note\r\n\r\n;;;\r\ntue;am;tempo;"two\r\nlines"\r\n'
            b"fri;pm;easy_run;\r\n")
    assert sheet_of(tmp_path, data).lines == [4, 6]


def test_short_rows_have_no_cell_and_extra_cells_are_dropped(tmp_path):
    rows = sheet_of(tmp_path, b"day,slot,session\ntue,am\nwed,pm,tempo,extra\n").rows
    assert rows[0]["session"] is None
    assert rows[1] == {"day": "wed", "slot": "pm", "session": "tempo"}


def test_other_columns_come_along_by_their_names(tmp_path):
    rows = sheet_of(tmp_path, b"Date,Slot,Session,Minutes,RPE\n2027-03-02,am,tempo,50,7\n").rows
    assert rows == [{"date": "2027-03-02", "slot": "am", "session": "tempo", "minutes": "50",
                     "rpe": "7"}]


def test_columns_name_the_fields_any_case(tmp_path):
    data = b"When;Time;Workout;Day\ntue;am;tempo;ignored\n"
    got = cells(tmp_path, data, {"day": "when", "slot": "TIME", "session": "Workout"})
    assert got == TUE_AM  # the file's own Day column is not the day: When is


def test_columns_may_swap_two_names(tmp_path):
    got = cells(tmp_path, b"day,slot,session\nam,tue,tempo\n", {"day": "slot", "slot": "day"})
    assert got == TUE_AM


def test_the_separator_is_the_one_that_finds_the_needed_columns(tmp_path):
    # More cells by semicolons, but only the commas find When, Time and Workout.
    data = b"When,Time,Workout,Notes; more; and more; still more\ntue,am,tempo,x\n"
    got = cells(tmp_path, data, {"day": "When", "slot": "Time", "session": "Workout"})
    assert got == TUE_AM


@pytest.mark.parametrize(("text", "fields"), [
    ("day=Day,slot=Time,session=Workout", {"day": "Day", "slot": "Time", "session": "Workout"}),
    (" Session = My Workout , ", {"session": "My Workout"}),
    ("date=Wann", {"date": "Wann"}),
])
def test_parse_columns(text, fields):
    assert parse_columns(text, FIELDS) == fields


@pytest.mark.parametrize(("text", "says"), [
    ("day", "expected FIELD=COLUMN pairs separated by commas, such as session=Workout,"
     "slot=Time, got 'day'"),
    ("day=", "got 'day='"),
    ("=Day", "got '=Day'"),
    ("", "got ''"),
    ("dya=Day", "unknown field 'dya': expected one of day, date, slot, session (did you mean "
     "'day'?)"),
    ("day=A,day=B", "day is mapped twice ('A' and 'B')"),
    ("day=A,date=a", "column 'a' is mapped to two fields"),
])
def test_parse_columns_says_what_is_wrong(text, says):
    with pytest.raises(ValueError) as caught:
        parse_columns(text, FIELDS)
    assert says in str(caught.value)


@pytest.mark.parametrize(("data", "columns", "message"), [
    (b"", None, "plan.csv: the file is empty; expected a header line with the columns day or "
     "date, slot and session, and one row per session"),
    (b"\xef\xbb\xbf\r\n;;\r\n", None, "plan.csv: the file is empty"),
    (b"day,slot\ntue,am\n", None, "plan.csv:1: session: expected CSV columns day or date, slot "
     "and session; missing session (the header line has day, slot; --columns session=NAME "
     "reads it from another column)"),
    (b"\n\nSlot;Session\n", None, "plan.csv:3: day: expected CSV columns day or date, slot and "
     "session; missing day or date"),
    (b"day,slot,session\n", {"slot": "Time"}, "plan.csv:1: slot: expected a column 'Time' "
     "(from --columns slot=Time); the header line has day, slot, session"),
    (b"day,slot,session,Slot\n", None, "plan.csv:1: slot: 2 columns are named 'slot' (columns 2,"
     " 4); expected one"),
    (b"day,slot,session\ntue,am,caf\xe9\n", None, "plan.csv:2: byte 0xe9 is not UTF-8 text; "
     "expected a CSV file saved as UTF-8 (in Excel: CSV UTF-8)"),
])
def test_a_bad_sheet_is_one_line(tmp_path, monkeypatch, data, columns, message):
    monkeypatch.chdir(tmp_path)
    Path("plan.csv").write_bytes(data)
    with pytest.raises(InputError) as caught:
        read_sheet(Path("plan.csv"), FIELDS, NEEDED, columns)
    assert str(caught.value).startswith(message), str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_folder_is_one_line(tmp_path):
    with pytest.raises(InputError, match="is not a file, not a regular file; expected a CSV"):
        read_sheet(tmp_path, FIELDS, NEEDED)


def test_an_unreadable_file_is_one_line(tmp_path):
    with pytest.raises(InputError, match="cannot read the file"):
        read_sheet(tmp_path / "missing.csv", FIELDS, NEEDED)


def test_rows_alike_are_one_row_read_once(tmp_path):
    sheet = sheet_of(tmp_path, b"day,slot,session\ntue,am,tempo\nwed,am,core\n\ntue,am,tempo\n"
                               b"tue, am,tempo\n")
    assert sheet.rows[0] is sheet.rows[2]
    assert sheet.rows[3] == sheet.rows[0]  # another spelling: another line, the same cells
    assert (sheet.codes, sheet.firsts, sheet.lines) == ([0, 1, 0, 2], [0, 1, 3], [2, 3, 5, 6])


# A file without a quote is read line by line, each distinct line once (runlift.scenario
# .sheet._unquoted_records); with one, as a stream of records (_read_records). Both must
# find the same records on the same lines: any text without a quote, read both ways.
UNQUOTED = st.lists(st.sampled_from(["a", "tue", ",", ";", "\t", " ", "\n", "\r", "\r\n",
                                     "\x00", "é", "\x0b", "\x0c", "\u2028", "\\", "'"]),
                   max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(UNQUOTED, st.sampled_from(SEPARATORS))
def test_a_file_without_quotes_reads_as_the_csv_stream_does(text, separator):
    def found(records):
        return records and (records.header, records.header_line,
                            [records.distinct[c] for c in records.codes], records.lines)

    stream = csv.reader(io.StringIO(text, newline=None), delimiter=separator,
                        skipinitialspace=True)
    assert found(_unquoted_records(text, separator, "plan.csv")) == found(
        _read_records(stream))


LONG = b"a" * 30


@pytest.mark.parametrize("data", [b"day,slot,session\ntue,am,tempo\n\ntue,am," + LONG + b"\n",
                                  b'day,slot,session\n"tue",am,tempo\n\ntue,am,' + LONG + b"\n"],
                         ids=["lines", "stream"])
def test_a_csv_error_names_its_line_either_way(tmp_path, data):
    limit = csv.field_size_limit(20)
    try:
        with pytest.raises(InputError) as caught:
            sheet_of(tmp_path, data)
    finally:
        csv.field_size_limit(limit)
    assert str(caught.value).endswith(
        "plan.csv:4: expected CSV: field larger than field limit (20)"), str(caught.value)


def test_a_header_cell_over_the_field_limit_is_an_input_error(tmp_path):
    limit = csv.field_size_limit(20)
    try:
        with pytest.raises(InputError) as caught:
            sheet_of(tmp_path, b"day,slot," + LONG + b",session\ntue,am,,tempo\n")
    finally:
        csv.field_size_limit(limit)
    assert str(caught.value).endswith(
        "plan.csv:1: expected CSV: field larger than field limit (20)"), str(caught.value)
