"""`runlift rules`: the named rules, their defaults and meanings."""

from __future__ import annotations

import click

from runlift.cli.errors import command_errors
from runlift.cli.options import format_option


@click.command()
@format_option(("table", "json", "md"))
@command_errors
def rules(fmt: str) -> None:
    """List the named rules: default, meaning and soft-cost unit."""
    from runlift.render.formats import render_rules
    from runlift.writing import emit

    emit(render_rules(fmt), None)
