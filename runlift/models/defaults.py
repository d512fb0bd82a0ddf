"""Default factories for pydantic fields.

pydantic inspects a default factory's signature when it builds a model class (to learn
whether it takes the validated data). For a builtin such as ``list``, that means parsing
its text signature with the tokenizer, about a millisecond a field, paid by every command
at start-up. A plain function's signature is read directly.
"""

from __future__ import annotations

from typing import Any


def empty_list() -> list[Any]:
    return []


def empty_dict() -> dict[Any, Any]:
    return {}
