"""Read scenario and plan files (YAML, TOML or JSON) into validated models.

Every failure becomes an :class:`InputError`: one line naming the file, the YAML line, the
field path and what was expected there.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
import tomllib
import types
import typing
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import annotated_types
import yaml
from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from runlift.errors import InputError
from runlift.models.bounds import MAX_WEIGHT
from runlift.models.errors import ScenarioValueError, did_you_mean
from runlift.scenario.limits import (
    MAX_DEPTH,
    check_data,
    check_yaml_graph,
    parse_json,
    read_input,
)

if typing.TYPE_CHECKING:
    pass

SUFFIXES = {".yaml": "yaml", ".yml": "yaml", ".toml": "toml", ".json": "json"}


# libyaml's parser when PyYAML has it: about 4x faster on a squad of a thousand athletes.
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ScenarioYamlLoader(_SafeLoader):  # type: ignore[valid-type,misc]
    """YAML 1.1 reads 18:00 as the base-60 number 1080 and 2027-13-01 as a date that
    crashes the parser. Keep clock times and dates as text; the models parse them, so a
    bad date is reported at its field like any other value."""


ScenarioYamlLoader.yaml_implicit_resolvers = {
    key: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _digit in "0123456789":
    ScenarioYamlLoader.yaml_implicit_resolvers.setdefault(_digit, []).insert(
        0, ("tag:yaml.org,2002:str", re.compile(r"^\d{1,2}:\d{2}$"))
    )


def read_document(
    path: str | Path, what: str = "scenario file", suffixes: Sequence[str] = tuple(SUFFIXES)
) -> tuple[Any, yaml.Node | None]:
    """The parsed document and, for YAML, its node tree (for line numbers). The file's
    size, kind, nesting and aliases are held to runlift.scenario.limits."""
    path = Path(path)
    name = str(path)
    if path.is_dir():
        raise InputError(f"is a directory; expected a {what}", file=name)
    if not path.exists():
        raise InputError(f"no such file; expected a {what}", file=name)
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None or path.suffix.lower() not in suffixes:
        raise InputError(
            f"unknown file type {path.suffix or '(none)'!r}: expected {_or_list(suffixes)}",
            file=name,
        )
    text = read_input(path, what)
    if not text.strip():
        raise InputError(f"the file is empty; expected a {what}", file=name)
    return _parse(text, kind, name)


def _or_list(items: Sequence[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


_TOML_WHERE = re.compile(r"\s*\(at line (\d+), column \d+\)$")


def _parse(text: str, kind: str, name: str) -> tuple[Any, yaml.Node | None]:
    if kind == "json":
        return parse_json(text, name), None
    if kind == "toml":
        return _parse_toml(text, name), None
    return _parse_yaml(text, name)


def _parse_toml(text: str, name: str) -> Any:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        where = _TOML_WHERE.search(message)
        line = int(where.group(1)) if where else max(1, len(text.splitlines()))  # at the end
        raise InputError(
            f"invalid TOML: {_TOML_WHERE.sub('', message)}", file=name, line=line
        ) from None
    except RecursionError:  # tomllib reads nested arrays and tables recursively
        raise InputError(f"nested deeper than {MAX_DEPTH} levels", file=name) from None
    check_data(data, name)
    return data


def _parse_yaml(text: str, name: str) -> tuple[Any, yaml.Node | None]:
    loader = ScenarioYamlLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise InputError("the file holds only comments; expected a mapping of fields",
                             file=name)
        check_yaml_graph(node, name)
        return loader.construct_document(node), node
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(
            f"invalid YAML: {problem}", file=name, line=mark.line + 1 if mark else None
        ) from None
    except RecursionError:  # PyYAML's pure-Python composer, without libyaml
        raise InputError(f"nested deeper than {MAX_DEPTH} levels", file=name) from None
    finally:
        loader.dispose()


def yaml_line(node: yaml.Node | None, loc: Sequence[str | int]) -> int | None:
    """The 1-based line of the deepest node on ``loc`` that exists: a key's own line for a
    mapping entry (its value may start on the next line), an item's line for a list."""
    if node is None:
        return None
    line = node.start_mark.line + 1
    for part in loc:
        child = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and str(key.value) == str(part):
                    child, line = value, key.start_mark.line + 1
                    break
        elif (isinstance(node, yaml.SequenceNode) and isinstance(part, int)
              and 0 <= part < len(node.value)):
            child = node.value[part]
            line = child.start_mark.line + 1
        if child is None:
            return line
        node = child
    return line


