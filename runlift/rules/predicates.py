"""Named tests on session types, shared by the encodings and the checks.

``muscle:legs`` (a strength session of moderate or hard intensity that loads legs) and
``type:tempo`` (that one type) are built on demand.
"""

from __future__ import annotations

from collections.abc import Callable

from runlift.models.catalog import SessionType

Predicate = Callable[[SessionType], bool]

PREDICATES: dict[str, Predicate] = {
    "any": lambda t: True,
    "hard": lambda t: t.is_hard,
    "heavy": lambda t: t.heavy_legs,
    "key": lambda t: t.is_key_run,
    "run": lambda t: t.is_run,
    "hard_run": lambda t: t.is_hard_run,
    "nonrest": lambda t: t.counts_for_rest,
    "race": lambda t: t.kind == "race",
}


def predicate(name: str) -> Predicate:
    if name.startswith("muscle:"):
        muscle = name.split(":", 1)[1]
        return lambda t: t.loads_muscles and muscle in t.muscles
    if name.startswith("type:"):
        wanted = name.split(":", 1)[1]
        return lambda t: t.name == wanted
    return PREDICATES[name]
