"""A solve's status, and whether a status written as text comes with a plan."""

from __future__ import annotations

import pytest

from runlift.models.status import Status, has_plan


@pytest.mark.parametrize("status", list(Status))
def test_the_text_of_a_status_has_a_plan_as_the_status_has(status):
    assert has_plan(status.value) is status.has_plan
    assert has_plan(status) is status.has_plan


@pytest.mark.parametrize("text", ["invalid", "error", "", "Optimal"])
def test_a_batch_rows_own_statuses_and_anything_else_have_none(text):
    assert not has_plan(text)
