"""Scenario files: the format (model), reading files (loading, planfile), and resolving a
scenario into the Problem the solver and the checker share (resolve)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from runlift.models.problem import Problem


def problem_from(data: Mapping[str, Any]) -> Problem:
    """The problem of a scenario given as plain data (raises pydantic's ValidationError)."""
    from runlift.scenario.model import Scenario
    from runlift.scenario.resolve import resolve

    return resolve(Scenario.model_validate(data))
