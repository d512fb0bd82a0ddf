"""`runlift rules`: the named rules, their defaults and meanings."""

from __future__ import annotations

import click

from runlift.cli.options import format_option


@click.command()
@format_option(("table", "json", "md"))
def rules(fmt: str) -> None:
    """List the named rules: default, meaning and soft-cost unit."""
    from runlift.render.formats import render_rules

    click.echo(render_rules(fmt), nl=False)
