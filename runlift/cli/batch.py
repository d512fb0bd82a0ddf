"""`runlift batch`: plan every athlete of a squad file. Only click is imported at module
level, so that `runlift --help` stays fast; the batch machinery loads when it runs."""

from __future__ import annotations

import sys
from typing import Any

import click

from runlift.batch import JOINT_GAP_PERCENT
from runlift.batch.backends import DEFAULT_WORKER_TIMEOUT
from runlift.cli.errors import command_errors
from runlift.cli.options import time_limit_option, tz_option


@click.command()
@click.argument("squad_file", metavar="SQUAD", type=click.Path(dir_okay=True))
@click.option("--out", "-o", required=True, metavar="DIRECTORY",
              help="Folder for the plans and summary.csv (created if missing; one batch "
                   "at a time).")
@click.option("--workers", type=click.IntRange(min=1),
              help="Local worker processes.  [default: the number of cores]")
@click.option("--backend", type=click.Choice(["local", "dask"]), default="local",
              show_default=True, help="Solve on this machine, or on a Dask cluster.")
@click.option("--address", metavar="TCP://HOST:PORT",
              help="Dask scheduler address.  [default: $DASK_SCHEDULER_ADDRESS]")
@click.option("--worker-timeout", type=click.FloatRange(min=1, max=86400),
              default=DEFAULT_WORKER_TIMEOUT, show_default=True, metavar="SECONDS",
              help="Dask: end the run (exit 2) once the cluster has had no worker for "
                   "this long.")
@click.option("--resume", is_flag=True,
              help="Keep results already in --out that are up to date with the squad file.")
@time_limit_option("Search limit per athlete (for a squad with a gym: of the joint solve), "
                   "in CP-SAT deterministic seconds.")
@click.option("--chunk-size", type=click.IntRange(min=1),
              help="Athletes per task sent to a worker.  [default: from squad and workers]")
@click.option("--gap", type=click.FloatRange(min=0, max=100), default=JOINT_GAP_PERCENT,
              show_default=True,
              metavar="PERCENT",
              help="Squads with a gym: stop the joint search once the plan is within "
                   "PERCENT of the proven bound (0: search until proven or the time limit).")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar on stderr.  [default: when stderr is a terminal]")
@click.option("--html", is_flag=True,
              help="Also write index.html (the squad) and an HTML report per athlete.")
@click.option("--ics", is_flag=True,
              help="Also write a calendar (.ics) per athlete with a plan (needs week_start).")
@tz_option
@command_errors
def batch(**kwargs: Any) -> None:
    """Plan every athlete of a SQUAD file (YAML, TOML or JSON) into --out.

    Writes one JSON result per athlete (the same as `runlift solve --format json`, or for
    a squad of blocks `runlift block --format json`) and summary.csv; with --html and
    --ics also the reports and calendars. Exit codes: 0 every athlete has a plan, 1 some
    have none (invalid or infeasible), 2 the squad file itself is bad.
    """
    try:
        _batch(**kwargs)
    except KeyboardInterrupt:  # the workers are ended already; their helpers go too
        from runlift.pool import stop_helpers

        stop_helpers()
        raise


def _batch(squad_file: str, out: str, workers: int | None, backend: str, address: str | None,
           resume: bool, time_limit: float, chunk_size: int | None, gap: float,
           progress: bool | None, html: bool = False, ics: bool = False,
           zone: Any = None, worker_timeout: float = DEFAULT_WORKER_TIMEOUT) -> None:
    from pathlib import Path

    if backend == "local":  # first: the fork server loads the solver while we read
        from runlift.batch.backends import LocalBackend

        LocalBackend.prestart()
    from runlift.batch.folder import holding
    from runlift.batch.output import prepare
    from runlift.batch.run import BatchInterrupted, BatchOptions, run_batch
    from runlift.batch.squad import load_squad

    squad = load_squad(squad_file)
    options = BatchOptions(
        out=Path(out), workers=workers, backend=backend, address=address, resume=resume,
        time_limit=time_limit, chunk_size=chunk_size, gap=gap,
        progress=sys.stderr.isatty() if progress is None else progress,
        worker_timeout=worker_timeout,
    )
    prepare(out)  # the name as given: Path("") would be the current folder
    with holding(options.out):  # the run and its reports: one batch in --out at a time
        report = run_batch(squad, options)
        for note in report.notes:
            click.echo(f"runlift: {note}", err=True)
        if html or ics:
            from runlift.batch.reports import write_reports

            try:
                warnings = write_reports(squad, report, options.out, html=html, ics=ics,
                                         zone=zone)
            except KeyboardInterrupt as exc:
                raise BatchInterrupted(len(report.resumed) + len(report.solved)) from exc
            for warning in warnings:
                click.echo(f"runlift: {warning}", err=True)
    click.echo(_closing_line(report, options), err=True)
    sys.exit(report.exit_code)


def _closing_line(report: Any, options: Any) -> str:
    from runlift.batch.terminal import closing_text

    return closing_text(report, options.out)
