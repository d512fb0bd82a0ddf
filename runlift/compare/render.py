"""A comparison as text: a rich table, Markdown, CSV or JSON, all from the same DataFrame.

Weeks and blocks share every renderer: a comparison of blocks builds the same table
(runlift.compare.block_table), with its own rows and legend.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from typing import Any

from runlift.compare.diff import DiffLines
from runlift.compare.run import BlockComparison, Comparison
from runlift.compare.table import INVALID, STATUS, ComparisonTable
from runlift.compare.words import cell_text, is_best, legend, title
from runlift.models.block import BlockResult
from runlift.models.result import Result

BEST_MARK = "*"
COLUMN_WIDTH = 28


AnyComparison = Comparison | BlockComparison
Diffs = Sequence[DiffLines] | None


# --- table (rich) ------------------------------------------------------------------------
def render_table(
    comparison: AnyComparison, table: ComparisonTable, diffs: Diffs, *, color: bool = False,
) -> str:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    labels = comparison.labels
    buffer = io.StringIO()
    # Wide enough that rich never squeezes a column; long cells wrap at COLUMN_WIDTH.
    width = 40 + (COLUMN_WIDTH + 3) * len(labels)
    out = Console(file=buffer, width=width, color_system="standard" if color else None,
                  force_terminal=color, highlight=False, soft_wrap=False)
    grid = Table(title=title(len(labels)), title_justify="left")
    grid.add_column("", style="bold", no_wrap=True)
    for label in labels:
        grid.add_column(label, max_width=COLUMN_WIDTH, overflow="fold")
    sections = [[r for r in (STATUS, INVALID) if r in table.frame.index],
                [*table.metric_rows, *table.text_rows], table.day_rows]
    sections.append([r for r in table.frame.index if r not in {x for s in sections for x in s}])
    for rows in sections:
        for i, row in enumerate(rows):
            cells = []
            for label in labels:
                text = cell_text(table, row, label)
                if is_best(table, row, label):
                    cells.append(Text(text + BEST_MARK, style="bold green" if color else ""))
                else:
                    cells.append(Text(text))
            grid.add_row(row, *cells, end_section=i == len(rows) - 1)
    out.print(grid)
    out.print(legend(table, BEST_MARK), soft_wrap=True)
    if diffs is not None:
        _print_diffs(out, diffs)
    # rich pads the title and legend to the table's width; keep lines clean for pasting.
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


def _print_diffs(out: Any, diffs: Sequence[DiffLines]) -> None:
    if not diffs:
        return
    lines = [f"\nChanges from {diffs[0].baseline} (the baseline):"]
    for diff in diffs:
        if diff.changes:
            lines += [f"  {diff.label}:", *(f"    {line}" for line in diff.lines)]
        else:
            lines.append(f"  {diff.label}: {diff.lines[0]}")
    for line in lines:
        out.print(line, markup=False, soft_wrap=True)


# --- Markdown ----------------------------------------------------------------------------
def render_markdown(comparison: AnyComparison, table: ComparisonTable, diffs: Diffs) -> str:
    from runlift.render.text import md_table

    labels = comparison.labels
    rows = []
    for row in table.frame.index:
        cells = []
        for label in labels:
            text = cell_text(table, row, label)
            cells.append(f"**{text}**" if is_best(table, row, label) else text)
        rows.append([row, *cells])
    lines = [f"# {title(len(labels))}", "", md_table(["", *labels], rows),
             "", legend(table, "**bold**"), ""]
    if diffs:
        lines += [f"## Changes from {diffs[0].baseline} (the baseline)", ""]
        for diff in diffs:
            lines += [f"### {diff.label}", "", *(f"- {line}" for line in diff.lines), ""]
    return "\n".join(lines)


# --- CSV and JSON, straight from the DataFrame --------------------------------------------
DIFF_ROW = "changes from {baseline}"


def render_csv(table: ComparisonTable, diffs: Diffs) -> str:
    frame = table.frame
    if diffs:
        frame = frame.copy()
        row = DIFF_ROW.format(baseline=table.baseline)
        frame.loc[row] = [None] + ["; ".join(d.lines) for d in diffs]
    return str(frame.to_csv(index_label="row", lineterminator="\n"))


def render_json(comparison: AnyComparison, table: ComparisonTable, diffs: Diffs) -> str:
    results: Sequence[Result | BlockResult | None] = comparison.results
    document: dict[str, Any] = {
        "baseline": table.baseline,
        "labels": comparison.labels,
        "table": json.loads(table.frame.to_json(orient="index", force_ascii=False)),
        "best": table.best,
        "legend": legend(table, "").strip(),  # which way each marked row ranks
        "alternatives": [
            {"label": a.label, "source": a.source, "variant": a.variant, "changes": a.changes,
             # exactly what solve (or block) writes; null, with why, when invalid
             "invalid": a.invalid, "result": None if r is None else json.loads(r.to_json())}
            for a, r in zip(comparison.alternatives, results, strict=True)
        ],
    }
    if diffs is not None:
        document["diff"] = [d.to_dict() for d in diffs]
    return json.dumps(document, indent=2, ensure_ascii=False, default=str) + "\n"


def render_comparison(
    comparison: AnyComparison, fmt: str, *, diff: bool = False, color: bool = False
) -> str:
    """The comparison in one of table, json, csv, md or html; with the diff when asked."""
    table, diffs = _table_and_diffs(comparison, diff)
    if fmt == "html":
        from runlift.compare.html import block_compare_report, compare_report

        if isinstance(comparison, BlockComparison):
            return block_compare_report(comparison, table, diffs)
        return compare_report(comparison, table, diffs)
    if fmt == "json":
        return render_json(comparison, table, diffs)
    if fmt == "csv":
        return render_csv(table, diffs)
    if fmt == "md":
        return render_markdown(comparison, table, diffs)
    return render_table(comparison, table, diffs, color=color)


def _table_and_diffs(comparison: AnyComparison, diff: bool
                     ) -> tuple[ComparisonTable, list[DiffLines] | None]:
    if isinstance(comparison, BlockComparison):
        from runlift.compare.block_diff import block_comparison_diff
        from runlift.compare.block_table import build_block_table

        return (build_block_table(comparison),
                list(block_comparison_diff(comparison)) if diff else None)
    from runlift.compare.diff import comparison_diff
    from runlift.compare.table import build_table

    return build_table(comparison), list(comparison_diff(comparison)) if diff else None
