"""Small builders shared by the rule, checker and solver tests.

``tests/`` is on ``sys.path`` (pytest's rootdir conftest), so tests import this module as
``scenario_kit``. A test scenario starts with every rule off and every objective weight 0,
so that only what the test names can bind.
"""

from __future__ import annotations

import copy
from typing import Any

from runlift.checker import CheckReport, check_plan
from runlift.models.plan import Placement
from runlift.models.result import Relaxation, Result
from runlift.planning import solve_problem
from runlift.rules import RULES
from runlift.scenario.model import Scenario
from runlift.scenario.resolve import resolve

NO_WEIGHTS = {"balance": 0, "preferences": 0, "spread": 0}


def document(**fields: Any) -> dict[str, Any]:
    """A scenario document: rules not named in ``rules`` or ``soft`` are off, weights not
    given are 0. Everything else is kept as written."""
    data = dict(fields)
    data["weights"] = {**NO_WEIGHTS, **data.get("weights", {})}
    named = set(data.get("rules", {})) | set(data.get("soft", {}))
    data["soft"] = {name: False for name in RULES if name not in named} | data.get("soft", {})
    return data


def make(**fields: Any) -> Scenario:
    """``document(**fields)``, validated."""
    return Scenario.model_validate(document(**fields))


def placements(sc: Scenario, *cells: str) -> list[Placement]:
    """``"tue pm lower_strength"`` (or ``"3 am tempo"``) -> placements of ``sc``."""
    problem = resolve(sc)
    slot_index = {slot.name: i for i, slot in enumerate(problem.slots)}
    out = []
    for text in cells:
        day, slot, session = text.split()
        (d,) = problem.timeline.days_named(day, recurring=False)
        out.append(Placement(day=d, slot=slot_index[slot], session=session))
    return out


def check(sc: Scenario, *cells: str) -> CheckReport:
    return check_plan(resolve(sc), placements(sc, *cells))


def solve(sc: Scenario) -> Result:
    return solve_problem(resolve(sc))


def layout(result: Result) -> set[str]:
    """The plan as ``{"mon am tempo", ...}`` (weekday names), comparable to ``placements``."""
    return {f"{e.weekday} {e.slot} {e.session}" for e in result.plan}


def rule_violations(report: CheckReport, rule: str) -> list:
    """The hard and soft breaches of ``rule`` found by the checker."""
    return [v for v in report.violations + report.soft_violations if v.rule == rule]


def assert_plan(result: Result, expected: set[str] | None = None) -> set[str]:
    """The result holds a proven-optimal plan (equal to ``expected`` when given)."""
    assert result.status == "optimal", (result.status, result.conflicts)
    got = layout(result)
    if expected is not None:
        assert got == expected
    return got


def apply_relaxation(doc: dict[str, Any], relaxation: Relaxation) -> dict[str, Any]:
    """The scenario document with a relaxation (and the changes it comes ``also`` with)
    applied, as a user would edit the file."""
    doc = copy.deepcopy(doc)
    removals: list[tuple[str, int]] = []
    for change in [relaxation, *relaxation.also]:
        section, _, key = change.change.partition(".")
        if section == "rules":
            assert key in RULES, change
            doc.setdefault("rules", {})[key] = change.value
        elif section == "sessions":
            doc["sessions"][key] = change.value
        elif section in ("fixed", "unavailable"):
            assert change.value is None, change
            removals.append(((section,), int(key)))
        elif section == "avoid":
            assert change.value is None, change
            session, _, index = key.partition(".")
            removals.append(((section, session), int(index)))
        else:
            raise AssertionError(f"unknown relaxation {change}")
    # Indices name entries of the file as written: remove from the back.
    for path, index in sorted(removals, key=lambda r: r[1], reverse=True):
        entries = doc
        for part in path:
            entries = entries[part]
        del entries[index]
    return doc
