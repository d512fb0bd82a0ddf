"""How the counting rules name the 7-day window a breach lies in."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from runlift.models.plan import PlacedPlan


def window_text(plan: PlacedPlan, window: range) -> str:
    """'' when the horizon is its one window; ' in the 7 days mon 8 to sun 14' otherwise."""
    timeline = plan.problem.timeline
    if len(timeline.windows()) == 1 and window.start >= 0:
        return ""
    first, last = window[0], window[-1]
    return f" in the {len(window)} days {plan.label(first)} to {plan.label(last)}"
