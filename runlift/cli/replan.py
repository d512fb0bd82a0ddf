"""`runlift replan`: re-plan the rest of a week (or of a block's week) as it is lived."""

from __future__ import annotations

import sys
from typing import Any

import click

from runlift.cli.errors import EXIT_NO_PLAN, EXIT_OK, command_errors
from runlift.cli.options import format_option, out_option, time_limit_option, tz_option
from runlift.errors import InputError

REPLAN_FORMATS = ("table", "json", "md", "html", "ics")


def _keep_order(ctx: click.Context, param: click.Parameter, value: str) -> Any:
    from runlift.replan.problem import KeepClass

    names = [v.strip() for v in value.split(",") if v.strip()]
    known = [k.value for k in KeepClass]
    if sorted(names) != sorted(known):
        raise click.BadParameter(f"expected the three classes {', '.join(known)} in the "
                                 f"order to keep them, got {value!r}")
    return tuple(KeepClass(n) for n in names)


@click.command()
@click.argument("scenario", metavar="SCENARIO_OR_BLOCK", type=click.Path(dir_okay=False))
@click.argument("plan", type=click.Path(dir_okay=False))
@click.option("--log", "log_file", type=click.Path(dir_okay=False),
              help="What happened: YAML or CSV rows {date | day, slot, session, status}.")
@click.option("--today", required=True, metavar="DATE|DAY",
              help="The first day to re-plan: a date (YYYY-MM-DD) or, for an undated "
              "week, a day (tue, or an index).")
@click.option("--activities", multiple=True, type=click.Path(exists=False),
              help="FIT activity files or folders: what was actually done (repeatable).")
@click.option("--keep-order", default="key_runs,heavy_legs,rest", show_default=True,
              callback=_keep_order, help="What to keep first when not every session fits.")
@format_option(REPLAN_FORMATS)
@out_option
@time_limit_option()
@click.option("--timings", is_flag=True, help="Add the replan's seconds.")
@tz_option
@command_errors
def replan(scenario: str, plan: str, log_file: str | None, today: str,
           activities: tuple[str, ...], keep_order: Any, fmt: str, out: str | None,
           time_limit: float, timings: bool, zone: Any) -> None:
    """Re-plan SCENARIO_OR_BLOCK from --today, after what --log says happened.

    PLAN is the JSON that `runlift solve`, `runlift block` or an earlier `runlift replan`
    wrote. Everything before today is history, as logged (a planned session the log
    leaves out was done as planned). From today on the plan is solved again: first the
    most work kept (missed sessions too), then the fewest changes, then the week's own
    objective. Exit 0 with a plan, 1 when the remaining days cannot be planned.
    """
    from runlift.render.replan import render_replan
    from runlift.replan.api import replan_file
    from runlift.writing import emit, stdout_is_terminal

    if log_file is None and not activities:
        raise InputError("give --log (what happened) or --activities (FIT files)")
    result = replan_file(scenario, plan, log_file, today, activities=list(activities),
                         keep_order=keep_order, time_limit=time_limit, timings=timings)
    if fmt == "ics" and not result.has_plan:
        click.echo(render_replan(result, "table"), err=True, nl=False)
        sys.exit(EXIT_NO_PLAN)
    if fmt == "html":
        from runlift.render.html.replan import replan_report

        text = replan_report(result)
    elif fmt == "ics":
        from runlift.render.ics import local_zone, replan_ics

        text = replan_ics(result, zone=zone or local_zone())
    else:
        text = render_replan(result, fmt, color=out is None and stdout_is_terminal())
    emit(text, out)
    sys.exit(EXIT_OK if result.has_plan else EXIT_NO_PLAN)
