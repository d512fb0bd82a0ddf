"""The Dask backend against a real distributed.LocalCluster on loopback (not a mock)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from squad_kit import (
    BLOCKS,
    result_files,
    simple_squad,
    stable_summary,
    write_block_squad,
    write_squad,
)

from runlift.batch.backends import ADDRESS_ENV, CRASH_ENV
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


def test_a_dask_worker_that_dies_loses_no_other_plan(
        cluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    squad = write_squad(tmp_path, simple_squad(6))
    monkeypatch.setenv(CRASH_ENV, "Runner 002")
    report = run(squad, tmp_path / "plans", backend="dask",
                 address=cluster.scheduler_address, chunk_size=2)
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
