"""runlift's command line: a thin layer over the library (runlift.api and friends).

Every command lives in its own module and imports only click at module level, so that
`runlift --help` stays fast; the machinery loads when a command runs. The installed
command starts in runlift.cli.entry, which handles SIGINT and SIGTERM from the start.
"""

from __future__ import annotations

from typing import Any

import click

from runlift import __version__
from runlift.cli.batch import batch
from runlift.cli.block import block
from runlift.cli.check import check
from runlift.cli.compare import compare
from runlift.cli.errors import ending_interrupts
from runlift.cli.replan import replan
from runlift.cli.rules import rules
from runlift.cli.schema import schema
from runlift.cli.solve import solve
from runlift.cli.squad_example import squad_example


class Group(click.Group):
    """click turns a KeyboardInterrupt into "Aborted!" and exit 1; runlift's interrupts end
    in runlift.cli.errors, while the arguments are read (a --tz callback loads the zone
    data) as well as while a command runs."""

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        with ending_interrupts():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        with ending_interrupts():
            return super().invoke(ctx)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="runlift")
def main() -> None:
    """Plan training weeks and blocks for runners who lift, with named, configurable rules.

    Exit codes: 0 a plan was found (or the check passed), 1 no plan satisfies the hard
    rules (or the checked plan breaks one), 2 bad input or usage.
    """


for command in (solve, check, replan, block, schema, rules, compare, batch,
                squad_example):
    main.add_command(command)
