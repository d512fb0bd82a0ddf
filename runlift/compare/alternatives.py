"""The alternatives to compare: several files, `--vary PATH=V1,V2` and `variants:` overlays.

Every alternative is a plain scenario mapping (what a scenario file holds), validated as a
:class:`~runlift.models.scenario.Scenario` before anything is solved. A file that cannot be
read or is invalid itself, a malformed `--vary` or too many alternatives stop the
comparison with one line. An alternative that a variant or a `--vary` value makes invalid
does not: it is kept, with the one line that says why (:attr:`Alternative.invalid`), and the
others are still solved. Only when no alternative is valid does the comparison stop, with
the first one's line (:func:`require_valid`).

Block files compare the same way (files and `--vary`; a block file has no `variants:`):
each alternative is a block mapping, validated as a
:class:`~runlift.block.model.BlockFile` and resolved into its weeks. One comparison
holds weeks or blocks, never both.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from pydantic import ValidationError

from runlift.documents import BLOCK, WEEK, Kind, kind_of, kind_words
from runlift.errors import InputError
from runlift.models.errors import ScenarioValueError, format_loc
from runlift.models.problem import Problem
from runlift.scenario.history import expand_history
from runlift.scenario.loading import (
    ScenarioYamlLoader,
    read_document,
    validate_document,
    validation_to_input_error,
    yaml_line,
)
from runlift.scenario.model import Scenario
from runlift.scenario.overlay import merge
from runlift.scenario.resolve import resolve

if TYPE_CHECKING:
    from runlift.block.problem import BlockProblem

MAX_ALTERNATIVES = 64
VARIANTS_KEY = "variants"
BASE_LABEL = "base"

KeyPath = tuple[str, ...]  # a --vary path as typed, split on dots


@dataclass(frozen=True)
class VaryValue:
    text: str  # as typed, for the label
    value: Any  # parsed as YAML: 36, false, sat, [sat, sun]


@dataclass(frozen=True)
class Vary:
    """One `--vary PATH=V1,V2,…` option."""

    spec: str
    path: KeyPath
    values: tuple[VaryValue, ...]

    @property
    def path_text(self) -> str:
        return ".".join(self.path)


@dataclass(frozen=True)
class Alternative:
    """One scenario of a comparison, as plain data, with where it came from."""

    label: str
    data: dict[str, Any]
    source: str
    variant: str | None = None
    changes: dict[str, Any] = field(default_factory=dict)  # varied path -> value
    # The scenario resolved when it was validated (for the reports' closed slots); it
    # stays in this process: workers receive ``data``.
    problem: Problem | None = field(default=None, compare=False, repr=False)
    kind: Kind = WEEK  # a week (data is a scenario) or a block (data is a block file)
    # A block's weeks, resolved when it was validated (its race_form, for the best TSB).
    block: BlockProblem | None = field(default=None, compare=False, repr=False)
    # Why the alternative is invalid ('fixed.0: intervals is pinned on wed am, but that
    # slot is unavailable'), and the full error line; None for a valid alternative.
    invalid: str | None = None
    error: InputError | None = field(default=None, compare=False, repr=False)

    @property
    def valid(self) -> bool:
        return self.invalid is None


class InvalidAlternative(InputError):
    """One alternative is invalid: the error line names it; ``reason`` is the short line
    its column shows (the field and what was expected)."""

    def __init__(self, label: str, message: str, *, file: str, loc: Sequence[str | int] = (),
                 line: int | None = None) -> None:
        super().__init__(f"alternative {label!r}: {message}", file=file, loc=loc, line=line)
        self.reason = f"{format_loc(tuple(loc))}: {message}" if loc else message


def require_valid(alternatives: Sequence[Alternative]) -> None:
    """Raise the first alternative's error when none of them is valid."""
    if alternatives and not any(a.valid for a in alternatives):
        error = alternatives[0].error
        raise error if error is not None else InputError("no alternative is valid")


@dataclass
class _Source:
    """A scenario file read once: its data without `variants`, and its overlays."""

    path: str
    data: dict[str, Any]
    node: yaml.Node | None
    variants: dict[str, dict[str, Any]]
    kind: Kind = WEEK


# --- --vary ------------------------------------------------------------------------------
def _vary_error(spec: str, message: str) -> InputError:
    return InputError(message, file=f"--vary {spec!r}")


