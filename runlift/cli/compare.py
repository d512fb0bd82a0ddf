"""`runlift compare`: solve alternative weeks (or plan alternative blocks) and lay them
side by side."""

from __future__ import annotations

import click

from runlift.cli.errors import command_errors
from runlift.cli.options import TABLE_FORMATS, format_option, out_option, time_limit_option


@click.command()
@click.argument("scenarios", nargs=-1, required=True, type=click.Path(dir_okay=True))
@click.option("--vary", "varies", multiple=True, metavar="PATH=V1,V2",
              help="Solve once per value of a scenario field, e.g. rules.legs_policy=any,stack "
                   "or fixed.0.day=sat,sun (of a block: progression.ramp_pct=5,10). Repeat "
                   "for the cross product (at most 64).")
@click.option("--diff", "show_diff", is_flag=True,
              help="List what moved between the first alternative and each other one.")
@format_option((*TABLE_FORMATS, "html"))
@out_option
@time_limit_option()
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Solver processes to run at once  [default: the number of cores]")
@command_errors
def compare(
    scenarios: tuple[str, ...], varies: tuple[str, ...], show_diff: bool, fmt: str,
    out: str | None, time_limit: float, workers: int | None,
) -> None:
    """Compare alternatives of a week, or of a block, side by side.

    The alternatives are the SCENARIOS files, each file's `variants:` (named overlays
    merged over the file; the file itself comes first as `base`), and the values of every
    --vary. The first alternative is the baseline for --diff; the best value is marked
    in each row where one way is better (the footnote says which way). Block files
    (`runlift block`) compare the same way, week by week; one comparison holds weeks or
    blocks, not both. An alternative that a variant or a --vary value makes invalid is a
    column that says why; the others are still solved.

    Exit codes: 0 the comparison ran, even when some alternatives have no plan or are
    invalid; 2 bad input (a file, --vary itself), or no alternative is valid, on one line
    naming the alternative and the field; 130 (143) interrupted by Ctrl-C (SIGTERM).
    """
    from runlift.compare import build_alternatives
    from runlift.compare import compare as solve_alternatives
    from runlift.compare.render import AnyComparison, render_comparison
    from runlift.compare.run import compare_blocks
    from runlift.documents import BLOCK
    from runlift.writing import emit, stdout_is_terminal

    alternatives = build_alternatives(scenarios, varies)
    comparison: AnyComparison
    if alternatives[0].kind == BLOCK:
        comparison = compare_blocks(alternatives, time_limit=time_limit, workers=workers)
    else:
        comparison = solve_alternatives(alternatives, time_limit=time_limit, workers=workers)
    emit(render_comparison(comparison, fmt, diff=show_diff,
                           color=out is None and stdout_is_terminal()), out)
