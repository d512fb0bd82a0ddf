"""CLI helpers for the document formats (ics and html) that solve, compare and batch write."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from runlift.errors import InputError

if TYPE_CHECKING:
    from runlift.models.scenario import Scenario

TZ_HELP = ("Time zone of the calendar events (an IANA name such as Europe/Berlin)  "
           "[default: the local zone]")


def zone_callback(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    """--tz NAME -> ZoneInfo; an unknown name is a usage error (exit 2)."""
    if value is None:
        return None
    from runlift.render.ics import zone_named

    try:
        return zone_named(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


tz_option = click.option("--tz", "zone", metavar="ZONE", callback=zone_callback, help=TZ_HELP)


def require_week_start(scenario: Scenario, file: str, what: str = "--format ics") -> None:
    """A calendar needs dates: fail before solving when the scenario has none."""
    if scenario.week_start is None:
        raise InputError(f"{what} needs week_start (the date of day 0) to put the sessions "
                         "on dates; add e.g. week_start: 2027-03-01", file=file,
                         loc=("week_start",))