def split_values(text: str) -> list[str]:
    """Split on commas outside brackets and quotes: ``[sat, sun],mon`` -> two values."""
    parts: list[str] = []
    current: list[str] = []
    depth, quote = 0, ""
    for char in text:
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return [p.strip() for p in parts]


def _parse_value(spec: str, text: str) -> Any:
    try:
        # The scenario loader's YAML rules, so `18:00` stays a time and `36` is a number.
        return yaml.load(text, Loader=ScenarioYamlLoader)
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise _vary_error(spec, f"value {text!r} is not valid YAML: {problem}") from None


def parse_vary(spec: str) -> Vary:
    """``rules.legs_policy=any,stack`` -> the path and its typed values."""
    path_text, sep, values_text = spec.partition("=")
    path_text = path_text.strip()
    if not sep or not path_text:
        raise _vary_error(spec, "expected PATH=VALUE[,VALUE...], e.g. rules.legs_policy=any,stack")
    path = tuple(part.strip() for part in path_text.split("."))
    if any(not part for part in path):
        raise _vary_error(spec, f"empty segment in path {path_text!r}; expected e.g. fixed.0.day")
    if path[0] == VARIANTS_KEY:
        raise _vary_error(spec, "`variants` cannot be varied; vary the fields they change")
    texts = split_values(values_text)
    if any(not text for text in texts):
        raise _vary_error(spec, "empty value; expected PATH=VALUE[,VALUE...]")
    seen: set[str] = set()
    for text in texts:
        if text in seen:
            raise _vary_error(spec, f"value {text!r} is listed twice")
        seen.add(text)
    return Vary(spec, path, tuple(VaryValue(t, _parse_value(spec, t)) for t in texts))


def parse_varies(specs: Sequence[str]) -> list[Vary]:
    varies = [parse_vary(spec) for spec in specs]
    for a, b in itertools.combinations(varies, 2):
        short, long_ = sorted((a.path, b.path), key=len)
        if long_[: len(short)] == short:
            raise _vary_error(
                b.spec, f"{b.path_text} overlaps {a.path_text}, varied by --vary {a.spec!r}"
            )
    return varies


def set_path(data: dict[str, Any], path: KeyPath, value: Any) -> tuple[str | int, ...]:
    """Set ``value`` at a dotted path (list indices as numbers); return the path as keys.

    Missing mapping keys are created, so `rules.lift_to_key_hours` works on a file without
    `rules:`; whether a key is allowed is left to the scenario's validation.
    """
    container: Any = data
    loc: list[str | int] = []
    for position, part in enumerate(path):
        key: str | int = part
        if isinstance(container, list):
            if not part.isdigit():
                raise ValueError(f"{format_loc(loc)} is a list: expected an index, got {part!r}")
            key = int(part)
            if key >= len(container):
                raise ValueError(
                    f"{format_loc(loc)} has {len(container)} entries: there is no entry {key}"
                )
        elif isinstance(container, dict):
            if part.isdigit() and part not in container and int(part) in container:
                key = int(part)
        else:
            raise ValueError(
                f"{format_loc(loc)} holds the value {container!r}, not a mapping or a list"
            )
        loc.append(key)
        if position == len(path) - 1:
            container[key] = value
        else:
            if isinstance(container, dict) and container.get(key) is None:
                container[key] = {}  # a missing or empty (`rules:`) mapping
            container = container[key]
    return tuple(loc)


# --- variants ----------------------------------------------------------------------------
def _read_source(path: str) -> _Source:
    data, node = read_document(path)
    if kind_of(data) == BLOCK:
        return _read_block_source(path, data, node)
    # The base must be valid itself.
    scenario = validate_document(data, Scenario, path, node,
                                 context={"base_dir": Path(path).parent})
    base = {k: v for k, v in data.items() if k != VARIANTS_KEY}
    for name, overlay in scenario.variants.items():
        if VARIANTS_KEY in overlay:
            loc: tuple[str, ...] = (VARIANTS_KEY, name, VARIANTS_KEY)
            raise InputError("a variant cannot hold variants of its own", file=path, loc=loc,
                             line=yaml_line(node, loc))
        if name == BASE_LABEL:
            loc = (VARIANTS_KEY, name)
            raise InputError(f"the variant name {BASE_LABEL!r} is taken by the base scenario",
                             file=path, loc=loc, line=yaml_line(node, loc))
    return _Source(path, base, node, dict(data.get(VARIANTS_KEY) or {}))


