"""Solve every alternative with runlift.api.solve, in parallel across processes.

Workers receive plain scenario mappings and send back the result as JSON-ready data, so
that nothing CP-SAT or pydantic crosses a process boundary. Results are kept in the order
of the alternatives, whatever order the workers finish in. Blocks go the same way: the
workers receive block mappings and plan them as `runlift block` does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from runlift import interrupts
from runlift.compare.alternatives import Alternative, require_valid
from runlift.documents import BLOCK
from runlift.models.block import BlockResult
from runlift.models.result import Result
from runlift.pool import process_pool, usable_cores
from runlift.solver.params import DEFAULT_TIME_LIMIT

# Below this many alternatives the solves run in this process. A feasible week solves in
# ~20-30 ms and a forked pool of two costs 20-45 ms to start, feed and shut down, so two
# alternatives gain nothing from a pool (measured: two feasible weeks 94 ms in-process vs
# 198 ms pooled; one feasible and one explained infeasible week 464 vs 499 ms).
POOL_FROM = 3
# A block takes 0.2-1 s to plan (16 weeks: ~0.6 s), so a pool pays for itself from two
# (measured: two 16-week blocks 1.9 s in-process vs 1.2 s pooled on two cores).
BLOCK_POOL_FROM = 2
# The task the pool's workers run, loaded before they start, beside the solver.
TASK_MODULE = __name__
# What a worker needs to plan a block, beyond the solver (the weeks planned together
# when one does not fit after the others; the explanation of a block that cannot work).
BLOCK_MODULES = ("runlift.block.solve", "runlift.block.joint", "runlift.block.explain")


@dataclass(frozen=True)
class Comparison:
    """Weeks side by side: each alternative's Result, None for an invalid alternative
    (its ``invalid`` says why)."""

    alternatives: list[Alternative]
    results: list[Result | None]

    @property
    def labels(self) -> list[str]:
        return [a.label for a in self.alternatives]


@dataclass(frozen=True)
class BlockComparison:
    """Blocks side by side: each alternative's plan as `runlift block` makes it."""

    alternatives: list[Alternative]
    results: list[BlockResult | None]  # None for an invalid alternative

    @property
    def labels(self) -> list[str]:
        return [a.label for a in self.alternatives]


def solve_payload(payload: dict[str, Any]) -> dict[str, Any]:
    """Validate and solve one scenario mapping; the result as JSON-ready data."""
    if payload.get("kind") == BLOCK:
        return plan_block_payload(payload)
    from runlift.api import solve
    from runlift.scenario.model import Scenario

    scenario = Scenario.model_validate(payload["scenario"])
    result = solve(scenario, time_limit=payload["time_limit"])
    return result.model_dump(mode="json")


def plan_block_payload(payload: dict[str, Any]) -> dict[str, Any]:
    """Validate, resolve and plan one block mapping; the result as JSON-ready data."""
    from runlift.block.model import BlockFile
    from runlift.block.problem import build
    from runlift.block.solve import plan_block

    problem = build(BlockFile.model_validate(payload["block"]), payload["file"])
    return plan_block(problem, time_limit=payload["time_limit"]).model_dump(mode="json")


def solve_payloads(payloads: Sequence[dict[str, Any]], workers: int, *,
                   pool_from: int = POOL_FROM, preload: Sequence[str] = ()
                   ) -> list[dict[str, Any]]:
    """Every payload solved, in the order given."""
    workers = min(workers, len(payloads))
    if workers <= 1 or len(payloads) < pool_from:
        return [solve_payload(p) for p in payloads]
    # Forked from here: the scenario models are loaded already (see runlift.pool).
    pool = process_pool(workers, [TASK_MODULE, *preload], inherit=True)
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
    """Solve every valid alternative (one CP-SAT worker each) and keep them side by side.
    Raises the first alternative's InputError when none is valid."""
    _check_labels(alternatives)
    if any(a.kind == BLOCK for a in alternatives):
        raise ValueError("these alternatives are blocks: compare them with compare_blocks")
    require_valid(alternatives)
    payloads = [{"scenario": a.data, "time_limit": time_limit} for a in alternatives if a.valid]
    raw = iter(solve_payloads(payloads, workers or usable_cores()))
    return Comparison(list(alternatives), [Result.model_validate(next(raw)) if a.valid else None
                                           for a in alternatives])


def compare_blocks(
    alternatives: Sequence[Alternative],
    *,
    time_limit: float = DEFAULT_TIME_LIMIT,
    workers: int | None = None,
) -> BlockComparison:
    """Plan every valid block alternative (one process each) and keep them side by side.
    Raises the first alternative's InputError when none is valid."""
    _check_labels(alternatives)
    if any(a.kind != BLOCK for a in alternatives):
        raise ValueError("these alternatives are weeks: compare them with compare")
    require_valid(alternatives)
    payloads = [{"kind": BLOCK, "block": a.data, "file": a.source, "time_limit": time_limit}
                for a in alternatives if a.valid]
    raw = iter(solve_payloads(payloads, workers or usable_cores(), pool_from=BLOCK_POOL_FROM,
                              preload=BLOCK_MODULES))
    return BlockComparison(list(alternatives),
                           [BlockResult.model_validate(next(raw)) if a.valid else None
                            for a in alternatives])


def _check_labels(alternatives: Sequence[Alternative]) -> None:
    labels = [a.label for a in alternatives]
    if len(set(labels)) < len(labels):
        raise ValueError(f"alternative labels must be unique, got {labels}")
