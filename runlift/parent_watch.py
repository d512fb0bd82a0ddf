"""Helper processes die with the runlift process they serve, however it ends.

A local pool's processes are the fork server, the resource tracker and the workers the
fork server forks. Ctrl-C and SIGTERM end the workers from runlift's main process
(runlift.interrupts.kill_workers), but a ``kill -9`` of that process gives it no chance:
the workers would go on solving, reparented to PID 1. So on Linux every such process asks
the kernel for SIGKILL when its parent ends (``prctl(PR_SET_PDEATHSIG)``): the fork
server when runlift's process ends, each worker when the fork server does. The resource
tracker ends by itself once nobody holds its pipe. Elsewhere this is a no-op.

The fork server runs no code of ours but the modules it preloads: runlift.pool names this
one, and importing it there, in a process whose parent is the one named by PARENT_ENV,
installs the watch. Only the standard library is imported here.
"""

from __future__ import annotations

import os
import signal
import sys

PARENT_ENV = "RUNLIFT_POOL_PARENT"  # the PID of the process that starts the fork server
_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """SIGKILL this process when its parent ends; exit now if it has ended already."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    parent = os.getppid()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):  # no prctl: nothing to install
        return
    if os.getppid() != parent or parent == 1:  # the parent ended before the watch was set
        os._exit(1)


def mark_parent() -> None:
    """Name this process as the parent of the fork server it is about to start."""
    os.environ[PARENT_ENV] = str(os.getpid())


# Imported as a preload module of the fork server, which runlift's process started.
if os.environ.get(PARENT_ENV) == str(os.getppid()) and "multiprocessing.forkserver" in sys.modules:
    die_with_parent()
