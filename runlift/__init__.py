"""runlift: a constraint-solving planner for runners who lift.

The public API is imported lazily, so that ``runlift --help`` does not load OR-Tools.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

_API = {
    "solve": "runlift.api",
    "check": "runlift.api",
    "explain": "runlift.api",
    "load_scenario": "runlift.api",
    "load_plan": "runlift.api",
    "Scenario": "runlift.scenario.model",
    "Result": "runlift.models.result",
    "CheckResult": "runlift.models.result",
    "Placement": "runlift.models.plan",
    "Problem": "runlift.models.problem",
    "Status": "runlift.models.status",
    "resolve": "runlift.scenario.resolve",
    "InputError": "runlift.errors",
    "RULES": "runlift.rules",
}

__all__ = ["__version__", *sorted(_API)]


def __getattr__(name: str) -> Any:
    if name in _API:
        import importlib

        return getattr(importlib.import_module(_API[name]), name)
    raise AttributeError(f"module 'runlift' has no attribute {name!r}")
