"""The registry: every member of a plan's contract, each in its own module.

- ``runlift/rules/<name>.py``: a configurable rule (hard, soft or off);
- ``runlift/rules/structural/<name>.py``: a member that always holds;
- ``runlift/rules/terms/<name>.py``: a term of the objective.

Each module ends with ``MEMBER = TheMember()``; the registry finds it by its module name,
which must be the member's name. Adding a rule means adding one module (and its tests).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from types import ModuleType
from typing import TypeVar

from runlift.rules.base import (
    FIRST,
    Candidate,
    Clashing,
    CostTerm,
    Member,
    Rule,
    Structural,
    Term,
    Violation,
)

__all__ = [
    "CLASHING",
    "FIRST",
    "RULES",
    "STRUCTURAL",
    "TERMS",
    "Candidate",
    "CostTerm",
    "Member",
    "Rule",
    "Structural",
    "Term",
    "Violation",
    "clashing_member",
]

M = TypeVar("M", bound=Member)


def _members(package: ModuleType) -> Iterator[Member]:
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if info.ispkg:
            continue
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        member = getattr(module, "MEMBER", None)
        if member is None:
            continue  # a helper module (base classes, value types)
        if member.name != info.name:  # pragma: no cover - a packaging mistake
            raise RuntimeError(f"module {module.__name__} defines member {member.name}")
        yield member


def _discover(package_name: str, kind: type[M]) -> dict[str, M]:
    """The members of ``kind`` in a package's modules, by rank and name."""
    package = importlib.import_module(package_name)
    found = [m for m in _members(package) if isinstance(m, kind)]
    return {m.name: m for m in sorted(found, key=lambda m: (m.rank, m.name))}


# The kinds are abstract classes, which mypy refuses where a type[M] is asked for.
RULES: dict[str, Rule] = _discover(__name__, Rule)  # type: ignore[type-abstract]
STRUCTURAL: dict[str, Structural] = _discover(
    f"{__name__}.structural", Structural)  # type: ignore[type-abstract]
TERMS: dict[str, Term] = _discover(f"{__name__}.terms", Term)  # type: ignore[type-abstract]
CLASHING: dict[str, Clashing] = {**STRUCTURAL, **RULES}


def clashing_member(key: str) -> Clashing:
    """The member that owns a conflict key: 'rule:taper_days' -> taper_days,
    'sessions:tempo' -> sessions, 'fixed:0' -> fixed."""
    kind, _, what = key.partition(":")
    return RULES[what] if kind == "rule" else STRUCTURAL[kind]
