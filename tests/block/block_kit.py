"""Small blocks for the tests: a few weeks with few sessions plan in well under a second."""

from __future__ import annotations

import copy
from typing import Any

from runlift.block.model import BlockFile
from runlift.block.problem import BlockProblem, build

SMALL: dict[str, Any] = {
    "name": "Small block",
    "start": "2027-01-04",
    "weeks": 5,
    "week": {"sessions": {"easy_run": 2, "long_run": 1, "lower_strength": 1},
             "prefer": {"long_run": ["sun"]}},
    "scale": {"long_run": {"minutes": [60, 120], "step": 10},
              "easy_run": {"minutes": [30, 50], "step": 5}},
}


def small(**changes: Any) -> dict[str, Any]:
    """The small block with top-level fields replaced (``progression={...}``)."""
    data = copy.deepcopy(SMALL)
    data.update(changes)
    return data


def problem(data: dict[str, Any]) -> BlockProblem:
    return build(BlockFile.model_validate(data), "<test>")