# --- what a field expects ----------------------------------------------------------------
_TAGS = re.compile(r"^(str|int|bool|float|date|none|constrained-int|.*\[.*\].*)$")

# Text fields whose plain type ("text") says too little; "*" matches any key or index.
_EXPECTED_AT: dict[tuple[str, ...], str] = {
    ("slots", "*"): 'a time as "HH:MM"',
    ("soft", "*"): f"a weight (a whole number from 0 to {MAX_WEIGHT}), or true or false",
    ("unavailable", "*"): "a day (mon..sun or a 0-based index), or \"DAY SLOT\"",
    ("prefer", "*", "*"): "a day (mon..sun or a 0-based index), or \"DAY SLOT\"",
    ("avoid", "*", "*"): "a day (mon..sun or a 0-based index), or \"DAY SLOT\"",
    ("fixed", "*", "day"): "a day (mon..sun or a 0-based index)",
    ("fixed", "*", "slot"): "a slot name",
    ("fixed", "*", "session"): "a session type",
    ("catalog", "*", "muscles"): "a list of muscle groups",
}


def _clean_loc(loc: Sequence[str | int]) -> tuple[str | int, ...]:
    """Drop pydantic's union-member tags ('constrained-int', 'literal[False]'…) from a path."""
    return tuple(p for p in loc if not (isinstance(p, str) and _TAGS.match(p)))


def unwrap(annotation: Any) -> list[Any]:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        return [t for a in typing.get_args(annotation) for t in unwrap(a)]
    if origin is typing.Annotated:
        return unwrap(typing.get_args(annotation)[0])
    return [annotation]


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def annotations_at(model: type[BaseModel], loc: Sequence[str | int]) -> list[Any]:
    """The annotations (with their constraints) a value at ``loc`` may have."""
    current: list[Any] = [model]
    for part in loc:
        nxt: list[Any] = []
        for member in (m for ann in current for m in unwrap(ann)):
            if _is_model(member):
                field = member.model_fields.get(str(part))
                if field is not None:
                    nxt.append(_with_field_constraints(field))
            elif typing.get_origin(member) in (dict, list):
                nxt.append(typing.get_args(member)[-1])
        current = nxt
    return current


def _with_field_constraints(field: FieldInfo) -> Any:
    if field.metadata:
        return typing.Annotated[field.annotation, *field.metadata]  # type: ignore[valid-type]
    return field.annotation


def allowed_keys(model: type[BaseModel], loc: Sequence[str | int]) -> list[str]:
    """The keys a mapping at ``loc`` may hold, walking the model's annotations."""
    return sorted(
        name for ann in annotations_at(model, loc) for member in unwrap(ann)
        if _is_model(member) for name in member.model_fields
    )


def _bounds(metadata: Sequence[Any]) -> str:
    low = high = None
    for item in metadata:
        for constraint in item.metadata if isinstance(item, FieldInfo) else [item]:
            if isinstance(constraint, annotated_types.Ge):
                low = constraint.ge
            elif isinstance(constraint, annotated_types.Le):
                high = constraint.le
    if low is not None and high is not None:
        return f" from {low} to {high}"
    if low is not None:
        return f" >= {low}"
    return f" <= {high}" if high is not None else ""


def _literal(value: Any) -> str:
    return json.dumps(value) if isinstance(value, bool) else repr(value)


