"""Self-contained HTML reports: inline CSS and SVG, no scripts, no network fetches.

The pages are Jinja templates (templates/, autoescaped) filled with plain data."""

from __future__ import annotations

from runlift.render.html.solve import solve_report

__all__ = ["solve_report"]
