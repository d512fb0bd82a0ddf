"""The `runlift` command: SIGINT and SIGTERM are runlift's before anything else loads
(runlift.interrupts), so that an interrupt during start-up ends like any other."""

from __future__ import annotations

from runlift import interrupts


def main() -> None:
    interrupts.install()
    try:
        from runlift.cli.main import main as group
    except KeyboardInterrupt as exc:
        from runlift.cli.errors import exit_interrupted

        exit_interrupted(exc)
    group()
