"""Render results: a rich table, Markdown, CSV, JSON, an HTML report or an iCalendar."""

from __future__ import annotations

FORMATS = ("table", "json", "csv", "md", "html", "ics")
