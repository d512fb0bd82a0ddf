"""`runlift block FILE` plans a block of weeks toward a race; `runlift block check FILE
PLAN` holds a hand-made or published block to the block file."""

from __future__ import annotations

import sys
from typing import Any

import click

from runlift.cli.errors import EXIT_NO_PLAN, EXIT_OK, command_errors
from runlift.cli.options import (
    TABLE_FORMATS,
    columns_option,
    format_option,
    out_option,
    time_limit_option,
    tz_option,
)
from runlift.errors import InputError

PLAN_COMMAND = "plan"


class BlockGroup(click.Group):
    """`runlift block FILE` runs `plan`: a first argument that is no subcommand is a file."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = [PLAN_COMMAND, *args]
        return super().parse_args(ctx, args)


block_argument = click.argument("block_file", metavar="FILE", type=click.Path(dir_okay=True))


@click.group(cls=BlockGroup)
def block() -> None:
    """Plan a block of weeks toward a race (`runlift block FILE`), or check one.

    FILE is a block file (YAML, TOML or JSON; `runlift schema --block` prints its JSON
    Schema). Exit codes: 0 a block was planned (or the check passed), 1 no block keeps
    every hard rule and guardrail (or the checked block breaks one), 2 bad input.
    """


@block.command(PLAN_COMMAND)
@block_argument
@format_option()
@out_option
@time_limit_option()
@click.option("--timings", is_flag=True, help="Add the block level's and the weeks' seconds.")
@click.option("--week", "week_number", type=click.IntRange(min=1), metavar="N",
              help="Print week N in full, as `runlift solve` prints a week.")
@tz_option
@command_errors
def plan(block_file: str, fmt: str, out: str | None, time_limit: float, timings: bool,
         week_number: int | None, zone: Any) -> None:
    """Plan the block of FILE: each week's minutes and counts under the guardrails, then
    every week after the weeks before it."""
    from runlift.block import load_block
    from runlift.block.solve import plan_block
    from runlift.render.block import one_week, render_block
    from runlift.writing import emit, stdout_is_terminal

    bp = load_block(block_file)
    if week_number is not None and week_number > len(bp.specs):
        raise InputError(f"--week {week_number}: the block has {len(bp.specs)} weeks",
                         file=block_file)
    if week_number is not None and fmt not in ("table", "json", "md"):
        raise InputError("--week prints one week as table, json or md", file=block_file)
    result = plan_block(bp, time_limit=time_limit, timings=timings)
    color = out is None and stdout_is_terminal()
    if fmt == "ics" and not result.has_plan:
        click.echo(render_block(result, "table"), err=True, nl=False)
        sys.exit(EXIT_NO_PLAN)
    if week_number is not None and result.has_plan:
        text = one_week(result, week_number, fmt)
    elif fmt == "html":
        from runlift.render.html.block import block_report

        text = block_report(result)
    elif fmt == "ics":
        from runlift.block.solve import week_problems
        from runlift.render.ics import calendar_of, local_zone

        weeks = [w.result for w in result.weeks]
        text = calendar_of(list(zip(weeks, week_problems(bp, result), strict=True)),
                           bp.block.name, zone or local_zone())
    else:
        text = render_block(result, fmt, color=color)
    emit(text, out)
    sys.exit(EXIT_OK if result.has_plan else EXIT_NO_PLAN)


@block.command("check")
@block_argument
@click.argument("plan_file", metavar="PLAN", type=click.Path(dir_okay=True))
@format_option(TABLE_FORMATS)
@out_option
@columns_option(("date", "slot", "session", "minutes"))
@command_errors
def check(block_file: str, plan_file: str, fmt: str, out: str | None,
          columns: dict[str, str] | None) -> None:
    """Check the block PLAN against FILE: every week rule and guardrail it breaks.

    PLAN is the JSON that `runlift block --format json` writes, or a YAML, JSON or CSV
    list of {date, slot, session} with optional minutes; a CSV may come from a
    spreadsheet, as for `runlift check`.
    """
    from runlift.block import load_block
    from runlift.block.check import check_block, read_block_plan
    from runlift.render.block import render_block_check
    from runlift.writing import emit, stdout_is_terminal

    bp = load_block(block_file)
    result = check_block(bp, read_block_plan(plan_file, bp, columns))
    emit(render_block_check(result, fmt, color=out is None and stdout_is_terminal()), out)
    sys.exit(EXIT_OK if result.ok else EXIT_NO_PLAN)
