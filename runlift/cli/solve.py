"""`runlift solve`: plan the horizon of a scenario file."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import click

from runlift.cli.errors import EXIT_NO_PLAN, EXIT_OK, command_errors
from runlift.cli.options import (
    format_option,
    out_option,
    scenario_argument,
    time_limit_option,
    tz_option,
)
from runlift.errors import InputError

if TYPE_CHECKING:
    from runlift.scenario.model import Scenario


def require_week_start(scenario: Scenario, file: str, what: str = "--format ics") -> None:
    """A calendar needs dates: fail before solving when the scenario has none."""
    if scenario.week_start is None:
        raise InputError(f"{what} needs week_start (the date of day 0) to put the sessions "
                         "on dates; add e.g. week_start: 2027-03-01", file=file,
                         loc=("week_start",))


@click.command()
@scenario_argument
@format_option()
@out_option
@time_limit_option()
@click.option("--timings", is_flag=True, help="Add build, solve and explanation seconds.")
@tz_option
@command_errors
def solve(scenario: str, fmt: str, out: str | None, time_limit: float, timings: bool,
          zone: Any) -> None:
    """Solve the week of SCENARIO (YAML, TOML or JSON).

    --format html writes a self-contained report; --format ics a calendar (needs
    week_start; a week with no plan gives exit 1, the reason on stderr and no file).
    """
    from runlift.api import load_scenario
    from runlift.planning import solve_problem
    from runlift.render.formats import render_result
    from runlift.scenario.resolve import resolve
    from runlift.writing import emit, stdout_is_terminal

    loaded = load_scenario(scenario)
    if fmt == "ics":
        require_week_start(loaded, scenario)
    problem = resolve(loaded)
    result = solve_problem(problem, time_limit=time_limit, timings=timings, scenario=loaded)
    if fmt == "ics" and not result.has_plan:
        click.echo(render_result(result, "table"), err=True, nl=False)
        sys.exit(EXIT_NO_PLAN)
    emit(render_result(result, fmt, color=out is None and stdout_is_terminal(),
                       problem=problem, zone=zone), out)
    sys.exit(EXIT_OK if result.has_plan else EXIT_NO_PLAN)
