"""Helpers for the HTML report tests: parse a page, and check it is self-contained.

``tests/`` is on ``sys.path`` (pytest's rootdir conftest), so tests import this module as
``html_kit``.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser


class Outline(HTMLParser):
    """Tags, attributes and text of a document, for asserting on structure, not bytes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def count(self, tag: str, cls: str | None = None) -> int:
        return sum(1 for t, a in self.tags
                   if t == tag and (cls is None or cls in (a.get("class") or "").split()))


def outline(html: str) -> Outline:
    parsed = Outline()
    parsed.feed(html)
    return parsed


def assert_self_contained(html: str) -> None:
    doc = outline(html)
    assert html.startswith("<!doctype html>")
    assert not any(tag in ("script", "img", "link", "iframe", "object", "embed")
                   for tag, _ in doc.tags)
    for _, attrs in doc.tags:
        assert "src" not in attrs
        assert not (attrs.get("href") or "").startswith(("http:", "https:", "//"))
    assert "url(" not in html and "@import" not in html
    # The only URL is the SVG namespace, which is a name, never fetched.
    assert set(re.findall(r"https?://[^\s\"'<>]+", html)) <= {"http://www.w3.org/2000/svg"}
    viewport = [a for t, a in doc.tags if t == "meta" and a.get("name") == "viewport"]
    assert viewport and "width=device-width" in (viewport[0]["content"] or "")
