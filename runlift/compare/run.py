"""Solve every alternative with runlift.api.solve, in parallel across processes.

Workers receive plain scenario mappings and send back the result as JSON-ready data, so
that nothing CP-SAT or pydantic crosses a process boundary. Results are kept in the order
of the alternatives, whatever order the workers finish in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from runlift.compare.alternatives import Alternative
from runlift.models.result import Result
from runlift.pool import process_pool, usable_cores
from runlift.solver.params import DEFAULT_TIME_LIMIT

# Below this many alternatives the solves run in this process. A feasible week solves in
# ~20-30 ms and a forked pool of two costs 20-45 ms to start, feed and shut down, so two
# alternatives gain nothing from a pool (measured: two feasible weeks 94 ms in-process vs
# 198 ms pooled; one feasible and one explained infeasible week 464 vs 499 ms).
POOL_FROM = 3
# The task the pool's workers run, loaded before they start, beside the solver.
TASK_MODULE = __name__


@dataclass(frozen=True)
class Comparison:
    alternatives: list[Alternative]
    results: list[Result]

    @property
    def labels(self) -> list[str]:
        return [a.label for a in self.alternatives]


def solve_payload(payload: dict[str, Any]) -> dict[str, Any]:
    """Validate and solve one scenario mapping; the result as JSON-ready data."""
    from runlift.api import solve
    from runlift.scenario.model import Scenario

    scenario = Scenario.model_validate(payload["scenario"])
    result = solve(scenario, time_limit=payload["time_limit"])
    return result.model_dump(mode="json")


def solve_payloads(payloads: Sequence[dict[str, Any]], workers: int) -> list[dict[str, Any]]:
    """Every payload solved, in the order given."""
    workers = min(workers, len(payloads))
    if workers <= 1 or len(payloads) < POOL_FROM:
        return [solve_payload(p) for p in payloads]
    # Forked from here: the scenario models are loaded already (see runlift.pool).
    with process_pool(workers, [TASK_MODULE], inherit=True) as pool:
        # map keeps the input order; chunksize 1 balances slow (infeasible) alternatives.
        return list(pool.map(solve_payload, payloads, chunksize=1))


def compare(
    alternatives: Sequence[Alternative],
    *,
    time_limit: float = DEFAULT_TIME_LIMIT,
    workers: int | None = None,
) -> Comparison:
    """Solve every alternative (one CP-SAT worker each) and keep them side by side."""
    labels = [a.label for a in alternatives]
    if len(set(labels)) < len(labels):
        raise ValueError(f"alternative labels must be unique, got {labels}")
    payloads = [{"scenario": a.data, "time_limit": time_limit} for a in alternatives]
    raw = solve_payloads(payloads, workers or usable_cores())
    return Comparison(list(alternatives), [Result.model_validate(r) for r in raw])
