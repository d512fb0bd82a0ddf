"""What an input file may be: a regular file of bounded size, bounded nesting, YAML
aliases that do not multiply the document, JSON without duplicate keys or lone
surrogates. Every breach is one InputError line, found before the document is used.

- Size: at most RUNLIFT_MAX_INPUT_BYTES bytes (default 32 MiB: a squad of about 150,000
  athletes, a plan of a million rows as CSV). The file is read with a bounded read, so a
  file that never ends is refused as soon as it passes the limit.
- Kind: a regular file (or a symlink to one). A FIFO, a device or a socket is refused
  before it is opened for reading, so nothing waits for a writer.
- Nesting: at most MAX_DEPTH levels of mappings and lists (a scenario needs five).
- YAML aliases: each alias repeats its anchored node wherever it is used, and what reads
  the document sees every repeat. The repeats may bring the document to at most
  ALIAS_FACTOR times its own nodes (or ALIAS_ALLOWANCE nodes, for a small file). The node
  graph is checked once per node, so a "billion laughs" file is refused at once.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from runlift.errors import InputError
from runlift.models.errors import Loc

MAX_INPUT_ENV = "RUNLIFT_MAX_INPUT_BYTES"
DEFAULT_MAX_INPUT_BYTES = 32 * 1024 * 1024
MAX_DEPTH = 64
ALIAS_FACTOR = 10
ALIAS_ALLOWANCE = 100_000
MERGE_TAG = "tag:yaml.org,2002:merge"


def max_input_bytes() -> int:
    """The size limit: RUNLIFT_MAX_INPUT_BYTES, or 32 MiB."""
    text = os.environ.get(MAX_INPUT_ENV, "").strip()
    if not text:
        return DEFAULT_MAX_INPUT_BYTES
    if not re.fullmatch(r"\d+", text) or int(text) < 1:
        raise InputError(f"expected a whole number of bytes >= 1, got {text!r}",
                         file=MAX_INPUT_ENV)
    return int(text)


def read_input(path: Path, what: str) -> str:
    """The text of an input file: a regular file, at most max_input_bytes(), UTF-8."""
    raw = read_input_bytes(path, what)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"cannot read the file: not UTF-8 text ({exc.reason} at byte "
                         f"{exc.start})", file=str(path)) from None


def read_input_bytes(path: Path, what: str) -> bytes:
    """The bytes of an input file: a regular file, at most max_input_bytes()."""
    name, limit = str(path), max_input_bytes()
    try:
        # O_NONBLOCK: opening a FIFO that replaced the file since it was looked at must
        # not wait for a writer; the kind is checked on the open descriptor.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror}", file=name) from None
    try:
        _refuse_special(os.fstat(fd).st_mode, name, what)  # before fdopen: a folder fails there
    except InputError:
        os.close(fd)
        raise
    with os.fdopen(fd, "rb") as handle:
        try:
            raw = handle.read(limit + 1)
        except OSError as exc:
            raise InputError(f"cannot read the file: {exc.strerror}", file=name) from None
    if len(raw) > limit:
        raise InputError(f"the file is larger than {limit} bytes, the most runlift reads "
                         f"(set {MAX_INPUT_ENV} to change it)", file=name)
    return raw


def refuse_special(path: Path, what: str) -> None:
    """InputError unless ``path`` is a regular file (following symlinks)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return  # the caller reports a missing or unreadable file
    _refuse_special(mode, str(path), what)


def _refuse_special(mode: int, name: str, what: str) -> None:
    if stat.S_ISREG(mode):
        return
    kind = ("a FIFO" if stat.S_ISFIFO(mode) else "a device" if stat.S_ISCHR(mode)
            or stat.S_ISBLK(mode) else "a socket" if stat.S_ISSOCK(mode) else "not a file")
    raise InputError(f"is {kind}, not a regular file; expected a {what}", file=name)


# --- YAML: the composed node graph ------------------------------------------------------
def check_yaml_graph(root: yaml.Node, name: str, streamed_nodes: int = 0) -> None:
    """Duplicate keys, nesting, recursive aliases and the aliases' expansion, each node
    visited once (an alias is a second edge to the same node object). ``streamed_nodes``:
    nodes of the document read apart, and checked apart (runlift.scenario.streaming):
    each their own, they count once in the document's nodes and its expansion."""
    sizes: dict[int, int] = {}  # node id -> nodes it expands to, itself included
    depths: dict[int, int] = {}
    on_path: set[int] = set()
    for node, entering in _walk(root):
        if entering:
            on_path.add(id(node))
            if isinstance(node, yaml.MappingNode):
                reject_duplicate_keys(node, name)
            continue
        children = _children(node)
        if any(id(child) in on_path for child in children):
            raise InputError("invalid YAML: an alias refers to a node that holds it (a "
                             "recursive structure)", file=name, line=_line(node))
        on_path.discard(id(node))
        sizes[id(node)] = 1 + sum(sizes[id(c)] for c in children)
        depths[id(node)] = 1 + max((depths[id(c)] for c in children), default=0)
        if depths[id(node)] > MAX_DEPTH:
            raise InputError(f"nested deeper than {MAX_DEPTH} levels", file=name,
                             line=_line(node))
    _check_expansion(root, sizes, name, streamed_nodes)


