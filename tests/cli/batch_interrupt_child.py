"""`runlift batch ARGS` as the installed command runs it, telling the test when it reaches
the moment the test wants to interrupt (the marker pipe of interrupt_child.py). Run as
``python batch_interrupt_child.py MOMENT ARGS...``.

Moments: ``load`` (the squad file is being read: that takes a second more), ``solve``
(the fifth result is in place; the workers go on solving), ``joint`` (the shared gym's
joint CP-SAT search has started in runlift's own process), ``summary`` (every athlete is
done and summary.csv is being written: that takes a second more).
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from typing import Any

from interrupt_child import mark, marking

SOLVED_BEFORE_MARK = 5


def instrument(moment: str) -> None:
    if moment == "load":
        import runlift.batch.squad as squad

        squad.load_squad = marking(moment, squad.load_squad, pause=1.0)
    elif moment == "solve":
        import runlift.batch.output as output

        real = output.write_result
        lock, count = threading.Lock(), [0]

        def write_result(*args: Any, **kwargs: Any) -> None:
            real(*args, **kwargs)
            with lock:
                count[0] += 1
                if count[0] == SOLVED_BEFORE_MARK:
                    mark(moment)

        output.write_result = write_result
    elif moment == "joint":
        import runlift.solver.cpsat as cpsat

        cpsat._solve_interruptibly = marking(moment, cpsat._solve_interruptibly)
    elif moment == "summary":
        import runlift.batch.output as output

        real_csv = output.summary_csv

        def summary_csv(*args: Any, **kwargs: Any) -> Iterator[str]:
            chunks = real_csv(*args, **kwargs)
            mark(moment)
            threading.Event().wait(1.0)
            return chunks

        output.summary_csv = summary_csv


if __name__ == "__main__":
    instrument(sys.argv[1])
    sys.argv = ["runlift", *sys.argv[2:]]
    from runlift.cli.entry import main

    main()
