"""The block guardrails: each in its own module, found by name like the rules."""

from __future__ import annotations

import importlib
import pkgutil

from runlift.block.guardrails.base import Guardrail, Reading

__all__ = ["GUARDRAILS", "SCHEDULE_KEYS", "Guardrail", "Reading"]

# Keys of `progression:` that are not guardrails: which weeks deload, and their overlay.
SCHEDULE_KEYS = ("deload_every", "deload_week")


def _discover() -> dict[str, Guardrail]:
    found: dict[str, Guardrail] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        member = getattr(module, "MEMBER", None)
        if member is not None:
            found[member.name] = member
    return found


GUARDRAILS: dict[str, Guardrail] = _discover()
