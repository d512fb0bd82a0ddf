"""The one Jinja environment every report is rendered with.

Every page and fragment is a template under ``templates/``; Python only prepares plain
data (the views in parts.py, svg.py, solve.py, compare.py and squad.py). Autoescaping is
on for every template, so each name that comes from a file (scenario, athlete, session,
slot, variant, and the messages that quote them) is escaped without anyone having to
remember it; no template marks text as safe. The Content-Security-Policy in page.html.j2
forbids scripts and every fetch as a second line of defence.

jinja2 is imported on first use only, so that `runlift --help` and the text formats do
not pay for it.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from runlift import __version__
from runlift.render.wording import NO_PLAN_IN_TIME, NOTES_HEADER, RELAXATIONS_HEADER

if TYPE_CHECKING:
    import jinja2

TEMPLATES = "templates"


@cache
def environment() -> jinja2.Environment:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("runlift.render.html", TEMPLATES),
        autoescape=True,  # every template, whatever its name
        undefined=jinja2.StrictUndefined,  # a misspelt field fails instead of vanishing
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # templates are package data: they do not change under us
    )
    env.globals["version"] = __version__
    env.globals.update(no_plan_in_time=NO_PLAN_IN_TIME, relaxations_header=RELAXATIONS_HEADER,
                       notes_header=NOTES_HEADER)
    return env


def render(template: str, **context: Any) -> str:
    """A template rendered with ``context``: the same data gives the same bytes."""
    return environment().get_template(template).render(**context)
