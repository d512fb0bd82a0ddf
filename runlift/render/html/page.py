"""The frame of every report: one self-contained HTML file, escaped text, no scripts.

Every string that comes from a file (scenario, athlete, session and slot names, messages
that quote them) goes through :func:`esc`. The Content-Security-Policy forbids scripts
and every fetch, so even a name that slipped past escaping could neither run nor load.
"""

from __future__ import annotations

import html

from runlift import __version__
from runlift.render.html.style import CSS

# No default sources: no scripts, fonts, images or connections; only the inline style.
CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


WIDE = ' class="wide"'


def esc(value: object) -> str:
    """Text for HTML content and quoted attribute values."""
    return html.escape(str(value), quote=True)


def status_badge(status: str) -> str:
    return f'<span class="status status-{esc(status)}">{esc(status)}</span>'


def section(title: str, body: str, *, css_id: str | None = None) -> str:
    ident = f' id="{esc(css_id)}"' if css_id else ""
    return f"<section{ident}><h2>{esc(title)}</h2>{body}</section>"


def page(title: str, body: str, *, wide: bool = False) -> str:
    """A complete document; ``title`` is raw text (escaped here), ``body`` is HTML.
    ``wide`` lets side-by-side content use more of a large screen."""
    return (
        "<!doctype html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="runlift {__version__}">'
        f"<title>{esc(title)}</title><style>{CSS}</style></head>\n"
        f"<body><main{WIDE if wide else ''}>{body}"
        f"<footer>Made by runlift {__version__}. This file is self-contained and works "
        "offline.</footer></main></body></html>\n"
    )
