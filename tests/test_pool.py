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


def test_the_compare_command_prestarts_the_task_module_compare_runs():
    from runlift.cli.compare import COMPARE_TASK
    from runlift.compare.run import TASK_MODULE

    assert COMPARE_TASK == TASK_MODULE
