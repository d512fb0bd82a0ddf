"""The Dask backend against a real distributed.LocalCluster on loopback (not a mock)."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import pytest
from squad_kit import (
    BLOCKS,
    result_files,
    simple_squad,
    stable_summary,
    write_block_squad,
    write_squad,
)

from runlift.batch.backends import ADDRESS_ENV, CRASH_ENV, DASK_LOG, DaskBackend
from runlift.batch.folder import RECORD_DIR
from runlift.batch.run import BatchOptions, run_batch
from runlift.batch.squad import load_squad
from runlift.batch.tasks import CRASHED
from runlift.errors import InputError

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster() -> Iterator[object]:
    import dask

    # One retry per task whose worker died keeps the crash test short.
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}), \
            distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                     host="127.0.0.1", dashboard_address=None) as local:
        yield local


def run(squad: Path, out: Path, **options: object):
    return run_batch(load_squad(squad), BatchOptions(out=out, **options))  # type: ignore[arg-type]


def test_dask_gives_the_same_summary_and_plans_as_local(cluster, mixed_squad: Path,
                                                        tmp_path: Path) -> None:
    local, remote = tmp_path / "local", tmp_path / "dask"
    on_local = run(mixed_squad, local, workers=2)
    on_dask = run(mixed_squad, remote, backend="dask", address=cluster.scheduler_address,
                  chunk_size=1)
    assert on_dask.exit_code == on_local.exit_code == 1
    assert stable_summary(remote).equals(stable_summary(local))
    assert result_files(remote) == result_files(local)


def test_a_squad_of_blocks_plans_the_same_on_dask_as_locally(cluster, tmp_path: Path) -> None:
    two = BLOCKS.split("  - {name: Chen")[0]  # Ana and Ben
    squad = write_block_squad(tmp_path, two)
    local, remote = tmp_path / "local", tmp_path / "dask"
    on_local = run(squad, local, workers=2)
    on_dask = run(squad, remote, backend="dask", address=cluster.scheduler_address,
                  chunk_size=1)
    assert on_dask.exit_code == on_local.exit_code == 0
    assert [r["status"] for r in on_dask.rows] == ["optimal", "optimal"]
    assert stable_summary(remote).equals(stable_summary(local))
    assert result_files(remote) == result_files(local)
    resumed = run(squad, remote, backend="dask", address=cluster.scheduler_address,
                  resume=True)
    assert resumed.solved == [] and resumed.resumed == ["Ana", "Ben"]


def test_the_scheduler_address_can_come_from_the_environment(
        cluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ADDRESS_ENV, cluster.scheduler_address)
    squad = write_squad(tmp_path, simple_squad(4))
    report = run(squad, tmp_path / "plans", backend="dask")
    assert report.exit_code == 0 and len(report.solved) == 4


@pytest.fixture
def own_cluster() -> Iterator[Any]:
    """A cluster of its own, for a test that kills or retires its workers."""
    import dask

    with dask.config.set({"distributed.scheduler.allowed-failures": 1}), \
            distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                     host="127.0.0.1", dashboard_address=None) as local:
        yield local


def test_a_dask_worker_that_dies_loses_no_other_plan(
        own_cluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Bounded: on a cluster of its own (the nannies restart the killed workers), and a
    cluster left without workers ends the run after --worker-timeout, never hangs."""
    squad = write_squad(tmp_path, simple_squad(6))
    monkeypatch.setenv(CRASH_ENV, "Runner 002")
    report = run(squad, tmp_path / "plans", backend="dask",
                 address=own_cluster.scheduler_address, chunk_size=2, worker_timeout=60)
    rows = {row["athlete"]: row for row in report.rows}
    assert rows["Runner 002"]["status"] == "error" and rows["Runner 002"]["error"] == CRASHED
    assert sorted(n for n, r in rows.items() if r["status"] == "optimal") == [
        f"Runner {i:03d}" for i in (0, 1, 3, 4, 5)]
    assert len(result_files(tmp_path / "plans")) == 5


def test_dask_without_an_address_is_a_usage_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ADDRESS_ENV, raising=False)
    squad = write_squad(tmp_path, simple_squad(1))
    with pytest.raises(InputError, match="needs --address or DASK_SCHEDULER_ADDRESS"):
        run(squad, tmp_path / "plans", backend="dask")


