"""Compare alternative weeks side by side: `runlift compare`.

>>> from runlift.compare import build_alternatives, compare, render_comparison
>>> alternatives = build_alternatives(["week.yaml"], ["rules.legs_policy=any,stack"])
>>> print(render_comparison(compare(alternatives), "md", diff=True))
"""

from __future__ import annotations

from runlift.compare.alternatives import MAX_ALTERNATIVES, Alternative, build_alternatives
from runlift.compare.diff import comparison_diff
from runlift.compare.render import render_comparison
from runlift.compare.run import Comparison, compare
from runlift.compare.table import ComparisonTable, build_table

__all__ = [
    "MAX_ALTERNATIVES",
    "Alternative",
    "Comparison",
    "ComparisonTable",
    "build_alternatives",
    "build_table",
    "compare",
    "comparison_diff",
    "render_comparison",
]
