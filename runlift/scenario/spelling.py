"""How a plan's cells may spell a day, a slot and a date: as people and spreadsheets write
them. Each reader returns the canonical value or raises ValueError saying what was expected.

- A weekday is its English name in any case, in full or cut to three letters or more:
  ``Tuesday``, ``tues``, ``Tue``, ``TUE``. A whole number (``3``) is a 0-based index.
- A slot is one of the scenario's slot names, exactly or else in any case (``AM`` for
  ``am``); a name that matches two slots but neither exactly is ambiguous.
- A date is ``YYYY-MM-DD`` (or ``YYYY/MM/DD``), ``DD.MM.YYYY``, or, as a spreadsheet writes
  it, ``DD/MM/YYYY`` or ``MM/DD/YYYY`` (also with ``-``). Which of those two is taken from
  the whole file: the order that puts more of its dates inside the span. A date that only
  one order can read (``13/03/2027``) is read so; one that two orders read as two days,
  in a file that leaves the order open (as many dates inside the span either way), is an
  error. A two-digit year is 20YY.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from runlift.models.errors import did_you_mean
from runlift.models.timeline import FULL_DAY_NAMES, WEEKDAYS

_FULL = {full.lower(): short for short, full in FULL_DAY_NAMES.items()}
_INDEX = re.compile(r"^-?\d+$")
DAY_EXPECTED = "a weekday (mon..sun or monday..sunday, any case) or a 0-based index"
DATE_EXPECTED = "a date as YYYY-MM-DD (or DD.MM.YYYY, DD/MM/YYYY or MM/DD/YYYY)"


def spelled_day(token: Any) -> str | int:
    """A day cell as ``days_named`` takes it: ``'tue'`` for any spelling of Tuesday, an
    index as an int."""
    if isinstance(token, int) and not isinstance(token, bool):
        return token
    text = str(token).strip().lower()
    if _INDEX.match(text):
        return int(text)
    if len(text) >= 3:
        for full, short in _FULL.items():
            if full.startswith(text):
                return short
    raise ValueError(f"unknown day {token!r}: expected {DAY_EXPECTED}"
                     + did_you_mean(text, [*WEEKDAYS, *_FULL]))


def spelled_slot(token: Any, slots: Sequence[str]) -> str:
    """The scenario's slot a cell names: exactly, or else ignoring case."""
    text = str(token).strip()
    if text in slots:
        return text
    matches = [s for s in slots if s.casefold() == text.casefold()]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise ValueError(f"slot {text!r} is ambiguous: it matches {' and '.join(matches)} "
                         "ignoring case; write one of them exactly")
    raise ValueError(f"unknown slot {text!r}: expected one of {', '.join(slots)} (any case)"
                     + did_you_mean(text, slots))


_ISO = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$")
_YEAR_LAST = re.compile(r"^(\d{1,2})([/-])(\d{1,2})\2(\d{2}|\d{4})$")


class DateReader:
    """Reads the date cells of one file, for dates from ``first`` to ``last``; ``span``
    names that range in errors ('horizon', 'block'). ``tokens`` are all the file's date
    cells, or each distinct one with how many cells hold it: they decide whether
    ``02/03/2027`` is day or month first."""

    def __init__(self, first: dt.date, last: dt.date, span: str,
                 tokens: Iterable[Any] | Mapping[Any, int] = ()) -> None:
        self.first, self.last, self.span = first, last, span
        texts: Counter[str] = Counter()
        if isinstance(tokens, Mapping):
            for token, n in tokens.items():
                texts[str(token).strip()] += n
        else:
            texts.update(str(t).strip() for t in tokens)
        self.day_first = self._day_first(texts)

    def read(self, token: Any) -> dt.date:
        """The date of a cell, inside the span; ValueError otherwise."""
        date, how = self._parse(token)
        if not self.first <= date <= self.last:
            raise ValueError(f"{date}{how} is outside the {self.span} "
                             f"({self.first} to {self.last})")
        return date

    def _parse(self, token: Any) -> tuple[dt.date, str]:
        if isinstance(token, dt.date) and not isinstance(token, dt.datetime):
            return token, ""
        text = str(token).strip()
        if match := _YEAR_LAST.match(text):
            return self._year_last(text, _readings(match))
        try:
            if match := _ISO.match(text):
                year, month, day = map(int, match.groups())
                return dt.date(year, month, day), ""
            if match := _DOTTED.match(text):
                return _dated(match.group(3), match.group(2), match.group(1)), ""
        except ValueError as exc:
            raise ValueError(f"expected {DATE_EXPECTED}, got {text!r} ({exc})") from None
        raise ValueError(f"expected {DATE_EXPECTED}, got {text!r}")

    def _year_last(self, text: str, readings: dict[bool, dt.date]) -> tuple[dt.date, str]:
        """A D/M/Y-or-M/D/Y date: its one reading, or the file's order's."""
        if not readings:
            raise ValueError(f"expected {DATE_EXPECTED}, got {text!r} (no such day)")
        if len(set(readings.values())) == 1:
            return next(iter(readings.values())), ""
        order = self.day_first
        if order is None:  # the file does not tell
            if any(self.first <= d <= self.last for d in readings.values()):
                raise ValueError(f"{text!r} could be {readings[True]} (day first) or "
                                 f"{readings[False]} (month first), and the file's dates do "
                                 "not tell which; write it as YYYY-MM-DD")
            order = True
        return readings[order], f" ({text!r} read {'day' if order else 'month'} first)"

    def _day_first(self, texts: Counter[str]) -> bool | None:
        """True when the file's D/M/Y-or-M/D/Y dates read day first, False month first,
        None when it does not tell."""
        scores = {True: 0, False: 0}
        for text, n in texts.items():  # each distinct text once: a plan may repeat one
            if match := _YEAR_LAST.match(text):
                for order, date in _readings(match).items():
                    scores[order] += n * (self.first <= date <= self.last)
        if scores[True] == scores[False]:
            return None
        return scores[True] > scores[False]


def _readings(match: re.Match[str]) -> dict[bool, dt.date]:
    """A D/M/Y-or-M/D/Y date's valid readings: True day first, False month first."""
    a, _, b, year = match.groups()
    out = {}
    for order, (day, month) in ((True, (a, b)), (False, (b, a))):
        with contextlib.suppress(ValueError):  # no such day: not a reading
            out[order] = _dated(year, month, day)
    return out


def _dated(year: str, month: str, day: str) -> dt.date:
    full = int(year) + (2000 if len(year) == 2 else 0)
    return dt.date(full, int(month), int(day))
