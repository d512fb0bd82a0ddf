"""Read a block file (YAML, TOML or JSON): every failure is one line with the file, the
field path and the YAML line, as for scenario files."""

from __future__ import annotations

from pathlib import Path

from runlift.block.model import BlockFile
from runlift.block.problem import BlockProblem, build
from runlift.errors import InputError
from runlift.scenario.loading import read_document, validate_document, yaml_line


def load_block_file(path: str | Path) -> BlockProblem:
    data, node = read_document(path, what="block file")
    file = str(path)
    block = validate_document(data, BlockFile, file, node,
                              context={"base_dir": Path(path).parent})
    try:
        return build(block, file)
    except InputError as error:
        if error.line is None and error.loc:
            raise InputError(error.message, file=file, loc=error.loc,
                             line=yaml_line(node, error.loc)) from None
        raise
