"""`runlift check`: hold a hand-made plan to a scenario's rules, without the solver."""

from __future__ import annotations

import sys

import click

from runlift.cli.errors import EXIT_NO_PLAN, EXIT_OK, command_errors
from runlift.cli.options import (
    TABLE_FORMATS,
    columns_option,
    format_option,
    out_option,
    scenario_argument,
)


@click.command()
@scenario_argument
@click.argument("plan", type=click.Path(dir_okay=True))
@format_option(TABLE_FORMATS)
@out_option
@columns_option(("day", "date", "slot", "session"))
@command_errors
def check(scenario: str, plan: str, fmt: str, out: str | None,
          columns: dict[str, str] | None) -> None:
    """Check PLAN against the rules of SCENARIO, without the solver.

    PLAN is the JSON that `runlift solve --format json` writes, or a YAML, JSON or CSV
    list of {day, slot, session}; a row may give its date instead of its day when the
    scenario has week_start. A CSV may come from a spreadsheet: a comma, semicolon or tab
    between cells, column names in any case, and days, slots and dates as people write
    them (see the README).
    """
    from runlift.api import check as check_plan
    from runlift.api import load_plan, load_scenario
    from runlift.render.formats import render_check
    from runlift.scenario.resolve import resolve
    from runlift.writing import emit, stdout_is_terminal

    problem = resolve(load_scenario(scenario))
    result = check_plan(problem, load_plan(plan, problem, columns))
    emit(render_check(result, fmt, color=out is None and stdout_is_terminal()), out)
    sys.exit(EXIT_OK if result.ok else EXIT_NO_PLAN)
