"""A plan as a spreadsheet saves it to CSV: UTF-8 with or without a byte-order mark (or
UTF-16 with one), a comma, semicolon or tab between cells, column names in any case,
CRLF line ends, and blank rows. ``--columns day=Day,slot=Time`` names the columns that
hold fields under other names.

The separator is read from the header line: the one that splits it into the most of the
columns the reader needs (then the most columns; a comma first), so that a quoted cell
that holds another separator still reads as one cell.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import io
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import compress, count
from pathlib import Path
from typing import Any

from runlift.errors import InputError
from runlift.models.errors import did_you_mean
from runlift.scenario.limits import read_input_bytes

SEPARATORS = (",", ";", "\t")
COLUMNS_SYNTAX = "FIELD=COLUMN pairs separated by commas, such as session=Workout,slot=Time"
Columns = Mapping[str, str]  # field -> the file's name of the column that holds it
Cell = str | None


@dataclass(frozen=True)
class Sheet:
    """The rows of a CSV file as {field or column name: cell}, and each row's line.

    A plan may repeat a row a million times: rows alike (the same cells) are one
    dictionary, read once. ``distinct`` holds them in the order they first come,
    ``codes`` each row's index into it, and ``firsts`` the row each first comes in.
    Read the dictionaries, never change them."""

    distinct: list[dict[str, Cell]]
    codes: list[int]
    lines: list[int]

    @cached_property
    def rows(self) -> list[dict[str, Cell]]:
        return list(map(self.distinct.__getitem__, self.codes))

    @cached_property
    def firsts(self) -> list[int]:
        # The last index a code is given in the reversed rows is its first one.
        first = dict(zip(reversed(self.codes), range(len(self.codes) - 1, -1, -1),
                         strict=True))
        return [first[code] for code in range(len(self.distinct))]


def parse_columns(text: str, fields: Sequence[str]) -> dict[str, str]:
    """``'day=Day,slot=Time'`` -> ``{'day': 'Day', 'slot': 'Time'}``; ValueError says
    what is wrong."""
    out: dict[str, str] = {}
    for part in (p for p in text.split(",") if p.strip()):
        field, equals, column = (s.strip() for s in part.partition("="))
        field = field.lower()
        if not equals or not field or not column:
            raise ValueError(f"expected {COLUMNS_SYNTAX}, got {part.strip()!r}")
        if field not in fields:
            raise ValueError(f"unknown field {field!r}: expected one of {', '.join(fields)}"
                             + did_you_mean(field, fields))
        if field in out:
            raise ValueError(f"{field} is mapped twice ({out[field]!r} and {column!r})")
        if _key(column) in map(_key, out.values()):
            raise ValueError(f"column {column!r} is mapped to two fields")
        out[field] = column
    if not out:
        raise ValueError(f"expected {COLUMNS_SYNTAX}, got {text!r}")
    return out


def read_sheet(path: Path, fields: Sequence[str], needed: Sequence[Sequence[str]],
               columns: Columns | None = None) -> Sheet:
    """The rows of a CSV file. ``fields`` are the columns the reader knows; each group of
    ``needed`` must have one of its fields (``("day", "date")``). Blank rows are skipped."""
    name = str(path)
    text = _text(path, name)
    records = _records(text, name, needed, columns or {}) if _filled(text) else None
    if records is None:
        raise InputError(f"the file is empty; expected a header line with the columns "
                         f"{_needed_words(needed)}, and one row per session", file=name)
    picks = _picks(records.header, records.header_line, name, fields, needed, columns or {})
    distinct = [_row(cells, picks) for cells in records.distinct]
    return Sheet(distinct, records.codes, records.lines)


def _row(cells: tuple[str, ...], picks: dict[str, int]) -> dict[str, Cell]:
    stripped = [cell.strip() for cell in cells]
    return {key: stripped[i] if i < len(stripped) else None for key, i in picks.items()}


def _text(path: Path, name: str) -> str:
    data = read_input_bytes(path, "CSV file")  # a regular file, within the size limit
    utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    try:
        return data.decode("utf-16" if utf16 else "utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise InputError(f"byte 0x{data[exc.start]:02x} is not UTF-8 text; expected a CSV "
                         "file saved as UTF-8 (in Excel: CSV UTF-8)", file=name,
                         line=line) from None


@dataclass
class _Records:
    """A file's header (its first non-blank record, stripped) and line; then its other
    non-blank records: each distinct one once (cells as read), each row's index into
    them and line."""

    header: list[str]
    header_line: int
    distinct: list[tuple[str, ...]] = dataclasses.field(default_factory=list)
    codes: list[int] = dataclasses.field(default_factory=list)
    lines: list[int] = dataclasses.field(default_factory=list)


_BLANK = -1  # the code of a blank record


def _records(text: str, name: str, needed: Sequence[Sequence[str]], columns: Columns
             ) -> _Records | None:
    """The file's non-blank records, each with the line it starts on; None without one."""
    separator = _separator(text, needed, columns)
    if '"' not in text:
        return _unquoted_records(text, separator, name)
    reader = csv.reader(io.StringIO(text, newline=None), delimiter=separator,
                        skipinitialspace=True)
    try:
        return _read_records(reader)
    except csv.Error as exc:
        raise InputError(f"expected CSV: {exc}", file=name, line=reader.line_num) from None


