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
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from runlift.errors import InputError
from runlift.models.errors import did_you_mean
from runlift.scenario.limits import read_input_bytes

SEPARATORS = (",", ";", "\t")
COLUMNS_SYNTAX = "FIELD=COLUMN pairs separated by commas, such as session=Workout,slot=Time"
Columns = Mapping[str, str]  # field -> the file's name of the column that holds it
Cell = str | None


@dataclass(frozen=True)
class Sheet:
    """The rows of a CSV file as {field or column name: cell}, and each row's line."""

    rows: list[dict[str, Cell]]
    lines: list[int]


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
    records = _records(text, name, needed, columns or {}) if _filled(text) else []
    if not records:
        raise InputError(f"the file is empty; expected a header line with the columns "
                         f"{_needed_words(needed)}, and one row per session", file=name)
    (header_line, header), body = records[0], records[1:]
    picks = _picks(header, header_line, name, fields, needed, columns or {})
    rows = [{key: cells[i] if i < len(cells) else None for key, i in picks.items()}
            for _, cells in body]
    return Sheet(rows, [line for line, _ in body])


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


def _records(text: str, name: str, needed: Sequence[Sequence[str]], columns: Columns
             ) -> list[tuple[int, list[str]]]:
    """The file's non-blank records, each with the line it starts on."""
    separator = _separator(text, needed, columns)
    reader = csv.reader(io.StringIO(text, newline=None), delimiter=separator,
                        skipinitialspace=True)
    out, line = [], 1
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                out.append((line, [cell.strip() for cell in cells]))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(f"expected CSV: {exc}", file=name, line=reader.line_num) from None
    return out


def _separator(text: str, needed: Sequence[Sequence[str]], columns: Columns) -> str:
    """The separator that splits the header line into the most needed columns."""
    header = next((line for line in text.splitlines() if _filled(line)), "")

    def score(separator: str) -> tuple[int, int]:
        cells = next(csv.reader([header], delimiter=separator, skipinitialspace=True), [])
        keys = {_key(c) for c in cells}
        wanted = {_key(columns.get(f, f)) for group in needed for f in group}
        return len(keys & wanted), len([c for c in cells if c.strip()])

    return max(SEPARATORS, key=score)  # max keeps the first of equals: a comma


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
