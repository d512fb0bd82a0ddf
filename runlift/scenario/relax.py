"""Apply a relaxation to a scenario, as a coach would edit the file.

A relaxation names the dotted path of a field (``rules.taper_days``, ``sessions.tempo``,
``fixed.0``) and its new value; ``null`` removes a list entry (an unpinned session, an
opened slot). A combined relaxation's further changes (``also``) apply with it. List
indices name the entries of the file as written, so removals go from the back.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from runlift.models.result import Change, Relaxation


def apply_relaxation(data: Mapping[str, Any], relaxation: Relaxation) -> dict[str, Any]:
    """A copy of the scenario mapping ``data`` with every change of ``relaxation`` made."""
    out = copy.deepcopy(dict(data))
    changes: list[Change] = [relaxation, *relaxation.also]
    removals = [c for c in changes if c.value is None and c.change.split(".")[-1].isdigit()]
    for change in changes:
        if change not in removals:
            _set(out, change.change.split("."), change.value)
    for change in sorted(removals, key=lambda c: int(c.change.split(".")[-1]), reverse=True):
        *parents, index = change.change.split(".")
        del _get(out, parents)[int(index)]
    return out


def _get(data: Any, path: list[str]) -> Any:
    for part in path:
        data = data[int(part)] if isinstance(data, list) else data.setdefault(part, {})
    return data


def _set(data: dict[str, Any], path: list[str], value: Any) -> None:
    *parents, last = path
    container = _get(data, parents)
    if container is None:  # an empty section in the file (`rules:`)
        raise ValueError(f"cannot set {'.'.join(path)}")
    container[last] = value
