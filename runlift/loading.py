"""Read scenario and plan files (YAML, TOML or JSON) into validated models."""

from __future__ import annotations

import json
import re
import tomllib
import types
import typing
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from runlift.errors import InputError
from runlift.models.errors import ScenarioValueError, did_you_mean

SUFFIXES = {".yaml": "yaml", ".yml": "yaml", ".toml": "toml", ".json": "json"}


class _Loader(yaml.SafeLoader):
    """YAML 1.1 reads 18:00 as the base-60 number 1080; keep clock times as text."""


_Loader.yaml_implicit_resolvers = {
    key: list(resolvers) for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _digit in "0123456789":
    _Loader.yaml_implicit_resolvers.setdefault(_digit, []).insert(
        0, ("tag:yaml.org,2002:str", re.compile(r"^\d{1,2}:\d{2}$"))
    )


def read_document(path: str | Path) -> tuple[Any, yaml.Node | None]:
    """The parsed document and, for YAML, its node tree (for line numbers)."""
    path = Path(path)
    name = str(path)
    if path.is_dir():
        raise InputError("is a directory; expected a scenario file", file=name)
    if not path.exists():
        raise InputError("no such file", file=name)
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise InputError(
            f"unknown file type {path.suffix or '(none)'!r}: expected .yaml, .yml, .toml or .json",
            file=name,
        )
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the file: {exc}", file=name) from None
    if not text.strip():
        raise InputError("the file is empty; expected a mapping of fields", file=name)
    return _parse(text, kind, name)


def _parse(text: str, kind: str, name: str) -> tuple[Any, yaml.Node | None]:
    if kind == "json":
        try:
            return json.loads(text), None
        except json.JSONDecodeError as exc:
            raise InputError(f"invalid JSON: {exc.msg}", file=name, line=exc.lineno) from None
    if kind == "toml":
        try:
            return tomllib.loads(text), None
        except tomllib.TOMLDecodeError as exc:
            raise InputError(f"invalid TOML: {exc}", file=name) from None
    try:
        node = yaml.compose(text, Loader=_Loader)
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(
            f"invalid YAML: {problem}", file=name, line=mark.line + 1 if mark else None
        ) from None
    return data, node


def yaml_line(node: yaml.Node | None, loc: Sequence[str | int]) -> int | None:
    """The 1-based line of the deepest node on ``loc`` that exists."""
    if node is None:
        return None
    line = node.start_mark.line + 1
    for part in loc:
        child = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if str(key.value) == str(part):
                    child = value
                    line = key.start_mark.line + 1
                    break
        elif (isinstance(node, yaml.SequenceNode) and isinstance(part, int)
              and 0 <= part < len(node.value)):
            child = node.value[part]
        if child is None:
            return line
        node = child
        line = node.start_mark.line + 1
    return line


_TAGS = re.compile(r"^(str|int|bool|float|date|none|constrained-int|.*\[.*\].*)$")


def _clean_loc(loc: Sequence[str | int]) -> tuple[str | int, ...]:
    """Drop pydantic's union-member tags ('constrained-int', 'literal[False]'…) from a path."""
    return tuple(p for p in loc if not (isinstance(p, str) and _TAGS.match(p)))


def _unwrap(annotation: Any) -> list[Any]:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        return [t for a in typing.get_args(annotation) for t in _unwrap(a)]
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    return [annotation]


def allowed_keys(model: type[BaseModel], loc: Sequence[str | int]) -> list[str]:
    """The keys a mapping at ``loc`` may hold, walking the model's annotations."""
    current: list[Any] = [model]
    for part in loc:
        nxt: list[Any] = []
        for ann in current:
            if isinstance(ann, type) and issubclass(ann, BaseModel):
                field = ann.model_fields.get(str(part))
                if field is not None:
                    nxt += _unwrap(field.annotation)
            elif typing.get_origin(ann) in (dict, list):
                nxt += _unwrap(typing.get_args(ann)[-1])
        current = nxt
    return sorted(
        name for ann in current if isinstance(ann, type) and issubclass(ann, BaseModel)
        for name in ann.model_fields
    )


def _describe(error: dict[str, Any]) -> str:
    kind, msg = error["type"], error["msg"]
    if kind == "missing":
        return "this field is required"
    text = msg[0].lower() + msg[1:]
    text = text.replace("input should be", "expected").replace("expected False", "expected false")
    if "input" in error and kind not in ("missing",):
        shown = error["input"]
        if not isinstance(shown, dict | list):
            text += f", got {shown!r}"
    return text


def validation_to_input_error(
    exc: ValidationError, model: type[BaseModel], file: str, node: yaml.Node | None,
    prefix: Sequence[str | int] = (),
) -> InputError:
    """The first error of a validation failure, as one actionable line."""
    errors = exc.errors()
    first = errors[0]
    original = (first.get("ctx") or {}).get("error")
    if isinstance(original, ScenarioValueError):
        loc, message = original.loc, original.message
    else:
        loc = _clean_loc(first["loc"])
        if first["type"] == "extra_forbidden":
            key = loc[-1]
            message = f"unknown key {key!r}" + did_you_mean(key, allowed_keys(model, loc[:-1]))
        else:
            same = [e for e in errors if _clean_loc(e["loc"]) == loc]
            message = "; or ".join(dict.fromkeys(_describe(e) for e in same))
    full = (*prefix, *loc)
    return InputError(message, file=file, loc=full, line=yaml_line(node, full))


def validate_document(
    data: Any, model: type[BaseModel], file: str, node: yaml.Node | None
) -> Any:
    if not isinstance(data, dict):
        raise InputError(
            f"expected a mapping of fields at the top level, got {type(data).__name__}",
            file=file, line=yaml_line(node, ()),
        )
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise validation_to_input_error(exc, model, file, node) from None


def load_scenario(path: str | Path) -> Any:
    """Read and validate a scenario file. Raises InputError with file, path and line."""
    from runlift.models.scenario import Scenario

    data, node = read_document(path)
    return validate_document(data, Scenario, str(path), node)
