"""The local pool of solver processes that compare and batch share, and its core count."""

from __future__ import annotations

import os
import signal
from concurrent.futures.process import BrokenProcessPool

import pytest

from runlift import pool


def test_usable_cores_follow_the_cpu_affinity(monkeypatch):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 3}, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 64)
    assert pool.usable_cores() == 2


def test_usable_cores_without_affinity_are_the_machines(monkeypatch):
    monkeypatch.delattr(os, "sched_getaffinity", raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 3)
    assert pool.usable_cores() == 3
    monkeypatch.setattr(os, "cpu_count", lambda: None)
    assert pool.usable_cores() == 1


def test_workers_are_forked_by_the_fork_server_and_ignore_ctrl_c():
    with pool.process_pool(1) as workers:
        assert workers._mp_context.get_start_method() == "forkserver"
        assert workers.submit(signal.getsignal, signal.SIGINT).result() == signal.SIG_IGN


def test_a_dead_worker_breaks_the_pool():
    with pool.process_pool(1) as workers, pytest.raises(BrokenProcessPool):
        workers.submit(os._exit, 70).result()


def test_inheriting_forks_from_this_process_only_while_it_runs_no_other_thread(monkeypatch):
    import threading

    monkeypatch.setattr(threading, "active_count", lambda: 1)
    assert pool._inheriting_context(["json"]).get_start_method() == "fork"
    monkeypatch.setattr(threading, "active_count", lambda: 2)
    assert pool._inheriting_context(["json"]) is None


def test_an_inheriting_pool_falls_back_to_the_fork_server_beside_threads():
    import threading

    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        with pool.process_pool(1, inherit=True) as workers:
            assert workers._mp_context.get_start_method() == "forkserver"
            assert workers.submit(signal.getsignal, signal.SIGINT).result() == signal.SIG_IGN
    finally:
        stop.set()
        thread.join()


def test_without_a_fork_server_the_workers_are_spawned(monkeypatch):
    import multiprocessing

    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    assert pool._server_context([]).get_start_method() == "spawn"
    assert pool._inheriting_context([]) is None
    pool.start_server()  # nothing to start
