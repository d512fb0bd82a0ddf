"""A scenario file read and validated: the one call that turns a path into a Scenario."""

from __future__ import annotations

from pathlib import Path

from runlift.scenario.loading import read_document, validate_document
from runlift.scenario.model import Scenario


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario file. Raises InputError with file, path and line."""
    data, node = read_document(path)
    return validate_document(data, Scenario, str(path), node,
                             context={"base_dir": Path(path).parent})
