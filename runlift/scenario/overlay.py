"""One scenario mapping laid over another: compare's `variants:` and `--vary` over their
file, and a squad's `defaults` over its `base`, then each athlete's fields over both."""

from __future__ import annotations

import copy
from typing import Any


def merge(base: Any, overlay: Any) -> Any:
    """``overlay`` laid over ``base``: mappings merge key by key (the base's keys in their
    order, then the overlay's new ones); anything else, lists included, replaces.

    The result is new throughout: neither input is changed, and changing the result (as
    `--vary` does, in place) cannot reach back into them.
    """
    if not (isinstance(base, dict) and isinstance(overlay, dict)):
        return copy.deepcopy(overlay)
    merged = {key: merge(value, overlay[key]) if key in overlay else copy.deepcopy(value)
              for key, value in base.items()}
    merged.update((key, copy.deepcopy(value)) for key, value in overlay.items()
                  if key not in base)
    return merged
