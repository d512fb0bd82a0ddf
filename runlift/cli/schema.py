"""`runlift schema`: the JSON Schema of scenario files."""

from __future__ import annotations

import click

from runlift.cli.errors import command_errors
from runlift.cli.options import out_option


@click.command()
@click.option("--block", "of_block", is_flag=True, help="The schema of block files instead.")
@out_option
@command_errors
def schema(of_block: bool, out: str | None) -> None:
    """Print the JSON Schema of scenario files (or block files), for editor autocompletion."""
    import json

    from runlift.writing import emit

    if of_block:
        from runlift.block.model import BlockFile

        document = BlockFile.model_json_schema()
    else:
        from runlift.scenario.model import Scenario

        document = Scenario.model_json_schema()
    emit(json.dumps(document, indent=2, sort_keys=True) + "\n", out)
