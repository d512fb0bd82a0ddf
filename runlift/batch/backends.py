"""Where athletes are solved: a local process pool or a Dask cluster.

Both hand out a ``concurrent.futures.Executor``; the batch runner uses nothing else, so
there is one code path. This module stays light (no OR-Tools, no Dask at import time):
the parent process never builds a CP-SAT model for an independent squad.
"""

from __future__ import annotations

import logging
import os
import socket
import time
from collections.abc import Collection
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from runlift.errors import InputError

ADDRESS_ENV = "DASK_SCHEDULER_ADDRESS"
WORKER_MODULE = "runlift.batch.worker"
# Test hook: the worker that solves the athlete named here dies at once, as a segfault or
# the OOM killer would kill it. The parent reads it and passes it on in the task options.
CRASH_ENV = "RUNLIFT_BATCH_TEST_CRASH"
# Dask: how long the scheduler may take to answer, and how long the run waits while the
# cluster has no worker at all (--worker-timeout) before it gives up.
CONNECT_TIMEOUT = 10.0
GREETING_TIMEOUT = 3.0  # a Dask server greets at once; an HTTP server or a listener does not
DEFAULT_WORKER_TIMEOUT = 60.0
DASK_LOG = "dask.log"  # in the records folder: what Dask logs, kept off the terminal


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

    def wait(self, in_flight: Collection[Future[Any]]) -> set[Future[Any]]:
        """Until at least one task in flight is done; those that are."""
        done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
        return done

    def check_cluster(self, failure: BaseException | None = None) -> None:
        """Raise InputError, in one line, when the workers' cluster is gone (``failure``:
        what a task raised, if it was a task that failed)."""

    def close(self) -> None:
        """Release the executor and connections, once the tasks are done."""

    def abort(self) -> None:
        """End now (an interrupt, an error): nobody waits for the tasks still running."""
        self.close()


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

    def abort(self) -> None:
        from runlift.interrupts import kill_workers

        if self._pool is not None:
            kill_workers(self._pool)
        self.close()


class DaskBackend(Backend):
    """An existing Dask ``distributed`` cluster. The scheduler re-runs a task whose worker
    died (up to its ``allowed-failures``), then reports ``KilledWorker``.

    Before the Client connects, a plain TCP probe checks that a Dask service answers
    within CONNECT_TIMEOUT (a Dask server greets first; an HTTP server or a silent
    listener does not), and says what answered instead. While tasks run, a cluster that
    has had no worker for ``worker_timeout`` seconds ends the run (exit 2), keeping what
    is written. Dask's own log goes to ``dask.log`` in the records folder, not to the
    terminal."""

    name = "dask"
    # A task travels through the scheduler and back: larger chunks than a local pipe.
    # 64 took 1,000 athletes on a 2-worker LocalCluster from 9-11 s (with 16) to 8 s
    # (bench/bench_batch.py).
    max_chunk = 64
    connect_timeout = CONNECT_TIMEOUT
    poll_seconds = 0.5  # how often a wait looks at the workers

    def __init__(self, address: str | None, *, worker_timeout: float = DEFAULT_WORKER_TIMEOUT,
                 log_folder: Path | None = None) -> None:
        address = address or os.environ.get(ADDRESS_ENV)
        if not address:
            raise InputError(f"--backend dask needs --address or {ADDRESS_ENV}",
                             file="--address")
        self.address, self.worker_timeout = address, worker_timeout
        self._log = _dask_log(log_folder)
        try:
            from distributed import Client
        except ImportError:
            raise InputError("the dask backend needs the distributed package: "
                             "pip install 'runlift[dask]'", file="--backend") from None
        _quiet_dask(self._log)
        probe_scheduler(address, self.connect_timeout)
        try:
            self.client = Client(address, timeout=self.connect_timeout)
        except (OSError, TimeoutError, ValueError) as exc:
            raise InputError(f"cannot reach the Dask scheduler: {exc}{self._see_log()}",
                             file=address) from None
        except Exception as exc:  # a Dask service that is not a scheduler (a worker…)
            raise InputError(f"a Dask service answered, but not as a scheduler: "
                             f"{type(exc).__name__}: {exc}{self._see_log()}",
                             file=address) from None
        try:
            self.client.wait_for_workers(1, timeout=self.worker_timeout)
        except TimeoutError:
            self.client.close(timeout=self.connect_timeout)
            raise InputError(f"no Dask worker joined within {self.worker_timeout:g} s "
                             "(--worker-timeout)", file=address) from None
        self.workers = max(1, sum(self.client.nthreads().values()))
        self._executor: Executor | None = None
        self._alone_since: float | None = None  # when the cluster was last seen empty

    def _see_log(self) -> str:
        return f" (Dask's log: {self._log})" if self._log else ""

    def executor(self) -> Executor:
        if self._executor is None:
            # pure=False: tasks are not deduplicated, so no payload is hashed to name them.
            self._executor = self.client.get_executor(pure=False)
        return self._executor

    def is_crash(self, exc: BaseException) -> bool:
        from distributed import KilledWorker

        return isinstance(exc, KilledWorker)

    def wait(self, in_flight: Collection[Future[Any]]) -> set[Future[Any]]:
        """Until a task is done, looking at the cluster every poll: with no worker at
        all for worker_timeout seconds (or no scheduler), the run ends in one line."""
        while True:
            done, _ = wait(in_flight, timeout=self.poll_seconds, return_when=FIRST_COMPLETED)
            if done:
                self._alone_since = None
                return done
            self._check_workers()

    def check_cluster(self, failure: BaseException | None = None) -> None:
        from concurrent.futures import CancelledError

        if isinstance(failure, CancelledError):  # the scheduler's loss cancels the tasks
            deadline = time.monotonic() + self.connect_timeout  # before the Client says so
            while self.client.status == "running" and time.monotonic() < deadline:
                time.sleep(0.05)
        if self.client.status != "running":  # the Client lost the scheduler
            raise InputError(f"lost the Dask scheduler; every result written so far is "
                             f"kept for --resume{self._see_log()}", file=self.address)

    def _check_workers(self) -> None:
        self.check_cluster()
        try:
            workers = len(self.client.nthreads())
        except Exception as exc:  # the scheduler is gone (CommClosedError, OSError…)
            raise InputError(f"lost the Dask scheduler ({type(exc).__name__}); every result "
                             f"written so far is kept for --resume{self._see_log()}",
                             file=self.address) from None
        if workers:
            self._alone_since = None
            return
        now = time.monotonic()
        if self._alone_since is None:
            self._alone_since = now
        elif now - self._alone_since > self.worker_timeout:
            raise InputError(f"every Dask worker has been gone for more than "
                             f"{self.worker_timeout:g} s (--worker-timeout); every result "
                             "written so far is kept for --resume", file=self.address)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False)
            self._executor = None
        try:
            self.client.close(timeout=self.connect_timeout)
        except Exception:  # a scheduler already gone: nothing left to release
            logging.getLogger("distributed.client").debug("close failed", exc_info=True)