def runlift_batch(*args: str | Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """`runlift batch` in a process of its own: Dask's log cannot hide in pytest's."""
    script = Path(sys.executable).with_name("runlift")
    return subprocess.run([str(script), "batch", *map(str, args), "--no-progress"],
                          capture_output=True, text=True, timeout=timeout, check=False)


class _Hello(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"hello")

    def log_message(self, *args: Any) -> None:
        pass


def test_an_http_server_is_named_in_one_line(tmp_path: Path) -> None:
    server = HTTPServer(("127.0.0.1", 0), _Hello)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    address = f"tcp://127.0.0.1:{server.server_address[1]}"
    try:
        done = runlift_batch(write_squad(tmp_path, simple_squad(2)), "--out",
                             tmp_path / "plans", "--backend", "dask", "--address", address)
    finally:
        server.shutdown()
    assert done.returncode == 2
    assert done.stderr == (f"runlift: error: {address}: an HTTP server ('HTTP/1.0 200 OK'), "
                           "not a Dask scheduler: is it the dashboard's port? The "
                           "scheduler's is usually 8786\n")


def test_a_silent_listener_is_named_once_the_timeout_passes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    listener = socket.create_server(("127.0.0.1", 0))  # accepts, and never says a word
    address = f"tcp://127.0.0.1:{listener.getsockname()[1]}"
    monkeypatch.setattr(DaskBackend, "connect_timeout", 1.0)
    squad = write_squad(tmp_path, simple_squad(2))
    with listener, pytest.raises(InputError) as error:
        run(squad, tmp_path / "plans", backend="dask", address=address)
    assert str(error.value) == (f"{address}: a TCP service that said nothing within 1 s, "
                                "not a Dask scheduler")
    assert not (tmp_path / "plans" / "summary.csv").exists()


def test_losing_every_worker_ends_the_run_after_the_worker_timeout(
        own_cluster, tmp_path: Path) -> None:
    """The cluster's workers retire mid-run: after --worker-timeout without any, the run
    ends with exit 2 and one line (Dask's own log in dask.log), keeping what it wrote."""
    squad, out = write_squad(tmp_path, simple_squad(400)), tmp_path / "plans"

    def retire_after_the_first_result() -> None:
        deadline = time.monotonic() + 120
        while not list(out.glob("runner-*.json")) and time.monotonic() < deadline:
            time.sleep(0.01)
        own_cluster.scale(0)

    retire = threading.Thread(target=retire_after_the_first_result, daemon=True)
    retire.start()
    done = runlift_batch(squad, "--out", out, "--backend", "dask", "--address",
                         own_cluster.scheduler_address, "--chunk-size", "1",
                         "--worker-timeout", "3")
    retire.join()
    assert done.returncode == 2, done.stderr
    assert re.fullmatch(
        rf"runlift: error: {own_cluster.scheduler_address}: every Dask worker has been "
        r"gone for more than 3 s \(--worker-timeout\); every result written so far is "
        r"kept for --resume\n", done.stderr), done.stderr
    kept = list((out / RECORD_DIR).glob("*.json"))
    assert 1 <= len(kept) < 400
    assert not (out / "summary.csv").exists()
    assert (out / RECORD_DIR / DASK_LOG).is_file()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_scheduler_that_dies_is_one_line_not_dasks_tracebacks(tmp_path: Path) -> None:
    dask_command = Path(sys.executable).with_name("dask")
    address = f"tcp://127.0.0.1:{_free_port()}"
    scheduler = subprocess.Popen([str(dask_command), "scheduler", "--host", "127.0.0.1",
                                  "--port", address.rsplit(":", 1)[1], "--no-dashboard"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    worker = subprocess.Popen([str(dask_command), "worker", address, "--nworkers", "1",
                               "--nthreads", "1", "--no-dashboard"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    squad, out = write_squad(tmp_path, simple_squad(400)), tmp_path / "plans"

    def kill_after_the_first_result() -> None:
        deadline = time.monotonic() + 120
        while not list(out.glob("runner-*.json")) and time.monotonic() < deadline:
            time.sleep(0.01)
        scheduler.kill()

    killer = threading.Thread(target=kill_after_the_first_result, daemon=True)
    try:
        killer.start()
        done = runlift_batch(squad, "--out", out, "--backend", "dask", "--address", address,
                             "--chunk-size", "1")
    finally:
        for process in (scheduler, worker):
            process.kill()
            process.wait()
    killer.join()
    assert done.returncode == 2, done.stderr
    assert done.stderr == (f"runlift: error: {address}: lost the Dask scheduler; every "
                           "result written so far is kept for --resume (Dask's log: "
                           f"{out / RECORD_DIR / DASK_LOG})\n")
    assert list((out / RECORD_DIR).glob("*.json"))
