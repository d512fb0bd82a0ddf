"""What runs in a worker process (a local pool process or a Dask worker).

Plain dicts come in and go out: CP-SAT models cannot be pickled, so every worker validates
its athletes' scenarios and builds their models itself, through ``runlift.api.solve``.
The local pool's fork server preloads this module and the solver, so that every worker
process starts with OR-Tools loaded. An athlete of a squad of blocks is a block, planned
as ``runlift block`` plans it (the block modules load on a worker's first block).
"""

from __future__ import annotations

import os
import time
from typing import Any

from pydantic import ValidationError

from runlift.api import solve
from runlift.batch.output import ERROR, INVALID, block_summary_fields, summary_fields
from runlift.documents import BLOCK
from runlift.errors import InputError
from runlift.scenario.loading import validation_to_input_error
from runlift.scenario.model import Scenario


def solve_chunk(payloads: list[dict[str, Any]], options: dict[str, Any]) -> list[dict[str, Any]]:
    """Solve several athletes in a row; one outcome dict per athlete, in order."""
    return [solve_payload(p, options) for p in payloads]


def solve_payload(payload: dict[str, Any], options: dict[str, Any]) -> dict[str, Any]:
    """Validate and solve one athlete. Never raises for a bad or failing athlete."""
    if options.get("crash_on") == payload["name"]:  # test hook, see backends.CRASH_ENV
        os._exit(70)
    if payload.get("kind") == BLOCK:
        return plan_block_payload(payload, options)
    outcome: dict[str, Any] = {"index": payload["index"]}
    try:
        scenario = Scenario.model_validate(payload["scenario"])
    except ValidationError as exc:
        error = validation_to_input_error(exc, Scenario, "", None)
        outcome.update(status=INVALID, error_loc=list(error.loc), error=error.message)
        return outcome
    started = time.perf_counter()
    try:
        result = solve(scenario, time_limit=options["time_limit"], timings=True)
    except Exception as exc:  # an internal error costs this athlete only, not the chunk
        outcome.update(status=ERROR, error=f"internal error: {type(exc).__name__}: {exc}")
        return outcome
    elapsed = time.perf_counter() - started
    search = result.timings["solve_seconds"] if result.timings else elapsed
    result.timings = None  # the file must equal `runlift solve --format json`
    outcome.update(
        status=result.status,
        json=result.to_json(),
        fields=summary_fields(result),
        solve_seconds=round(elapsed, 4),
        search_seconds=search,
    )
    return outcome


def plan_block_payload(payload: dict[str, Any], options: dict[str, Any]) -> dict[str, Any]:
    """Validate, resolve and plan one athlete's block. Never raises for a bad or failing
    athlete: a bad block is one invalid outcome with the field it names."""
    from runlift.block.model import BlockFile
    from runlift.block.problem import build
    from runlift.block.solve import plan_block

    outcome: dict[str, Any] = {"index": payload["index"]}
    try:
        problem = build(BlockFile.model_validate(payload["scenario"]), "")
    except (ValidationError, InputError) as exc:  # InputError: a week is no valid scenario
        error = (validation_to_input_error(exc, BlockFile, "", None)
                 if isinstance(exc, ValidationError) else exc)
        outcome.update(status=INVALID, error_loc=list(error.loc), error=error.message)
        return outcome
    started = time.perf_counter()
    try:
        result = plan_block(problem, time_limit=options["time_limit"])
    except Exception as exc:  # an internal error costs this athlete only, not the chunk
        outcome.update(status=ERROR, error=f"internal error: {type(exc).__name__}: {exc}")
        return outcome
    outcome.update(  # the file is what `runlift block --format json` prints
        status=result.status, json=result.to_json(), fields=block_summary_fields(result),
        solve_seconds=round(time.perf_counter() - started, 4))
    return outcome