def _read_records(reader: Any) -> _Records | None:
    """The records of a csv.reader, a record alike found by a dictionary look-up."""
    line = 1
    for cells in reader:
        if _filled_record(cells):
            out = _Records([cell.strip() for cell in cells], line)
            line = reader.line_num + 1
            break
        line = reader.line_num + 1
    else:
        return None
    seen: dict[tuple[str, ...], int] = {}  # a record -> its code
    for cells in reader:
        record = tuple(cells)
        code = seen.get(record)
        if code is None:
            code = seen[record] = len(out.distinct) if _filled_record(record) else _BLANK
            if code != _BLANK:
                out.distinct.append(record)
        if code != _BLANK:
            out.codes.append(code)
            out.lines.append(line)
        line = reader.line_num + 1
    return out


def _unquoted_records(text: str, separator: str, name: str) -> _Records | None:
    """The records of a file without a quote: one a line (no cell spans lines), so that
    each distinct line is read once by the csv module and the rest is done in C, by
    look-ups (a plan may have a million rows). The same records as ``_read_records``."""
    if "\r" in text:  # as io.StringIO(newline=None) reads it: \r\n and \r end lines too
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    top = _parsed(lines, separator, name, lambda i: i + 1)
    start, header = next(((i, cells) for i, cells in enumerate(top) if _filled_record(cells)),
                         (None, []))
    if start is None:
        return None
    out = _Records([cell.strip() for cell in header], start + 1)
    body = lines[start + 1:]
    first_of: dict[str, int] = {}  # a line -> the row it first comes in
    firsts = list(map(first_of.setdefault, body, count()))
    distinct_firsts = list(first_of.values())
    code_at = [_BLANK] * len(body)  # a line's first row -> its code
    for first, cells in zip(distinct_firsts, _parsed(
            first_of, separator, name, lambda i: start + 2 + distinct_firsts[i]), strict=True):
        if _filled_record(cells):
            code_at[first] = len(out.distinct)
            out.distinct.append(tuple(cells))
    codes = list(map(code_at.__getitem__, firsts))
    lines_of_body = range(start + 2, start + 2 + len(body))
    blanks = codes.count(_BLANK)
    kept = len(codes) - blanks
    if blanks == 0 or (blanks == 1 and codes[-1] == _BLANK):  # after the last line's end
        out.codes, out.lines = codes[:kept], list(lines_of_body[:kept])
    else:
        filled = list(map(_BLANK.__ne__, codes))
        out.codes = list(compress(codes, filled))
        out.lines = list(compress(lines_of_body, filled))
    return out


def _parsed(lines: Iterable[str], separator: str, name: str,
            line_of: Callable[[int], int]) -> Iterator[list[str]]:
    """The cells of each line (a line holds one record: there are no quotes); a csv.Error
    names the file's line of the i-th line read, ``line_of(i)``."""
    reader = csv.reader(lines, delimiter=separator, skipinitialspace=True)
    try:
        yield from reader
    except csv.Error as exc:
        raise InputError(f"expected CSV: {exc}", file=name,
                         line=line_of(reader.line_num - 1)) from None


