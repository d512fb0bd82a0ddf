"""The `runlift` command: SIGINT and SIGTERM are runlift's before anything else loads
(runlift.interrupts), so that an interrupt during start-up ends like any other."""

from __future__ import annotations

import os

from runlift import interrupts


def main() -> None:
    # pydantic looks for plugins among the entry points of every installed distribution
    # the first time it builds a model: a scan of site-packages at each start-up, for
    # plugins the command never uses. A user who wants them sets the variable.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    interrupts.install()
    try:
        from runlift.cli.main import main as group
    except KeyboardInterrupt as exc:
        from runlift.cli.errors import exit_interrupted

        exit_interrupted(exc)
    group()
