"""What a file holds: a week (a scenario) or a block of weeks toward a race.

Compare and batch take either; they tell them apart by a block's own fields. A block
file always has ``start`` (no scenario field is called that: a week has ``week_start``),
and says how long it is with ``race``, ``weeks`` or ``phases``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

Kind = Literal["week", "block"]
WEEK: Kind = "week"
BLOCK: Kind = "block"
BLOCK_LENGTH_KEYS = ("race", "weeks", "phases")


def looks_like_block(data: Any) -> bool:
    """A mapping with a block's ``start`` and one of ``race``, ``weeks`` or ``phases``."""
    return (isinstance(data, Mapping) and "start" in data
            and any(key in data for key in BLOCK_LENGTH_KEYS))


def kind_of(data: Any) -> Kind:
    return BLOCK if looks_like_block(data) else WEEK


def kind_words(kind: Kind) -> str:
    """'a block file' or 'a week (a scenario file)', for one-line errors."""
    return "a block file" if kind == BLOCK else "a week (a scenario file)"
