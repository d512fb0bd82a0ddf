"""A YAML document read item by item: the same data and the same lines as the whole
node tree gives, and NotStreamed for whatever it cannot read exactly."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import yaml

from runlift.errors import InputError
from runlift.scenario.limits import check_yaml_graph
from runlift.scenario.loading import ScenarioYamlLoader, yaml_line
from runlift.scenario.streaming import NotStreamed, StreamedReading

DOCUMENT = """\
squad: Lines
athletes:
  - name: Ana
    sessions: {easy_run: 3, long_run: 1}
    prefer:
      long_run:
        - sat
        - sun
    fixed:
      - {session: tempo, day: thu, slot: am}
      -
        session: hills
        day: sat
  - {name: Ben, unavailable: [mon, tue am], rules: {legs_policy: stack}}
  - name: Chen
    <<: {unavailable: [fri], skip: [Track]}
    skip: []
  - plain text
  - [a, [b, c]]
defaults: &d
  week_start: 2027-03-01
  slots:
    am: "07:00"
gym_note: *d
"""


def whole(text: str) -> tuple[Any, yaml.Node]:
    loader = ScenarioYamlLoader(text)
    try:
        node = loader.get_single_node()
        return loader.construct_document(node), node
    finally:
        loader.dispose()


def streamed(text: str, key: str = "athletes") -> tuple[list[Any], StreamedReading]:
    reading = StreamedReading(text.encode(), "doc.yaml", key)
    return list(reading.items()), reading


def paths(data: Any, prefix: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """Every path into ``data``, and a few that lead nowhere from each."""
    yield prefix
    yield (*prefix, "nowhere")
    yield (*prefix, 7)
    if isinstance(data, dict):
        for key, value in data.items():
            yield from paths(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from paths(value, (*prefix, i))


def test_the_items_and_the_head_are_the_whole_documents_data() -> None:
    data, _ = whole(DOCUMENT)
    items, reading = streamed(DOCUMENT)
    assert items == data["athletes"]
    assert reading.head == {**data, "athletes": []}
    assert reading.lines.streamed


def test_every_path_has_the_line_of_the_whole_node_tree() -> None:
    data, node = whole(DOCUMENT)
    _, reading = streamed(DOCUMENT)
    every = list(paths(data))
    assert len(every) > 100
    for loc in every:
        assert reading.lines.line(loc) == yaml_line(node, loc), loc


def test_athletes_written_alike_share_one_line_tree() -> None:
    text = "athletes:\n" + "".join(f"  - {{name: R{i}, days: [mon]}}\n" for i in range(50))
    _, reading = streamed(text)
    assert len({id(tree) for tree in reading.lines.trees}) == 1
    assert [reading.lines.line(("athletes", i, "days", 0)) for i in (0, 49)] == [2, 51]


@pytest.mark.parametrize("text", [
    "athletes:\n  - &a {name: Ana}\n  - *a\n",  # an anchor and an alias among the items
    "base: &b {days: 3}\nathletes:\n  - {name: Ana, x: *b}\n",  # an alias to the head
    "athletes: &list\n  - {name: Ana}\n",  # the list anchored
    "athletes: !!seq\n  - {name: Ana}\n",  # the list tagged
    "athletes:\n  - {name: Ana}\n---\nathletes: []\n",  # a second document
    "- {name: Ana}\n",  # not a mapping
    "squad: no list\n",  # no athletes
    "athletes: [{name: Ana}]\nathletes: [{name: Ben}]\n",  # the list given twice
    "athletes:\n  - {name: Ana, name: Ben}\n",  # a duplicate key in an item
    "athletes:\n  - {name: Ana\n",  # a YAML error
    "athletes:\n  - " + "[" * 63 + "]" * 63 + "\n",  # nested deeper than the limit
    "",  # empty
])
def test_what_cannot_be_read_exactly_is_not_streamed(text: str) -> None:
    with pytest.raises(NotStreamed):
        streamed(text)


def test_streamed_nodes_count_in_the_alias_expansion() -> None:
    # A list of 20,000 nodes and 12 aliases to it: 260,000 nodes from 20,000, more than
    # ten times the document's own; with 10,000 nodes read apart, 270,000 from 30,000.
    items = "[" + ", ".join(["x"] * 20_000) + "]"
    text = f"a: &a {items}\nb: [{', '.join(['*a'] * 12)}]\n"
    _, node = whole(text)
    with pytest.raises(InputError, match="aliases expand it"):
        check_yaml_graph(node, "doc.yaml")
    check_yaml_graph(node, "doc.yaml", streamed_nodes=10_000)


@pytest.mark.parametrize(("depth", "allowed"), [(62, True), (63, False)])
def test_an_item_may_nest_as_deep_as_in_the_whole_document(depth: int, allowed: bool) -> None:
    text = "athletes:\n  - " + "[" * depth + "]" * depth + "\n"
    _, node = whole(text)
    if allowed:
        check_yaml_graph(node, "doc.yaml")
        assert streamed(text)[0] == whole(text)[0]["athletes"]
        return
    with pytest.raises(InputError, match="nested deeper"):
        check_yaml_graph(node, "doc.yaml")
    with pytest.raises(NotStreamed):
        streamed(text)
