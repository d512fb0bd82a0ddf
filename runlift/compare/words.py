"""A comparison's words shared by its text and HTML renderings: the title, a cell as
shown, the best marks and their legend."""

from __future__ import annotations

from runlift.compare.table import LEGEND, METRIC_ROWS, ComparisonTable
from runlift.render.metrics import NONE_TEXT, number_text


def title(count: int) -> str:
    """'Comparison of 1 alternative', 'Comparison of 3 alternatives'."""
    return f"Comparison of {count} alternative{'' if count == 1 else 's'}"


def cell_text(table: ComparisonTable, row: str, label: str) -> str:
    """A cell as shown, without the best mark; '' where there is nothing to show."""
    value = table.frame.at[row, label]
    if value is None:
        # A metric that is None in a plan measured nothing (no lift before a key run).
        return NONE_TEXT if row in METRIC_ROWS and label in table.planned else ""
    return number_text(value)


def is_best(table: ComparisonTable, row: str, label: str) -> bool:
    return label in table.best.get(row, ())


def legend(table: ComparisonTable, mark: str) -> str:
    """What the best marks mean: a week's legend, or the table's own (a block's)."""
    return (table.legend or LEGEND).format(mark=mark)
