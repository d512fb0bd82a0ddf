"""Options and arguments the commands share, declared once (sqlite-utils style)."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import click

from runlift.solver.params import DEFAULT_TIME_LIMIT

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]
TABLE_FORMATS = ("table", "json", "csv", "md")
DOCUMENT_FORMATS = (*TABLE_FORMATS, "html", "ics")


def format_option(choices: tuple[str, ...] = DOCUMENT_FORMATS) -> Decorator:
    return click.option("--format", "fmt", type=click.Choice(choices), default="table",
                        show_default=True, help="Output format.")


# A plain string: runlift.writing decides what the path is (a file, -, a device, a FIFO,
# a symlink) and says in one line what it cannot write.
out_option = click.option("--out", "-o", metavar="FILE",
                          help="Write to this file (atomically; a device or FIFO as a "
                               "stream; - for stdout) instead of stdout.")


class FiniteFloatRange(click.FloatRange):
    """A FloatRange that refuses nan (which compares false with every bound, and so
    passes them) and the infinities."""

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> Any:
        number = super().convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value!r} is not a finite number.", param, ctx)
        return number


def time_limit_option(help_text: str = "Search limit per solve, in CP-SAT deterministic "
                      "seconds (reproducible).") -> Decorator:
    return click.option("--time-limit", type=FiniteFloatRange(min=0.01),
                        default=DEFAULT_TIME_LIMIT, show_default=True, help=help_text)


scenario_argument = click.argument("scenario", type=click.Path(dir_okay=True))

TZ_HELP = ("Time zone of the calendar events (an IANA name such as Europe/Berlin)  "
           "[default: the local zone]")


def _zone(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    """--tz NAME -> ZoneInfo; an unknown name is a usage error (exit 2)."""
    if value is None:
        return None
    from runlift.render.ics import zone_named

    try:
        return zone_named(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


tz_option = click.option("--tz", "zone", metavar="ZONE", callback=_zone, help=TZ_HELP)


class _OneLineError(click.ClickException):
    """A bad option value as the one line `runlift: error: ...`, exit 2 (as bad input)."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"runlift: error: {self.message}", err=True)


def columns_option(fields: tuple[str, ...]) -> Decorator:
    """--columns day=Day,slot=Time: the columns of a CSV plan that hold ``fields`` under
    other names; a bad mapping is one line and exit 2."""

    def parse(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
        if value is None:
            return None
        from runlift.scenario.sheet import parse_columns

        try:
            return parse_columns(value, fields)
        except ValueError as exc:
            raise _OneLineError(f"--columns: {exc}") from None

    return click.option("--columns", metavar="FIELD=COLUMN,...", callback=parse,
                        help="Read these fields of a CSV plan from columns of other names, "
                        f"such as session=Workout,slot=Time (fields: {', '.join(fields)}; "
                        "names in any case).")
