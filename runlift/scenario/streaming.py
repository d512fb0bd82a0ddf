"""A YAML document read with one top-level list taken an item at a time: a squad of
100,000 athletes would be a node tree of about a gigabyte, and only its line numbers are
needed once the data is built.

Each item of the list under ``key`` is composed on its own, checked as runlift.scenario.
limits checks the whole document, built into data, handed over, and dropped. What stays
of it is a compact line tree: the lines yaml_line would give for any path into the item.
The rest of the document (the head) is composed as usual, with an empty list where the
items were.

Only what this reads exactly as read_document would is read this way. Anything else (an
alias or an anchor among the items, a tag on the list, a second document, any YAML error
or breach of the limits) raises NotStreamed, and the caller reads the file the ordinary
way, which gives the same data, or the same error, with its line.
"""

from __future__ import annotations

import pickle
from array import array
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeAlias

import yaml
from yaml.composer import Composer
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from runlift.errors import InputError
from runlift.scenario.limits import MAX_DEPTH, check_yaml_graph, reject_duplicate_keys
from runlift.scenario.loading import ScenarioYamlLoader, yaml_line

STR_TAG = "tag:yaml.org,2002:str"

# An item's lines, relative to the line the item starts on. A mapping holds, by key text,
# the key's line (a scalar value) or (the key's line, the value's tree); a list holds, per
# item, its line (a scalar) or (its line, its tree). A scalar's own line is never asked
# for beyond that: yaml_line stops at it.
Tree: TypeAlias = "dict[int, int | tuple[int, Tree]] | list[int | tuple[int, Tree]]"


class NotStreamed(Exception):
    """The document cannot be read item by item exactly: read it the ordinary way."""


@dataclass
class DocumentLines:
    """The line of any path in a document, as yaml_line gives it on the whole node tree:
    from ``head`` (the document's tree, without the streamed items) and each streamed
    item's first line and compact line tree (pickled; items of the same shape, written
    alike, share one: a squad's athletes mostly do)."""

    head: yaml.Node | None
    key: str = ""  # the top-level key whose items were streamed
    starts: array[int] = field(default_factory=lambda: array("l"))  # each item's line - 1
    trees: list[bytes] = field(default_factory=list)
    key_ids: dict[str, int] = field(default_factory=dict)  # key text -> its number in a tree
    _shared: dict[bytes, bytes] = field(default_factory=dict, repr=False)

    @property
    def streamed(self) -> bool:
        return bool(self.key)

    def line(self, loc: Sequence[str | int]) -> int | None:
        if self.streamed and len(loc) > 1 and loc[0] == self.key:
            index = loc[1]
            if isinstance(index, int) and 0 <= index < len(self.trees):
                return self._item_line(index, loc[2:])
        return yaml_line(self.head, loc)

    def _item_line(self, index: int, loc: Sequence[str | int]) -> int:
        tree = pickle.loads(self.trees[index])
        line = 0
        for part in loc:
            if isinstance(tree, dict):
                found = tree.get(self.key_ids.get(str(part), -1))
            elif isinstance(tree, list) and isinstance(part, int) and 0 <= part < len(tree):
                found = tree[part]
            else:
                found = None
            if found is None:
                break
            line, tree = (found, None) if isinstance(found, int) else found
        return self.starts[index] + line + 1

    def add_item(self, node: yaml.Node) -> None:
        start = node.start_mark.line
        tree = pickle.dumps(self._tree(node, start), pickle.HIGHEST_PROTOCOL)
        self.starts.append(start)
        self.trees.append(self._shared.setdefault(tree, tree))

    def _tree(self, node: yaml.Node, start: int) -> Tree | None:
        if isinstance(node, yaml.MappingNode):
            entries: dict[int, Any] = {}
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):  # the first of equal keys, as yaml_line
                    number = self.key_ids.setdefault(str(key.value), len(self.key_ids))
                    entries.setdefault(number, self._entry(key, value, start))
            return entries
        if isinstance(node, yaml.SequenceNode):
            return [self._entry(item, item, start) for item in node.value]
        return None

    def _entry(self, at: yaml.Node, value: yaml.Node, start: int) -> int | tuple[int, Tree]:
        line = at.start_mark.line - start
        tree = self._tree(value, start)
        return line if tree is None else (line, tree)


class _StreamingLoader(ScenarioYamlLoader, Composer):
    """The scenario loader (libyaml's parser), with PyYAML's Python composer, so that a
    node can be composed on its own."""

    def __init__(self, source: bytes) -> None:
        ScenarioYamlLoader.__init__(self, source)  # type: ignore[call-arg]
        self.anchors: dict[Any, yaml.Node] = {}
        self.in_items = False

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node:
        if self.in_items:  # shared nodes would be counted and built apart: not exact
            event = self.peek_event()
            if isinstance(event, AliasEvent) or event.anchor is not None:
                raise NotStreamed("an alias or anchor among the items")
        node: yaml.Node = Composer.compose_node(self, parent, index)  # type: ignore[assignment]
        return node


