"""Hypothesis strategies for horizons that join: random histories before day 0, and
repeating templates, over the random scenarios of scenario_strategies."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st
from scenario_strategies import TYPES, scenarios


@st.composite
def histories(draw: st.DrawFn, slots: list[str], max_days: int = 8) -> list[dict[str, Any]]:
    """Up to a week and a day of history, at most one session per slot, some with what
    was actually done (minutes, rpe, load)."""
    reach = draw(st.integers(1, max_days))
    cells = [(-d, s) for d in range(1, reach + 1) for s in slots]
    chosen = draw(st.lists(st.sampled_from(cells), min_size=1, max_size=min(6, len(cells)),
                           unique=True))
    entries = []
    for day, slot in chosen:
        entry: dict[str, Any] = {"day": day, "slot": slot, "session": draw(st.sampled_from(TYPES))}
        done = draw(st.sampled_from(["as planned", "minutes", "rpe", "load"]))
        if done == "minutes":
            entry["minutes"] = draw(st.integers(10, 120))
        elif done == "rpe":
            entry["rpe"] = draw(st.integers(1, 10))
        elif done == "load":
            entry["load"] = draw(st.integers(0, 900))
        entries.append(entry)
    return entries


@st.composite
def joined_scenarios(draw: st.DrawFn, max_sessions: int = 7, max_days: int = 10,
                     max_slots: int = 3) -> dict[str, Any]:
    """A random scenario with a history before it, or made a repeating template."""
    doc = draw(scenarios(max_sessions=max_sessions, max_days=max_days, max_slots=max_slots))
    if draw(st.booleans()):
        doc["history"] = draw(histories(list(doc["slots"])))
    else:
        doc.pop("race_date", None)
        doc["repeat"] = True
    return doc