def _walk(root: yaml.Node) -> Iterator[tuple[yaml.Node, bool]]:
    """Each distinct node once, entering and then leaving it, depth first, without
    recursion. A node is left after its children, except a child that is still being
    walked: that child holds the node (a recursive alias)."""
    entered: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, True)]
    while stack:
        node, entering = stack.pop()
        if not entering:
            yield node, False
            continue
        if id(node) in entered:  # reached again through an alias before it was entered
            continue
        entered.add(id(node))
        yield node, True
        stack.append((node, False))
        stack.extend((child, True) for child in reversed(_children(node))
                     if id(child) not in entered)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def reject_duplicate_keys(node: yaml.MappingNode, name: str) -> None:
    """PyYAML keeps the last of two equal keys silently; a scenario would lose a line."""
    seen: dict[str, int] = {}
    for key, _ in node.value:
        if not isinstance(key, yaml.ScalarNode):
            continue  # a list or mapping as a key: the constructor refuses it (unhashable)
        text, line = str(key.value), _line(key)
        if text in seen and key.tag != MERGE_TAG:
            raise InputError(f"duplicate key {text!r} (first on line {seen[text]})",
                             file=name, line=line)
        seen[text] = line


def _check_expansion(root: yaml.Node, sizes: dict[int, int], name: str,
                     streamed_nodes: int = 0) -> None:
    limit = max(ALIAS_ALLOWANCE, ALIAS_FACTOR * (len(sizes) + streamed_nodes))
    if sizes[id(root)] + streamed_nodes <= limit:
        return
    if streamed_nodes:  # the reader falls back to the whole document, for the full line
        raise InputError("its aliases expand it too far", file=name)
    # Name the smallest node that is already too big: where the multiplying happens.
    worst = min((n for n, _ in _walk(root) if sizes[id(n)] > limit), key=lambda n: sizes[id(n)])
    raise InputError(f"its aliases expand it from {len(sizes)} nodes to "
                     f"{sizes[id(root)]:.3g}, more than the {limit} allowed; write the "
                     "repeated part out, or use fewer aliases", file=name, line=_line(worst))


# --- JSON and TOML: the parsed data -----------------------------------------------------
def check_data(data: Any, name: str) -> None:
    """Nesting of parsed JSON or TOML data, without recursion."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise InputError(f"nested deeper than {MAX_DEPTH} levels", file=name)
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)


def json_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """object_pairs_hook for json.loads: a duplicate key is an error, as in YAML and TOML
    (json keeps the last one silently)."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


# "\ud800".."\udfff" escapes: the only way a JSON text gives a string a lone surrogate.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def parse_json(text: str, name: str) -> Any:
    try:
        data = json.loads(text, object_pairs_hook=json_pairs)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg}", file=name, line=exc.lineno) from None
    except _DuplicateKey as exc:
        raise InputError(f"invalid JSON: duplicate key {exc.key!r} in one object",
                         file=name) from None
    except RecursionError:
        raise InputError(f"nested deeper than {MAX_DEPTH} levels", file=name) from None
    check_data(data, name)
    if _SURROGATE_ESCAPE.search(text):
        _reject_lone_surrogates(data, name)
    return data


def _reject_lone_surrogates(data: Any, name: str) -> None:
    """A pair of escapes makes one character; a lone one is no character at all, and
    could not be printed or written back as UTF-8."""
    stack: list[tuple[Any, Loc]] = [(data, ())]
    while stack:
        value, loc = stack.pop()
        if isinstance(value, str) and not _encodable(value):
            raise InputError("invalid JSON: a \\ud800-\\udfff escape that is not half of a "
                             "pair (no character)", file=name, loc=loc)
        if isinstance(value, dict):
            for key, item in value.items():
                if not _encodable(key):
                    raise InputError("invalid JSON: a key with a \\ud800-\\udfff escape that "
                                     "is not half of a pair (no character)", file=name,
                                     loc=loc)
                stack.append((item, (*loc, key)))
        elif isinstance(value, list):
            stack.extend((item, (*loc, i)) for i, item in enumerate(value))


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