# --- building ----------------------------------------------------------------------------
def _file_labels(paths: Sequence[str]) -> list[str]:
    """File names, or the paths as given where two files share a name."""
    names = [Path(p).name for p in paths]
    return [name if names.count(name) == 1 else path for name, path in zip(names, paths,
                                                                           strict=True)]


def _count(sources: list[_Source], varies: list[Vary]) -> int:
    combos = 1
    for vary in varies:
        combos *= len(vary.values)
    return sum(1 + len(s.variants) for s in sources) * combos


def _check_cap(sources: list[_Source], varies: list[Vary], cap: int) -> None:
    total = _count(sources, varies)
    if total <= cap:
        return
    per_file = [str(1 + len(s.variants)) for s in sources]
    factors = [f"({' + '.join(per_file)})"] if len(per_file) > 1 else per_file
    if factors == ["1"]:
        factors = []
    factors += [str(len(v.values)) for v in varies]
    product = f"{' × '.join(factors)} = " if len(factors) > 1 else ""
    raise InputError(
        f"{product}{total} alternatives, more than the cap of {cap}; "
        "compare fewer files, variants or --vary values",
        file="--vary" if varies else sources[0].path,
    )


def build_alternatives(
    files: Sequence[str | Path], vary: Sequence[str] = (), *, cap: int = MAX_ALTERNATIVES
) -> list[Alternative]:
    """Every alternative, in order: files as given, each file's base then its variants
    in file order, each crossed with the --vary values (the first --vary varies slowest).

    Raises InputError for bad input of the comparison itself; an invalid alternative is
    kept, with why (``invalid``), for its column.
    """
    paths = [str(f) for f in files]
    if not paths:
        raise InputError("expected at least one scenario file", file="runlift compare")
    if len(set(paths)) < len(paths):
        twice = next(p for p in paths if paths.count(p) > 1)
        raise InputError("the file is given twice", file=twice)
    varies = parse_varies(vary)
    sources = [_read_source(p) for p in paths]
    _check_one_kind(sources)
    _check_cap(sources, varies, cap)
    several = len(paths) > 1
    alternatives = []
    for source, file_label in zip(sources, _file_labels(paths), strict=True):
        overlays: list[tuple[str | None, dict[str, Any]]] = [(None, {})]
        overlays += list(source.variants.items())
        for variant, overlay in overlays:
            for combo in itertools.product(*(v.values for v in varies)):
                settings = list(zip(varies, combo, strict=True))
                label = _label(file_label, several, source, variant, settings)
                try:
                    alternative = _alternative(source, label, variant, overlay, settings)
                except InvalidAlternative as error:
                    alternative = Alternative(
                        label=label, data=merge(source.data, overlay), source=source.path,
                        variant=variant, changes=_changes(settings), kind=source.kind,
                        invalid=error.reason, error=error)
                alternatives.append(alternative)
    return alternatives


def _changes(settings: list[tuple[Vary, VaryValue]]) -> dict[str, Any]:
    return {vary.path_text: value.value for vary, value in settings}


def _label(
    file_label: str, several: bool, source: _Source, variant: str | None,
    settings: list[tuple[Vary, VaryValue]],
) -> str:
    """'week.yaml, stacked, rules.legs_policy=any': the file when there are several, the
    variant (or `base` beside variants), then each varied field."""
    parts = [file_label] if several else []
    if variant is not None:
        parts.append(variant)
    elif source.variants and not several:
        parts.append(BASE_LABEL)
    parts += [f"{vary.path_text}={value.text}" for vary, value in settings]
    return ", ".join(parts) or file_label


def _alternative(
    source: _Source,
    label: str,
    variant: str | None,
    overlay: dict[str, Any],
    settings: list[tuple[Vary, VaryValue]],
) -> Alternative:
    data = merge(source.data, overlay)
    changes, varied = _apply_varies(source, label, data, settings)
    # A history file is read here, relative to the scenario file: the workers get data.
    try:
        data = expand_history(data, Path(source.path).parent)
    except ScenarioValueError as error:
        raise InvalidAlternative(label, error.message, file=source.path, loc=error.loc
                                 ) from None
    except InputError as error:  # a plan file that cannot be read: its own line
        raise InvalidAlternative(label, str(error), file=source.path) from None
    if source.kind == BLOCK:
        return Alternative(label=label, data=data, source=source.path, changes=changes,
                           kind=BLOCK, block=_validate_block(source, label, data, varied))
    scenario = _validate(source, label, variant, overlay, data, varied)
    return Alternative(label=label, data=data, source=source.path, variant=variant,
                       changes=changes, problem=resolve(scenario))


