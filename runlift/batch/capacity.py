"""How many athletes the shared gym holds in each slot: `gym.capacity`.

``capacity: 8`` holds in every slot. A mapping gives capacities by day and slot, with
``default`` for every slot it does not name, and opening hours as zeros (a closed slot)::

    capacity: {default: 8, sun: 0, mon am: 4, 2027-03-12: 0}

A key is ``default``, a weekday (``sun``: every slot of every Sunday), a weekday and a
slot (``mon am``), a date (``2027-03-12``, needs ``week_start``), or a date and a slot.
The most specific key wins: a date and slot, then a date, then a weekday and slot, then
a weekday, then ``default``. Day names are read in any case; two keys that name the same
slots are an error, and so is a slot name no athlete has (checked once the athletes'
weeks are merged, in runlift.batch.squad).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from runlift.models.errors import ScenarioValueError, did_you_mean
from runlift.models.timeline import WEEKDAYS

DEFAULT_KEY = "default"
KEY_FORMS = "'default', a weekday (sun), 'DAY SLOT' (mon am), a date (2027-03-12) or 'DATE SLOT'"


@dataclass(frozen=True)
class CapacityKey:
    """One key of the mapping: a weekday or a date, and a slot or every slot."""

    text: str  # as written
    weekday: str | None = None
    date: str | None = None  # ISO
    slot: str | None = None

    @property
    def rank(self) -> int:
        """How specific the key is: the higher, the sooner it wins."""
        return (2 if self.date else 0) + (1 if self.slot else 0)


@dataclass(frozen=True)
class GymCapacity:
    """The capacity of every gym slot, from `gym.capacity`."""

    default: int
    keys: tuple[tuple[CapacityKey, int], ...] = ()  # most specific first
    written: int | dict[str, int] = field(default=0, compare=False)

    @property
    def uniform(self) -> bool:
        """One capacity for every slot (``capacity: 8``)."""
        return not self.keys

    def of(self, weekday: str, date: str | None, slot: str) -> int:
        """The capacity of the gym slot on ``weekday`` (and ``date``) at ``slot``."""
        for key, value in self.keys:
            if ((key.date is None or key.date == date)
                    and (key.weekday is None or key.weekday == weekday)
                    and (key.slot is None or key.slot == slot)):
                return value
        return self.default

    def slot_names(self) -> list[tuple[str, str]]:
        """(key as written, slot name) for every key that names a slot."""
        return [(key.text, key.slot) for key, _ in self.keys if key.slot is not None]

    def has_dates(self) -> list[str]:
        """The keys written with a date."""
        return [key.text for key, _ in self.keys if key.date is not None]

    def words(self) -> str:
        """'8 athletes per slot', or '8 athletes per slot (4 on mon am, 0 on sun)'."""
        text = f"{self.default} athlete{'s' if self.default != 1 else ''} per slot"
        if self.keys:
            text += " (" + ", ".join(f"{v} on {k.text}" for k, v in self.keys) + ")"
        return text


def parse_key(text: str) -> CapacityKey:
    """A key of the mapping; ScenarioValueError (at the key) when it is none of the forms."""
    parts = str(text).split()
    if not parts or len(parts) > 2:
        raise ScenarioValueError((text,), f"expected {KEY_FORMS}, got {text!r}")
    day, slot = parts[0].lower(), (parts[1] if len(parts) == 2 else None)
    if day in WEEKDAYS:
        return CapacityKey(text, weekday=day, slot=slot)
    try:
        date = dt.date.fromisoformat(day)
    except ValueError:
        hint = did_you_mean(day, [*WEEKDAYS, DEFAULT_KEY])
        raise ScenarioValueError((text,), f"expected {KEY_FORMS}, got {text!r}{hint}") from None
    return CapacityKey(text, date=date.isoformat(), slot=slot)


def _places(value: object, loc: tuple[str, ...]) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ScenarioValueError(loc, f"expected a whole number >= 0 (0: closed), got {value!r}")
    return value


def parse_capacity(written: object) -> GymCapacity:
    """`gym.capacity` as written; ScenarioValueError with the path below `gym.capacity`."""
    if not isinstance(written, Mapping):
        if not isinstance(written, int) or isinstance(written, bool):
            raise ScenarioValueError((), "expected a whole number >= 0, or a mapping of "
                                         f"slots to numbers ({{default: 8, sun: 0}}), got "
                                         f"{written!r}")
        return GymCapacity(default=_places(written, ()), written=written)
    if DEFAULT_KEY not in {str(k).strip().lower() for k in written}:
        raise ScenarioValueError((), "a capacity by slot needs a 'default' entry: the "
                                     "capacity of every slot it does not name "
                                     "(capacity: {default: 8, sun: 0})")
    default = 0
    keys: list[tuple[CapacityKey, int]] = []
    seen: dict[tuple[str | None, str | None, str | None], str] = {}
    for text, value in written.items():
        places = _places(value, (str(text),))
        if str(text).strip().lower() == DEFAULT_KEY:
            default = places
            continue
        key = parse_key(str(text))
        same = (key.weekday, key.date, key.slot)
        if same in seen:
            raise ScenarioValueError((text,), f"{text!r} names the same slots as "
                                              f"{seen[same]!r}: keep one")
        seen[same] = text
        keys.append((key, places))
    keys.sort(key=lambda kv: -kv[0].rank)  # stable: as written within a rank
    return GymCapacity(default=default, keys=tuple(keys),
                       written={str(k): v for k, v in written.items()})


def check_slots(capacity: GymCapacity, slots: Iterable[str]) -> None:
    """Every slot a key names is a slot of some athlete's week."""
    known = sorted(set(slots))
    for text, slot in capacity.slot_names():
        if slot not in known:
            raise ScenarioValueError((text,), f"unknown slot {slot!r}: the athletes' slots "
                                              f"are {', '.join(known)}"
                                              + did_you_mean(slot, known))
