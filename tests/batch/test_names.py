"""Athlete names become safe, unique file names that stay inside --out."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runlift.batch.names import MAX_STEM_BYTES, inside, safe_stem, unique_stems

HOSTILE = [
    "../../x", "..", ".", "/etc/passwd", "a/b", "a\\b", "C:\\Windows\\system32", "~root",
    "con", "CON", "Nul", "com1", "LPT9", "aux", "prn", "summary", ".hidden", "-rf",
    "x\x00y", "line\nbreak", "tab\there", "", "   ", "🏃‍♀️", "..\\..\\evil",
]


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_give_plain_stems(name: str, tmp_path: Path) -> None:
    stem = safe_stem(name)
    assert stem and not stem.startswith((".", "-"))
    assert not {"/", "\\", "\x00", "\n", "\t", ":", "~"} & set(stem)
    assert stem.lower() not in {"con", "nul", "com1", "lpt9", "aux", "prn", "summary"}
    assert inside(tmp_path, stem, ".json").parent == tmp_path


def test_readable_names_stay_readable() -> None:
    assert safe_stem("Ben Ó'Neil") == "ben-óneil"
    assert safe_stem("Chen") == "chen"
    assert safe_stem("Zoë  van der Berg") == "zoë-van-der-berg"
    assert safe_stem("Małgorzata Nowak") == "małgorzata-nowak"
    assert safe_stem("con") == "con_"


def test_unicode_forms_of_one_name_share_a_stem() -> None:
    composed = "Zo\u00eb"
    decomposed = "Zoe\u0308"
    assert unicodedata.normalize("NFC", decomposed) == composed
    assert safe_stem(composed) == safe_stem(decomposed)
    assert safe_stem("ﬁona") == "fiona"  # NFKC folds the ligature


def test_long_names_are_capped_and_kept_apart() -> None:
    a, b = "A" * 300 + " one", "A" * 300 + " two"
    stems = unique_stems([a, b])
    assert all(len(s.encode()) <= MAX_STEM_BYTES for s in stems)
    assert stems[0] != stems[1]
    long_unicode = "Ł" * 200
    assert len(safe_stem(long_unicode).encode()) <= MAX_STEM_BYTES


def test_names_that_collide_get_distinct_stems_whatever_the_order() -> None:
    names = ["Ana B", "Ana-B", "ana b.", "ANA_B"]
    stems = unique_stems(names)
    assert len({s.casefold() for s in stems}) == len(names)
    assert dict(zip(names, stems, strict=True)) == dict(
        zip(names[::-1], unique_stems(names[::-1]), strict=True))


def test_inside_refuses_a_path_that_leaves_the_folder(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        inside(tmp_path, "../x", ".json")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(min_size=0, max_size=120), min_size=1, max_size=6, unique=True))
def test_any_names_stay_inside_and_apart(names: list[str]) -> None:
    folder = Path("/tmp/runlift-names-check").resolve()
    stems = unique_stems(names)
    assert len({s.casefold() for s in stems}) == len(stems)
    for stem in stems:
        assert stem and not stem.startswith(".")
        assert len(stem.encode()) <= MAX_STEM_BYTES
        assert "/" not in stem and "\\" not in stem and "\x00" not in stem
        assert (folder / f"{stem}.json").resolve().parent == folder
