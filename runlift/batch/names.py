"""Safe, unique file names from athlete names.

An athlete name is free text from a coach ("Ben Ó'Neil", "../../x", "con"). Its file stem
keeps letters, marks and digits of any script (NFKC-normalised, lower case), turns every
other run of characters into one "-", never starts with a dot, avoids the names Windows
reserves for devices, and is capped in length so that the temporary names beside it stay
under the usual 255-byte limit. Names whose stems collide get a short hash of the full
name appended, so every athlete gets a distinct file whatever the order of the squad.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

MAX_STEM_BYTES = 80
FALLBACK_STEM = "athlete"
# Device names Windows reserves with any extension ("con.json" cannot be created there).
WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", "conin$", "conout$"}
    | {f"{dev}{n}" for dev in ("com", "lpt") for n in (*"123456789", "¹", "²", "³")}
)
# Stems of files the batch writes beside the athletes' plans (summary.csv, summary.json,
# and index.html with --html).
RESERVED_STEMS = frozenset({"summary", "index"})
_DROPPED = frozenset("'’ʼ`´")  # apostrophes vanish: "O'Neil" -> "oneil"


def _keep(char: str) -> bool:
    return unicodedata.category(char)[0] in "LMN" or char == "_"


def _cap(stem: str, limit: int) -> str:
    """``stem`` cut to ``limit`` UTF-8 bytes at a character boundary."""
    raw = stem.encode("utf-8")
    if len(raw) <= limit:
        return stem
    return raw[:limit].decode("utf-8", errors="ignore").rstrip("-")


def name_hash(name: str) -> str:
    return hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]


def safe_stem(name: str) -> str:
    """A file stem for one athlete name (not yet made unique within a squad)."""
    text = unicodedata.normalize("NFKC", name).lower()
    parts: list[str] = []
    for char in text:
        if char in _DROPPED:
            continue
        parts.append(char if _keep(char) else "-")
    stem = "-".join(filter(None, "".join(parts).split("-")))
    stem = stem.strip("_") or FALLBACK_STEM
    if stem in WINDOWS_RESERVED or stem in RESERVED_STEMS:
        stem += "_"
    capped = _cap(stem, MAX_STEM_BYTES)
    if capped != stem:
        return f"{_cap(capped, MAX_STEM_BYTES - 9)}-{name_hash(name)}"
    return stem


def unique_stems(names: Iterable[str]) -> list[str]:
    """One distinct stem per (distinct) name, in order. Stems that would collide, ignoring
    case as Windows and macOS do, all get a hash of their full name appended."""
    names = list(names)
    stems = [safe_stem(n) for n in names]
    counts = Counter(s.casefold() for s in stems)
    out = []
    for name, stem in zip(names, stems, strict=True):
        if counts[stem.casefold()] > 1:
            stem = f"{_cap(stem, MAX_STEM_BYTES - 9)}-{name_hash(name)}"
        out.append(stem)
    # A name may itself look like a hashed stem ("ana-1a2b3c4d"); number what still clashes.
    seen: set[str] = set()
    for i, stem in enumerate(out):
        if stem.casefold() in seen:
            out[i] = stem = f"{_cap(stem, MAX_STEM_BYTES - 9)}-{i + 1}"
        seen.add(stem.casefold())
    return out


def inside(folder: Path, stem: str, suffix: str) -> Path:
    """``folder/stem+suffix``, refusing any path that would leave ``folder``."""
    path = folder / f"{stem}{suffix}"
    if path.resolve().parent != folder.resolve():
        raise ValueError(f"file name {stem!r} leaves the output folder")
    return path
