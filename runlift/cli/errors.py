"""The one error path of the command line: bad input becomes one line and exit 2, an
interrupt one line and exit 130 (SIGINT) or 143 (SIGTERM). Never a traceback."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

import click

from runlift import interrupts
from runlift.errors import InputError

EXIT_OK, EXIT_NO_PLAN, EXIT_BAD_INPUT = 0, 1, 2


def command_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Bad input becomes one line on stderr and exit code 2, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with ending_interrupts():
            try:
                return func(*args, **kwargs)
            except InputError as exc:
                if interrupts.pending():  # e.g. a read cut short by the signal
                    raise
                click.echo(f"runlift: error: {exc}", err=True)
                sys.exit(EXIT_BAD_INPUT)

    return wrapper


@contextmanager
def ending_interrupts() -> Iterator[None]:
    """Where an interrupt ends the command. Once a signal has come, whatever fails next
    fails because of it (a pool whose workers the signal ended, a file read cut short),
    and ends the same way."""
    try:
        yield
    except KeyboardInterrupt as exc:  # runlift's handler, CP-SAT's Interrupted, or Python's
        exit_interrupted(exc)
    except Exception:
        if not interrupts.pending():
            raise
        exit_interrupted(None)


def exit_interrupted(exc: BaseException | None) -> NoReturn:
    """One line on stderr, and exit 128 + the signal's number."""
    written = getattr(exc, "written", interrupts.NOTHING_WRITTEN)
    click.echo(f"runlift: interrupted; {written}", err=True)
    sys.exit(interrupts.exit_code())
