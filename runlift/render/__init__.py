"""Render results as text: a rich table, Markdown, CSV or JSON."""

from __future__ import annotations

FORMATS = ("table", "json", "csv", "md")
