"""The comparison report: the metric table with the best values marked, then every
alternative's week in the same grid, side by side (stacked on a phone)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from runlift.render.html.page import esc, page, section, status_badge
from runlift.render.html.parts import closed_cells, no_plan, week_grid

if TYPE_CHECKING:
    from runlift.compare.diff import AlternativeDiff
    from runlift.compare.run import Comparison
    from runlift.compare.table import ComparisonTable


def metric_table(comparison: Comparison, table: ComparisonTable) -> str:
    from runlift.compare.render import LEGEND, cell_text
    from runlift.compare.table import STATUS

    labels = comparison.labels
    head = "".join(f'<th scope="col">{esc(label)}</th>' for label in labels)
    rows = []
    for row in table.frame.index:
        if row in table.day_rows:
            continue  # the layout is drawn below, as a grid per alternative
        cells = []
        for label in labels:
            text = cell_text(table, row, label)
            if row == STATUS:
                cells.append(f"<td>{status_badge(text)}</td>")
            elif label in table.best.get(row, ()):
                cells.append(f'<td class="num best">{esc(text)} '
                             '<span class="best-mark">&#9733; best</span></td>')
            elif row in table.metric_rows:
                cells.append(f'<td class="num">{esc(text)}</td>')
            else:  # the conflict and relaxation of an alternative without a plan
                cells.append(f"<td>{esc(text)}</td>")
        rows.append(f'<tr><th scope="row">{esc(row)}</th>{"".join(cells)}</tr>')
    legend = esc(LEGEND.format(mark="★"))
    return (f'<div class="scroll"><table class="metrics-cmp"><thead><tr><th></th>{head}</tr>'
            f'</thead><tbody>{"".join(rows)}</tbody></table></div>'
            f'<p class="sub">{legend}</p>')


def alternative_cards(comparison: Comparison) -> str:
    cards = []
    for alternative, result in zip(comparison.alternatives, comparison.results, strict=True):
        body = (week_grid(result, closed_cells(alternative.problem))
                if result.has_plan else no_plan(result))
        cards.append(f'<section class="alternative"><h3>{esc(alternative.label)} '
                     f"{status_badge(result.status)}</h3>{body}</section>")
    return f'<div class="grid-cmp">{"".join(cards)}</div>'


def diff_list(diffs: list[AlternativeDiff]) -> str:
    items = "".join(
        f"<li><strong>{esc(d.label)}</strong><ul>"
        + "".join(f"<li>{esc(line)}</li>" for line in d.lines) + "</ul></li>"
        for d in diffs
    )
    return f'<ul class="diff">{items}</ul>'


def compare_report(comparison: Comparison, table: ComparisonTable,
                   diffs: list[AlternativeDiff] | None = None) -> str:
    """A self-contained HTML page for a comparison (the --diff moves when given)."""
    count = len(comparison.labels)
    title = f"Comparison of {count} alternatives"
    body = [f"<header><h1>{esc(title)}</h1><p class=\"sub\">Baseline: "
            f"{esc(table.baseline)}</p></header>",
            section("Metrics", metric_table(comparison, table), css_id="metrics"),
            f'<h2 id="weeks">Weeks</h2>{alternative_cards(comparison)}']
    if diffs:
        body.append(section(f"Changes from {diffs[0].baseline} (the baseline)",
                            diff_list(diffs), css_id="diff"))
    return page(title, "".join(body), wide=True)
