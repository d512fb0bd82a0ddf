"""A four-week horizon for the renderers: the main example's week, four times over."""

from __future__ import annotations

from typing import Any

import pytest

from runlift import solve
from runlift.models.result import Result
from runlift.scenario.model import Scenario


def four_week_data() -> dict[str, Any]:
    """The sessions of scenarios/half-marathon-build.yaml times four, over 28 days; the
    weekday names in `unavailable` and `prefer` recur every week."""
    return {
        "name": "Half-marathon build, weeks 5 to 8",
        "week_start": "2027-03-01",
        "days": 28,
        "sessions": {"easy_run": 12, "long_run": 4, "tempo": 4, "lower_strength": 8,
                     "core": 4},
        "fixed": [{"session": "intervals", "day": day, "slot": "am"} for day in (1, 8, 15, 22)],
        "unavailable": ["fri", "wed am"],
        "prefer": {"long_run": ["sat"], "lower_strength": ["tue", "fri"]},
        "rules": {"legs_policy": "stack", "lift_to_key_hours": 36},
        "soft": {"max_hard_days": 5},
        "weights": {"balance": 1, "preferences": 3, "spread": 1},
    }


@pytest.fixture(scope="session")
def four_weeks() -> tuple[Scenario, Result]:
    scenario = Scenario.model_validate(four_week_data())
    return scenario, solve(scenario)