def _apply_varies(
    source: _Source, label: str, data: dict[str, Any], settings: list[tuple[Vary, VaryValue]]
) -> tuple[dict[str, Any], list[tuple[str | int, ...]]]:
    """Set every varied value in ``data``; the changes by path, and the paths as keys."""
    changes: dict[str, Any] = {}
    varied: list[tuple[str | int, ...]] = []
    for vary, value in settings:
        try:
            varied.append(set_path(data, vary.path, copy.deepcopy(value.value)))
        except ValueError as exc:
            raise InvalidAlternative(label, str(exc), file=source.path, loc=vary.path
                                     ) from None
        changes[vary.path_text] = value.value
    return changes, varied


def _validate(
    source: _Source,
    label: str,
    variant: str | None,
    overlay: dict[str, Any],
    data: dict[str, Any],
    varied: list[tuple[str | int, ...]],
) -> Scenario:
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        error = validation_to_input_error(exc, Scenario, source.path, None)
        raise InvalidAlternative(
            label, error.message,
            file=source.path,
            loc=error.loc,
            line=_error_line(source, variant, overlay, error.loc, varied),
        ) from None


def _error_line(
    source: _Source,
    variant: str | None,
    overlay: dict[str, Any],
    loc: tuple[str | int, ...],
    varied: list[tuple[str | int, ...]],
) -> int | None:
    """The YAML line the bad value came from: none for a --vary value, the variant's own
    line for a field the variant sets, else the base file's line."""

    def within(path: tuple[str | int, ...]) -> bool:
        n = min(len(path), len(loc))
        return tuple(map(str, path[:n])) == tuple(map(str, loc[:n]))

    if any(within(path) for path in varied):
        return None
    if variant is not None and loc and loc[0] in overlay:
        return yaml_line(source.node, (VARIANTS_KEY, variant, *loc))
    return yaml_line(source.node, loc)


# --- blocks --------------------------------------------------------------------------------
def _check_one_kind(sources: list[_Source]) -> None:
    """Weeks compare with weeks and blocks with blocks: the first file sets the kind."""
    first = sources[0]
    for source in sources[1:]:
        if source.kind != first.kind:
            raise InputError(
                f"is {kind_words(source.kind)}, but {first.path} is {kind_words(first.kind)}: "
                "compare weeks with weeks, or blocks with blocks", file=source.path)


def _read_block_source(path: str, data: dict[str, Any], node: yaml.Node | None) -> _Source:
    """A block file, valid itself (its fields and every week it resolves to)."""
    from runlift.block.model import BlockFile
    from runlift.block.problem import build

    if VARIANTS_KEY in data:
        loc = (VARIANTS_KEY,)
        raise InputError("a block file has no variants: compare several block files, or "
                         "vary a field with --vary", file=path, loc=loc,
                         line=yaml_line(node, loc))
    block = validate_document(data, BlockFile, path, node,
                              context={"base_dir": Path(path).parent})
    try:
        build(block, path)
    except InputError as error:
        raise InputError(error.message, file=path, loc=error.loc,
                         line=error.line or yaml_line(node, error.loc)) from None
    return _Source(path, dict(data), node, {}, kind=BLOCK)


def _validate_block(
    source: _Source, label: str, data: dict[str, Any], varied: list[tuple[str | int, ...]]
) -> BlockProblem:
    """The alternative's block, resolved into its weeks; bad input names the alternative."""
    from runlift.block.model import BlockFile
    from runlift.block.problem import build

    try:
        block = BlockFile.model_validate(data)
        return build(block, source.path)
    except ValidationError as exc:
        error = validation_to_input_error(exc, BlockFile, source.path, None)
    except InputError as exc:
        error = exc
    raise InvalidAlternative(label, error.message, file=source.path, loc=error.loc,
                             line=_error_line(source, None, {}, error.loc, varied))
