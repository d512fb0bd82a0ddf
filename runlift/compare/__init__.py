"""Compare alternative weeks (or blocks) side by side: `runlift compare`.

>>> from runlift.compare import build_alternatives, compare, render_comparison
>>> alternatives = build_alternatives(["week.yaml"], ["rules.legs_policy=any,stack"])
>>> print(render_comparison(compare(alternatives), "md", diff=True))

Block files build block alternatives (``Alternative.kind == "block"``), planned with
``compare_blocks`` and rendered by the same ``render_comparison``.
"""

from __future__ import annotations

from runlift.compare.alternatives import MAX_ALTERNATIVES, Alternative, build_alternatives
from runlift.compare.diff import comparison_diff
from runlift.compare.render import render_comparison
from runlift.compare.run import BlockComparison, Comparison, compare, compare_blocks
from runlift.compare.table import ComparisonTable, build_table

__all__ = [
    "MAX_ALTERNATIVES",
    "Alternative",
    "BlockComparison",
    "Comparison",
    "ComparisonTable",
    "build_alternatives",
    "build_table",
    "compare",
    "compare_blocks",
    "comparison_diff",
    "render_comparison",
]