def describe_type(annotation: Any, metadata: Sequence[Any] = ()) -> str:
    """What a value of this annotation looks like, in a user's words."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        inner, *extra = typing.get_args(annotation)
        return describe_type(inner, [*metadata, *extra])
    if origin in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(annotation) if a is not type(None)]
        return ", or ".join(dict.fromkeys(describe_type(a, metadata) for a in members))
    if origin is typing.Literal:
        return _or_list([_literal(v) for v in typing.get_args(annotation)])
    if origin is dict:
        return "a mapping"
    if origin is list:
        return "a list"
    if annotation is Any:
        return "any value"
    if annotation is bool:
        return "true or false"
    if annotation is int:
        return "a whole number" + _bounds(metadata)
    if annotation is float:
        return "a number" + _bounds(metadata)
    if annotation is str:
        return "text"
    if annotation is dt.date:
        return "a date as YYYY-MM-DD"
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return _or_list([repr(m.value) for m in annotation])
    if _is_model(annotation):
        return "a mapping of fields"
    return str(annotation)  # pragma: no cover - every annotation in the models is listed


def expected_at(model: type[BaseModel], loc: Sequence[str | int]) -> str | None:
    """'a whole number >= 0, or false' for the field at ``loc``, or None if unknown."""
    for pattern, phrase in _EXPECTED_AT.items():
        if len(pattern) == len(loc) and all(p in ("*", str(q)) for p, q in zip(
                pattern, loc, strict=True)):
            return phrase
    found = annotations_at(model, loc)
    return ", or ".join(dict.fromkeys(describe_type(a) for a in found)) if found else None


def shown(value: Any) -> str:
    """A value as the user wrote it: YAML/JSON spelling, containers by kind."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    return repr(value) if isinstance(value, str) else str(value)


# pydantic error types that say "wrong type or out of range": the field's description
# (from its annotation) reads better than pydantic's text, and covers unions in one line.
_TYPE_ERRORS = re.compile(
    r"^(int|float|bool|string|dict|list|date|model|model_attributes|enum|literal)_"
    r"|^(greater|less)_than|^literal_error$|^enum$"
)


def _describe(errors: Sequence[Any], model: type[BaseModel],
              loc: tuple[str | int, ...]) -> str:
    first = errors[0]
    if first["type"] == "missing":
        expected = expected_at(model, loc)
        return "this field is required" + (f": {expected}" if expected else "")
    if all(_TYPE_ERRORS.search(e["type"]) for e in errors):
        expected = expected_at(model, loc)
        if expected:
            detail = (first.get("ctx") or {}).get("error")
            note = f" ({detail})" if isinstance(detail, str) else ""
            return f"expected {expected}, got {shown(first.get('input'))}{note}"
    text = first["msg"][0].lower() + first["msg"][1:]
    return text.replace("input should be", "expected")


def validation_to_input_error(
    exc: ValidationError, model: type[BaseModel], file: str, node: yaml.Node | None,
    prefix: Sequence[str | int] = (),
) -> InputError:
    """The first error of a validation failure, as one actionable line."""
    errors = exc.errors()
    first = errors[0]
    original = (first.get("ctx") or {}).get("error")
    if isinstance(original, ScenarioValueError):
        # A nested model's validator names a path inside its own model.
        where = _clean_loc(first["loc"])
        inside = original.loc[:len(where)] == where
        loc = original.loc if inside else (*where, *original.loc)
        message = original.message
    else:
        loc = _clean_loc(first["loc"])
        if first["type"] == "extra_forbidden":
            message = _unknown_key(model, loc)
        elif first["loc"][-1:] == ("[key]",):  # a mapping's key, not its value, is wrong
            message = f"expected a name (text) as the key, got {shown(loc[-1])}"
        else:
            message = _describe([e for e in errors if _clean_loc(e["loc"]) == loc], model, loc)
    full = (*prefix, *loc)
    return InputError(message, file=file, loc=full, line=yaml_line(node, full))


def _unknown_key(model: type[BaseModel], loc: tuple[str | int, ...]) -> str:
    key, allowed = loc[-1], allowed_keys(model, loc[:-1])
    hint = did_you_mean(key, allowed)
    if hint or not allowed:
        return f"unknown key {key!r}{hint}"
    return f"unknown key {key!r}: expected one of {', '.join(allowed)}"


def validate_document(
    data: Any, model: type[BaseModel], file: str, node: yaml.Node | None,
    context: dict[str, Any] | None = None,
) -> Any:
    if not isinstance(data, dict):
        raise InputError(
            f"expected a mapping of fields at the top level, got {shown(data)}",
            file=file, line=yaml_line(node, ()),
        )
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        raise validation_to_input_error(exc, model, file, node) from None