def _filled_record(cells: Sequence[str]) -> bool:
    return any(cell.strip() for cell in cells)


def _separator(text: str, needed: Sequence[Sequence[str]], columns: Columns) -> str:
    """The separator that splits the header line into the most needed columns."""
    header = _first_filled_line(text)

    def score(separator: str) -> tuple[int, int]:
        try:
            cells = next(csv.reader([header], delimiter=separator, skipinitialspace=True), [])
        except csv.Error:  # a cell over csv's size limit: the reading says so, with its line
            return -1, -1
        keys = {_key(c) for c in cells}
        wanted = {_key(columns.get(f, f)) for group in needed for f in group}
        return len(keys & wanted), len([c for c in cells if c.strip()])

    return max(SEPARATORS, key=score)  # max keeps the first of equals: a comma


def _first_filled_line(text: str) -> str:
    """The first line (as str.splitlines cuts them) with more than separators, quotes and
    white space, or ''; from a growing head of the text, not all its million lines."""
    size = 1 << 12
    while True:
        lines = text[:size].splitlines()
        if size < len(text):
            lines.pop()  # it may go on past the head
        found = next((line for line in lines if _filled(line)), None)
        if found is not None or size >= len(text):
            return found or ""
        size *= 8


def _filled(text: str) -> bool:
    """Whether text has more than separators, quotes and white space."""
    return bool(text.strip(' \t\r\n,;"'))


def _picks(header: list[str], line: int, name: str, fields: Sequence[str],
           needed: Sequence[Sequence[str]], columns: Columns) -> dict[str, int]:
    """{field or column name: the index of its cell}: each field's column (the mapped one,
    or the one of its own name), then the other columns by their names. A column named
    like a field that is mapped to another column is left out."""
    keys = [_key(h) for h in header]
    picks: dict[str, int] = {}
    for field in fields:
        found = _columns_of(field, keys, columns)
        if len(found) > 1:
            raise InputError(f"{len(found)} columns are named {header[found[0]]!r} (columns "
                             f"{', '.join(str(i + 1) for i in found)}); expected one",
                             file=name, loc=(field,), line=line)
        if field in columns and not found:
            raise InputError(f"expected a column {columns[field]!r} (from --columns "
                             f"{field}={columns[field]}); the header line has "
                             f"{_listed(header)}", file=name, loc=(field,), line=line)
        if found:
            picks[field] = found[0]
    _check_needed(picks, header, line, name, needed)
    taken = set(picks.values())
    for i, key in enumerate(keys):
        if key and key not in fields and i not in taken:
            picks.setdefault(key, i)
    return picks


def _columns_of(field: str, keys: list[str], columns: Columns) -> list[int]:
    if field in columns:
        return [i for i, k in enumerate(keys) if k == _key(columns[field])]
    mapped = {_key(c) for c in columns.values()}
    return [i for i, k in enumerate(keys) if k == field and k not in mapped]


def _check_needed(picks: dict[str, int], header: list[str], line: int, name: str,
                  needed: Sequence[Sequence[str]]) -> None:
    for group in needed:
        if not any(f in picks for f in group):
            raise InputError(f"expected CSV columns {_needed_words(needed)}; missing "
                             f"{' or '.join(group)} (the header line has {_listed(header)}; "
                             f"--columns {group[0]}=NAME reads it from another column)",
                             file=name, loc=(group[0],), line=line)


def _needed_words(needed: Sequence[Sequence[str]]) -> str:
    words = [" or ".join(group) for group in needed]
    return ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else words[0]


def _listed(header: list[str]) -> str:
    shown = [h for h in header if h]
    return ", ".join(shown) if shown else "no column names"


def _key(name: str | None) -> str:
    """A column name as it is matched: spaces trimmed and collapsed, any case."""
    return " ".join((name or "").replace("\ufeff", "").split()).casefold()
