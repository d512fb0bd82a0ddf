"""Solve every alternative with runlift.api.solve, in parallel across processes.

Workers receive plain scenario mappings and send back the result as JSON-ready data, so
that nothing CP-SAT or pydantic crosses a process boundary. Results are kept in the order
of the alternatives, whatever order the workers finish in.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from runlift import interrupts
from runlift.compare.alternatives import Alternative
from runlift.models.result import Result
from runlift.solver.params import DEFAULT_TIME_LIMIT

# Below this many alternatives the solves run in this process. A feasible week solves in
# ~20-30 ms and a forked pool of two costs 20-45 ms to start, feed and shut down, so two
# alternatives gain nothing from a pool (measured: two feasible weeks 94 ms in-process vs
# 198 ms pooled; one feasible and one explained infeasible week 464 vs 499 ms).
POOL_FROM = 3


@dataclass(frozen=True)
class Comparison:
    alternatives: list[Alternative]
    results: list[Result]

    @property
    def labels(self) -> list[str]:
        return [a.label for a in self.alternatives]


def default_workers() -> int:
    """The cores this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def solve_payload(payload: dict[str, Any]) -> dict[str, Any]:
    """Validate and solve one scenario mapping; the result as JSON-ready data."""
    from runlift.api import solve
    from runlift.scenario.model import Scenario

    scenario = Scenario.model_validate(payload["scenario"])
    result = solve(scenario, time_limit=payload["time_limit"])
    return result.model_dump(mode="json")


def _pool_context() -> Any:
    # fork shares the solver modules this process has already imported: a worker starts
    # in milliseconds instead of re-importing OR-Tools (~0.5 s each with spawn).
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def solve_payloads(payloads: Sequence[dict[str, Any]], workers: int) -> list[dict[str, Any]]:
    """Every payload solved, in the order given."""
    workers = min(workers, len(payloads))
    if workers <= 1 or len(payloads) < POOL_FROM:
        return [solve_payload(p) for p in payloads]
    # Loaded once here, so that forked workers inherit them.
    import runlift.api
    import runlift.solver.solve  # noqa: F401

    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context(),
                               initializer=interrupts.ignore_in_worker)
    try:
        # map keeps the input order; chunksize 1 balances slow (infeasible) alternatives.
        return list(pool.map(solve_payload, payloads, chunksize=1))
    except BaseException:  # an interrupt, or a failed alternative: nobody waits for the rest
        interrupts.kill_workers(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


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
    raw = solve_payloads(payloads, workers or default_workers())
    return Comparison(list(alternatives), [Result.model_validate(r) for r in raw])
