"""`runlift schema`: the JSON Schema of scenario files."""

from __future__ import annotations

import click

from runlift.cli.errors import command_errors
from runlift.cli.options import out_option


@click.command()
@out_option
@command_errors
def schema(out: str | None) -> None:
    """Print the JSON Schema of scenario files, for editor autocompletion."""
    import json

    from runlift.scenario.model import Scenario
    from runlift.writing import emit

    emit(json.dumps(Scenario.model_json_schema(), indent=2, sort_keys=True) + "\n", out)
