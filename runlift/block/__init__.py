"""Blocks of weeks toward a race: `runlift block`.

>>> from runlift.block import load_block, plan
>>> result = plan(load_block("scenarios/blocks/marathon-16.yaml"))
>>> result.status.value
'optimal'
"""

from __future__ import annotations

from pathlib import Path

from runlift.block.guardrails import GUARDRAILS
from runlift.block.model import BlockFile
from runlift.block.problem import BlockProblem, build
from runlift.models.block import BlockResult
from runlift.solver.params import DEFAULT_TIME_LIMIT

__all__ = ["GUARDRAILS", "BlockFile", "BlockProblem", "load_block", "plan", "problem_of"]


def load_block(path: str | Path) -> BlockProblem:
    """Read and validate a block file, and resolve its weeks. Raises InputError with the
    file, field path and line."""
    from runlift.block.loading import load_block_file

    return load_block_file(path)


def problem_of(block: BlockFile | BlockProblem, file: str = "<block>") -> BlockProblem:
    return block if isinstance(block, BlockProblem) else build(block, file)


def plan(block: BlockFile | BlockProblem, *, time_limit: float = DEFAULT_TIME_LIMIT,
         timings: bool = False) -> BlockResult:
    """The block's plan, or the clash and the changes that make it work."""
    from runlift.block.solve import plan_block

    return plan_block(problem_of(block), time_limit=time_limit, timings=timings)