def _dask_log(folder: Path | None) -> Path | None:
    if folder is None:
        return None
    from runlift.batch.folder import RECORD_DIR

    return folder / RECORD_DIR / DASK_LOG


# The loggers Dask and the libraries under it write tracebacks to.
DASK_LOGGERS = ("distributed", "dask", "tornado", "asyncio", "bokeh")


def _quiet_dask(log: Path | None) -> None:
    """Dask's log to ``log`` (or nowhere), never to the terminal. Dask's logging config
    gives many loggers a stream handler of their own (distributed.client,
    tornado.application…): those go, and the loggers pass their records up to the
    top-level ones, which write to ``log``."""
    handler: logging.Handler = (logging.FileHandler(log, encoding="utf-8") if log
                                else logging.NullHandler())
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    names = [name for name in list(logging.root.manager.loggerDict)
             if name.split(".")[0] in DASK_LOGGERS]
    for name in {*names, *DASK_LOGGERS}:
        logger = logging.getLogger(name)
        for old in list(logger.handlers):
            logger.removeHandler(old)
        top = name in DASK_LOGGERS
        logger.propagate = not top
        if top:
            logger.addHandler(handler)


def probe_scheduler(address: str, timeout: float) -> None:
    """Check that a Dask server answers at a tcp:// address: connected within
    ``timeout``, it greets within GREETING_TIMEOUT (or ``timeout``, if shorter). Say in
    one line what answered instead (an HTTP server, a silent or a closing listener).
    Other protocols (tls://, ws://, inproc://) are left to the Client."""
    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    if parts.scheme != "tcp":
        return
    try:
        host, port = parts.hostname, parts.port
    except ValueError:
        raise InputError("expected tcp://HOST:PORT", file=address) from None
    if not host or not port:
        raise InputError("expected tcp://HOST:PORT", file=address)
    try:
        conn = socket.create_connection((host, port), timeout=timeout)
    except OSError as exc:
        raise InputError(f"cannot reach the Dask scheduler: {exc.strerror or exc}",
                         file=address) from None
    wait = min(timeout, GREETING_TIMEOUT)
    with conn:
        greeting = _read_some(conn, time.monotonic() + wait)
        if greeting is None:
            answer = _ask_http(conn)
            what = (f"an HTTP server ({answer}), not a Dask scheduler: is it the "
                    "dashboard's port? The scheduler's is usually 8786" if answer
                    else f"a TCP service that said nothing within {wait:g} s, "
                    "not a Dask scheduler")
            raise InputError(what, file=address)
        if not greeting:
            raise InputError("a TCP service that closed the connection at once, not a "
                             "Dask scheduler", file=address)
        if not _is_dask_frame(greeting):
            raise InputError(f"a service that is not Dask answered: {_shown(greeting)}",
                             file=address)


def _read_some(conn: socket.socket, deadline: float) -> bytes | None:
    """What the server sends first (b"" when it closes), or None when it says nothing."""
    left = deadline - time.monotonic()
    if left <= 0:
        return None
    conn.settimeout(left)
    try:
        return conn.recv(64)
    except TimeoutError:
        return None
    except OSError:
        return b""


def _ask_http(conn: socket.socket) -> str | None:
    """A silent server: is it one that answers HTTP? Its status line, or None."""
    try:
        conn.sendall(b"GET / HTTP/1.0\r\nHost: runlift\r\n\r\n")
        conn.settimeout(2.0)
        answer = conn.recv(256)
    except OSError:
        return None
    if not answer.startswith(b"HTTP/"):
        return None
    return _shown(answer.split(b"\r\n", 1)[0])


def _is_dask_frame(data: bytes) -> bool:
    """Dask's TCP messages start with their frame count, a little-endian uint64."""
    return len(data) >= 8 and 0 < int.from_bytes(data[:8], "little") < 1 << 16


def _shown(data: bytes) -> str:
    text = data.decode("ascii", errors="replace").splitlines()[0] if data.strip() else ""
    text = "".join(c if c.isprintable() else "?" for c in text)[:60]
    return repr(text) if text else f"{len(data)} bytes of binary data"


def make_backend(name: str, *, workers: int | None, address: str | None,
                 worker_timeout: float = DEFAULT_WORKER_TIMEOUT,
                 out: Path | None = None) -> Backend:
    if name == "dask":
        return DaskBackend(address, worker_timeout=worker_timeout, log_folder=out)
    return LocalBackend(workers)
