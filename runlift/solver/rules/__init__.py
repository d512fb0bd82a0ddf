"""The registry of named rules: every module in this package defines one rule.

Adding a rule means adding one module here (with its tests); it is found by name.
"""

from __future__ import annotations

import importlib
import pkgutil

from runlift.solver.rules.base import Rule, Violation

__all__ = ["RULES", "Rule", "Violation"]


def _discover() -> dict[str, Rule]:
    found: dict[str, Rule] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_") or info.name in ("base", "values"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        rule: Rule = module.RULE
        if rule.name != info.name:  # pragma: no cover - a packaging mistake
            raise RuntimeError(f"rule module {info.name} defines rule {rule.name}")
        found[rule.name] = rule
    return found


RULES: dict[str, Rule] = _discover()
