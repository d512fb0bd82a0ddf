"""`runlift ARGS` as the installed command runs it, telling the test when it reaches the
moment the test wants to interrupt. Run as ``python interrupt_child.py MOMENT ARGS...``;
the marker ("MOMENT\\n") goes to the file descriptor named by RUNLIFT_TEST_MARKER_FD, so
that stderr holds only what runlift itself prints.

Moments: ``search`` (a CP-SAT search has started), ``explain`` (the explanation of a week
without a plan has started), ``write`` (the output is in its temporary file and being
flushed: the flush then takes a second).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from typing import Any


def mark(moment: str) -> None:
    os.write(int(os.environ["RUNLIFT_TEST_MARKER_FD"]), f"{moment}\n".encode())


def marking(moment: str, func: Callable[..., Any], pause: float = 0.0) -> Callable[..., Any]:
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        mark(moment)
        time.sleep(pause)
        return func(*args, **kwargs)

    return wrapped


def instrument(moment: str) -> None:
    if moment == "search":
        import runlift.solver.cpsat as cpsat

        cpsat._solve_interruptibly = marking(moment, cpsat._solve_interruptibly)
    elif moment == "explain":
        import runlift.solver.explain as explain

        explain.explain_infeasible = marking(moment, explain.explain_infeasible)
    elif moment == "write":
        os.fsync = marking(moment, os.fsync, pause=1.0)


if __name__ == "__main__":
    instrument(sys.argv[1])
    sys.argv = ["runlift", *sys.argv[2:]]
    from runlift.cli.entry import main

    main()
