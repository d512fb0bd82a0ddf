"""The reports `runlift batch --html/--ics` writes beside the athletes' JSON results.

They are rendered from the result files the batch just wrote (or kept, with --resume)
and the athletes' merged scenarios, never by solving again: <stem>.html per athlete with
a result, <stem>.ics per athlete with a plan, and index.html for the squad. A calendar
left from an earlier run for an athlete who now has no plan is removed, so the folder
never offers a stale week.

A squad of blocks gets the same: <stem>.html is the athlete's block report (as `runlift
block --format html` writes it), <stem>.ics every week of a planned block (as `runlift
block --format ics`), and index.html lists the blocks with their race-day figures.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from runlift.batch.output import INDEX_FILE
from runlift.documents import BLOCK
from runlift.models.block import BlockResult
from runlift.models.result import Result
from runlift.render.html.squad import SquadEntry, squad_index
from runlift.writing import write_atomic

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from runlift.batch.squad import AthleteJob, Squad
    from runlift.batch.tasks import BatchReport
    from runlift.models.problem import Problem



def _result(out: Path, row: dict[str, Any]) -> Result | None:
    if not row.get("file"):
        return None
    try:
        return Result.model_validate_json((out / row["file"]).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _problem(job: AthleteJob) -> Problem | None:
    """The athlete's merged scenario, resolved (validation only: nothing is solved)."""
    from pydantic import ValidationError

    from runlift.scenario import problem_from

    scenario = job.scenario  # made anew: once
    if scenario is None:
        return None
    try:
        return problem_from(scenario)
    except ValidationError:
        return None


def _calendar(out: Path, job: AthleteJob, result: Result | None, problem: Problem | None,
              zone: ZoneInfo, warnings: list[str]) -> str | None:
    from runlift.render.ics import calendar_ics

    path = out / f"{job.stem}.ics"
    if result is None or not result.has_plan or problem is None:
        path.unlink(missing_ok=True)
        return None
    if problem.timeline.week_start is None:
        path.unlink(missing_ok=True)
        warnings.append(f"no calendar for {job.name}: the scenario has no week_start")
        return None
    write_atomic(path, calendar_ics(result, problem, zone=zone, athlete=job.name))
    return path.name


def write_reports(squad: Squad, report: BatchReport, out: Path, *, html: bool, ics: bool,
                  zone: ZoneInfo | None = None) -> list[str]:
    """Write the asked reports and calendars into ``out``; one warning line per calendar
    not written."""
    from runlift.render.html import solve_report
    from runlift.render.ics import local_zone

    zone = zone or local_zone()
    if squad.kind == BLOCK:
        return write_block_reports(squad, report, out, html=html, ics=ics, zone=zone)
    warnings: list[str] = []
    entries = []
    for job, row in zip(squad.jobs, report.rows, strict=True):
        result = _result(out, row)
        problem = _problem(job) if result is not None else None
        report_file = calendar_file = None
        if html and result is not None:
            report_file = f"{job.stem}.html"
            write_atomic(out / report_file, solve_report(result, problem, back_link=INDEX_FILE))
        if ics:
            calendar_file = _calendar(out, job, result, problem, zone, warnings)
        entries.append(SquadEntry(job.name, row, result, report_file, calendar_file))
    if html:
        write_atomic(out / INDEX_FILE, squad_index(squad.name, entries, report.joint))
    return warnings


# --- squads of blocks ----------------------------------------------------------------------
def write_block_reports(squad: Squad, report: BatchReport, out: Path, *, html: bool,
                        ics: bool, zone: ZoneInfo) -> list[str]:
    """Each athlete's block report and calendar (a stale calendar removed), and the index;
    nothing to warn about (a block's calendar needs no week_start)."""
    from runlift.render.html.block import block_report
    from runlift.render.html.squad import block_squad_index

    entries = []
    for job, row in zip(squad.jobs, report.rows, strict=True):
        result = _block_result(out, row)
        report_file = calendar_file = None
        if html and result is not None:
            report_file = f"{job.stem}.html"
            write_atomic(out / report_file, block_report(result))
        if ics:
            calendar_file = _block_calendar(out, job, result, zone)
        entries.append(SquadEntry(job.name, row, None, report_file, calendar_file))
    if html:
        write_atomic(out / INDEX_FILE, block_squad_index(squad.name, entries))
    return []


def _block_result(out: Path, row: dict[str, Any]) -> BlockResult | None:
    if not row.get("file"):
        return None
    try:
        return BlockResult.model_validate_json((out / row["file"]).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _block_calendar(out: Path, job: AthleteJob, result: BlockResult | None,
                    zone: ZoneInfo) -> str | None:
    """Every week of the athlete's block in one calendar, with the reasons behind each
    placement (the weeks' problems are rebuilt from the block: nothing is solved)."""
    from runlift.block.model import BlockFile
    from runlift.block.problem import build
    from runlift.block.solve import week_problems
    from runlift.render.ics import calendar_of

    path = out / f"{job.stem}.ics"
    scenario = job.scenario if result is not None and result.has_plan else None
    if result is None or scenario is None:
        path.unlink(missing_ok=True)
        return None
    problem = build(BlockFile.model_validate(scenario), job.name)
    weeks = [w.result for w in result.weeks]
    pairs = list(zip(weeks, week_problems(problem, result), strict=True))
    write_atomic(path, calendar_of(pairs, job.name, zone))
    return path.name