class StreamedReading:
    """One document read item by item: iterate ``items()`` for the data of each item of
    the top-level ``key`` list, in order; then ``head`` is the rest of the document's data
    (``key`` an empty list there) and ``lines`` the lines of all of it.

    A YAML error or a breach of the limits raises NotStreamed from ``items()``; what the
    caller does with an item (and raises) is its own.
    """

    def __init__(self, source: bytes, name: str, key: str) -> None:
        self.source, self.name = source, name
        self.lines = DocumentLines(head=None, key=key)
        self.head: Any = None
        self._item_nodes = 0  # nodes of the items, each their own (no alias among them)

    def items(self) -> Iterator[Any]:
        loader = _StreamingLoader(self.source)
        try:
            root = yield from self._document(loader)
            check_yaml_graph(root, self.name, streamed_nodes=self._item_nodes)
            self.head = loader.construct_document(root)
            self.lines.head = root
        except (yaml.YAMLError, InputError, RecursionError, ValueError, TypeError) as exc:
            raise NotStreamed(str(exc)) from exc
        finally:
            loader.dispose()

    def _document(self, loader: _StreamingLoader) -> Generator[Any, None, yaml.MappingNode]:
        loader.get_event()  # the stream's start
        if loader.check_event(StreamEndEvent):
            raise NotStreamed("no document")
        loader.get_event()  # the document's start
        root = yield from self._mapping(loader)
        loader.get_event()  # the document's end
        if not loader.check_event(StreamEndEvent):
            raise NotStreamed("more than one document")
        if not self.lines.trees and not self._seen_key(root):
            raise NotStreamed(f"no {self.lines.key} list")
        return root

    def _mapping(self, loader: _StreamingLoader) -> Generator[Any, None, yaml.MappingNode]:
        """The top-level mapping, as Composer.compose_mapping_node composes it (the
        loader has no path resolvers: nothing to descend into)."""
        start = loader.peek_event()
        if not isinstance(start, MappingStartEvent) or start.anchor is not None \
                or start.tag not in (None, "!"):
            raise NotStreamed("the document is not a plain mapping")
        loader.get_event()
        tag = loader.resolve(yaml.MappingNode, None, start.implicit)
        node = yaml.MappingNode(tag, [], start.start_mark, None,  # type: ignore[arg-type]
                                flow_style=start.flow_style)
        while not loader.check_event(MappingEndEvent):
            item_key = loader.compose_node(node, None)
            if self._is_key(item_key) and loader.check_event(SequenceStartEvent):
                if self._seen_key(node):
                    raise NotStreamed(f"{self.lines.key} given twice")
                value: yaml.Node = yield from self._items(loader)
            else:
                value = loader.compose_node(node, item_key)
            node.value.append((item_key, value))
        node.end_mark = loader.get_event().end_mark
        return node

    def _is_key(self, node: yaml.Node) -> bool:
        return isinstance(node, yaml.ScalarNode) and node.tag == STR_TAG \
            and node.value == self.lines.key

    def _seen_key(self, root: yaml.MappingNode) -> bool:
        return any(self._is_key(key) for key, _ in root.value)

    def _items(self, loader: _StreamingLoader) -> Generator[Any, None, yaml.SequenceNode]:
        """The list, an item at a time: an empty list node in its place."""
        start = loader.peek_event()
        if start.anchor is not None or start.tag not in (None, "!"):
            raise NotStreamed(f"the {self.lines.key} list is tagged or anchored")
        loader.get_event()
        tag = loader.resolve(yaml.SequenceNode, None, start.implicit)
        node = yaml.SequenceNode(tag, [], start.start_mark, None, flow_style=start.flow_style)
        index = 0
        while not loader.check_event(SequenceEndEvent):
            loader.in_items = True
            item = loader.compose_node(node, index)
            loader.in_items = False
            yield self._item(loader, item)
            index += 1
        node.end_mark = loader.get_event().end_mark
        return node

    def _item(self, loader: _StreamingLoader, item: yaml.Node) -> Any:
        """The item checked as check_yaml_graph checks it in the document (two levels
        down: under the root and the list), built, and its lines kept."""
        nodes, depth = _tree_size(item, self.name)
        if depth + 2 > MAX_DEPTH:
            raise NotStreamed("nested too deep")
        self._item_nodes += nodes
        data = loader.construct_document(item)
        self.lines.add_item(item)  # after building: a merge key (<<) rewrites its mapping
        return data


def _tree_size(node: yaml.Node, name: str) -> tuple[int, int]:
    """The nodes and the depth of a tree (no alias in it), its duplicate keys refused."""
    if isinstance(node, yaml.MappingNode):
        reject_duplicate_keys(node, name)
        children = [part for pair in node.value for part in pair]
    elif isinstance(node, yaml.SequenceNode):
        children = list(node.value)
    else:
        return 1, 1
    nodes, depth = 1, 0
    for child in children:
        n, d = _tree_size(child, name)
        nodes, depth = nodes + n, max(depth, d)
    return nodes, depth + 1
