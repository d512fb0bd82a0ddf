"""Where athletes are solved: a local process pool or a Dask cluster.

Both hand out a ``concurrent.futures.Executor``; the batch runner uses nothing else, so
there is one code path. This module stays light (no OR-Tools, no Dask at import time):
the parent process never builds a CP-SAT model for an independent squad.
"""

from __future__ import annotations

import os
from concurrent.futures import Executor
from typing import Any

from runlift.errors import InputError

ADDRESS_ENV = "DASK_SCHEDULER_ADDRESS"
WORKER_MODULE = "runlift.batch.worker"
# Test hook: the worker that solves the athlete named here dies at once, as a segfault or
# the OOM killer would kill it. The parent reads it and passes it on in the task options.
CRASH_ENV = "RUNLIFT_BATCH_TEST_CRASH"


def run_chunk(payloads: list[dict[str, Any]], options: dict[str, Any]) -> list[dict[str, Any]]:
    """The task a worker runs. Importing the worker module here (not in the parent) keeps
    OR-Tools out of the parent; the pool's fork server has it preloaded already."""
    from runlift.batch.worker import solve_chunk

    return solve_chunk(payloads, options)


class Backend:
    """A source of executors. ``workers`` is how many tasks run at once."""

    name = "backend"
    workers = 1
    max_chunk = 16  # the most athletes in one task when the chunk size is left to us
    crash_breaks_all = False  # does one dead worker fail every task in flight?

    def executor(self) -> Executor:  # pragma: no cover - abstract
        raise NotImplementedError

    def is_crash(self, exc: BaseException) -> bool:
        """True when a task failed because its worker process died."""
        raise NotImplementedError  # pragma: no cover - abstract

    def renew(self) -> None:
        """Replace an executor that a crash has broken (a no-op when it survives them)."""

    def close(self) -> None:
        """Release the executor and connections."""


class LocalBackend(Backend):
    """runlift.pool's pool of worker processes on this machine, with the batch worker
    preloaded beside the solver."""

    name = "local"
    crash_breaks_all = True  # a ProcessPoolExecutor is broken for good by one dead worker

    def __init__(self, workers: int | None = None) -> None:
        from runlift.pool import usable_cores

        self.workers = workers or usable_cores()
        self._pool: Executor | None = None

    @staticmethod
    def prestart() -> None:
        """Start the fork server now, so that it loads OR-Tools while the parent reads
        the squad file (the first worker forks once that is done)."""
        from runlift.pool import start_server

        start_server([WORKER_MODULE])

    def executor(self) -> Executor:
        if self._pool is None:
            from runlift.pool import process_pool

            self._pool = process_pool(self.workers, [WORKER_MODULE])
        return self._pool

    def is_crash(self, exc: BaseException) -> bool:
        from concurrent.futures.process import BrokenProcessPool

        return isinstance(exc, BrokenProcessPool)

    def renew(self) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


class DaskBackend(Backend):
    """An existing Dask ``distributed`` cluster. The scheduler re-runs a task whose worker
    died (up to its ``allowed-failures``), then reports ``KilledWorker``."""

    name = "dask"
    # A task travels through the scheduler and back: larger chunks than a local pipe.
    # 64 took 1,000 athletes on a 2-worker LocalCluster from 9-11 s (with 16) to 8 s
    # (bench/bench_batch.py).
    max_chunk = 64
    connect_timeout = 10.0
    worker_wait = 30.0

    def __init__(self, address: str | None) -> None:
        address = address or os.environ.get(ADDRESS_ENV)
        if not address:
            raise InputError(f"--backend dask needs --address or {ADDRESS_ENV}",
                             file="--address")
        try:
            from distributed import Client
        except ImportError:
            raise InputError("the dask backend needs the distributed package: "
                             "pip install 'runlift[dask]'", file="--backend") from None
        try:
            self.client = Client(address, timeout=self.connect_timeout)
        except (OSError, TimeoutError, ValueError) as exc:
            raise InputError(f"cannot reach the Dask scheduler: {exc}", file=address) from None
        try:
            self.client.wait_for_workers(1, timeout=self.worker_wait)
        except TimeoutError:
            self.client.close()
            raise InputError(f"no Dask worker joined within {self.worker_wait:.0f} s",
                             file=address) from None
        self.workers = max(1, sum(self.client.nthreads().values()))
        self._executor: Executor | None = None

    def executor(self) -> Executor:
        if self._executor is None:
            # pure=False: tasks are not deduplicated, so no payload is hashed to name them.
            self._executor = self.client.get_executor(pure=False)
        return self._executor

    def is_crash(self, exc: BaseException) -> bool:
        from distributed import KilledWorker

        return isinstance(exc, KilledWorker)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False)
            self._executor = None
        self.client.close()


def make_backend(name: str, *, workers: int | None, address: str | None) -> Backend:
    if name == "dask":
        return DaskBackend(address)
    return LocalBackend(workers)
