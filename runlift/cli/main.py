"""runlift's command line. Each command parses options, calls runlift.api and renders."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any

import click

from runlift import __version__
from runlift.cli.compare import compare
from runlift.cli.documents import tz_option
from runlift.errors import InputError
from runlift.render import FORMATS

EXIT_OK, EXIT_NO_PLAN, EXIT_BAD_INPUT = 0, 1, 2


def fail_cleanly(func: Callable[..., Any]) -> Callable[..., Any]:
    """Bad input becomes one line on stderr and exit code 2, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except InputError as exc:
            click.echo(f"runlift: error: {exc}", err=True)
            sys.exit(EXIT_BAD_INPUT)

    return wrapper


def format_option(choices: tuple[str, ...] = FORMATS) -> Callable[..., Any]:
    return click.option("--format", "fmt", type=click.Choice(choices), default="table",
                        show_default=True, help="Output format.")


out_option = click.option("--out", "-o", type=click.Path(dir_okay=False, writable=True),
                          help="Write to this file (atomically) instead of stdout.")
time_limit_option = click.option(
    "--time-limit", type=click.FloatRange(min=0.01), default=10.0, show_default=True,
    help="Search limit per solve, in CP-SAT deterministic seconds (reproducible).",
)
scenario_argument = click.argument("scenario", type=click.Path(dir_okay=True))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="runlift")
def main() -> None:
    """Plan a training week for runners who lift, with named, configurable rules.

    Exit codes: 0 a plan was found (or the check passed), 1 no plan satisfies the hard
    rules (or the checked plan breaks one), 2 bad input or usage.
    """


@main.command()
@scenario_argument
@format_option()
@out_option
@time_limit_option
@click.option("--timings", is_flag=True, help="Add build, solve and explanation seconds.")
@tz_option
@fail_cleanly
def solve(scenario: str, fmt: str, out: str | None, time_limit: float, timings: bool,
          zone: Any) -> None:
    """Solve the week of SCENARIO (YAML, TOML or JSON).

    --format html writes a self-contained report; --format ics a calendar (needs
    week_start; a week with no plan gives exit 1, the reason on stderr and no file).
    """
    from runlift.api import load_scenario
    from runlift.api import solve as solve_week
    from runlift.cli.documents import require_week_start
    from runlift.cli.output import emit, stdout_is_terminal
    from runlift.render.formats import render_result

    loaded = load_scenario(scenario)
    if fmt == "ics":
        require_week_start(loaded, scenario)
    result = solve_week(loaded, time_limit=time_limit, timings=timings)
    if fmt == "ics" and not result.has_plan:
        click.echo(render_result(result, "table"), err=True, nl=False)
        sys.exit(EXIT_NO_PLAN)
    emit(render_result(result, fmt, color=out is None and stdout_is_terminal(),
                       problem=loaded.problem, zone=zone), out)
    sys.exit(EXIT_OK if result.has_plan else EXIT_NO_PLAN)


@main.command()
@scenario_argument
@click.argument("plan", type=click.Path(dir_okay=True))
@format_option(("table", "json", "csv", "md"))
@out_option
@fail_cleanly
def check(scenario: str, plan: str, fmt: str, out: str | None) -> None:
    """Check PLAN against the rules of SCENARIO, without the solver.

    PLAN is the JSON that `runlift solve --format json` writes, or a YAML, JSON or CSV
    list of {day, slot, session}.
    """
    from runlift.api import check as check_week
    from runlift.api import load_plan, load_scenario
    from runlift.cli.output import emit, stdout_is_terminal
    from runlift.render.formats import render_check

    loaded = load_scenario(scenario)
    result = check_week(loaded, load_plan(plan, loaded))
    emit(render_check(result, fmt, color=out is None and stdout_is_terminal()), out)
    sys.exit(EXIT_OK if result.ok else EXIT_NO_PLAN)


@main.command()
@out_option
@fail_cleanly
def schema(out: str | None) -> None:
    """Print the JSON Schema of scenario files, for editor autocompletion."""
    import json

    from runlift.cli.output import emit
    from runlift.models.scenario import Scenario

    emit(json.dumps(Scenario.model_json_schema(), indent=2, sort_keys=True) + "\n", out)


@main.command()
@format_option(("table", "json", "md"))
def rules(fmt: str) -> None:
    """List the named rules: default, meaning and soft-cost unit."""
    from runlift.render.formats import render_rules

    click.echo(render_rules(fmt), nl=False)


main.add_command(compare)


from runlift.cli.batch import batch, squad_example  # noqa: E402 - needs only click

main.add_command(batch)
main.add_command(squad_example)

if __name__ == "__main__":  # pragma: no cover
    main()
