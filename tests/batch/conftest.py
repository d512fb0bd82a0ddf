"""Fixtures for the batch tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from squad_kit import MIXED, write_squad


@pytest.fixture
def mixed_squad(tmp_path: Path) -> Path:
    return write_squad(tmp_path, MIXED)
