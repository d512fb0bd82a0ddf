"""Every member of the registry comes with what it needs: its tests, its row in the
README, a sentence, a unit, sample values, and reasons when it ties sessions together.

A new rule module fails here until it has them all."""

from __future__ import annotations

from pathlib import Path

import pytest
from rule_kit import tiny_problem
from scenario_kit import make

from runlift.models.plan import PlacedPlan
from runlift.rules import RULES, STRUCTURAL, TERMS

RULES_TESTS = Path(__file__).resolve().parent
README = RULES_TESTS.parent.parent / "README.md"

# A week in which every rule that ties sessions to their neighbours has something to say
# of some session (for some of its sample values): a lift after an easy run on a day
# without a hard run, a tempo 36 h after it and a day from any other hard day, a second
# lift four days after the first, after intervals on its day and two days before a race.
REASONS_WEEK = ("mon am easy_run", "mon pm lower_strength", "wed am tempo",
                "fri am intervals", "fri pm lower_strength", "sun am race")


def readme_rows() -> set[str]:
    """The names in the first column of the README's tables."""
    return {line.split("|")[1].strip() for line in README.read_text().splitlines()
            if line.startswith("| ")}


def reasons(name: str) -> list[str]:
    """Every reason the rule gives for a session of REASONS_WEEK, over its active samples."""
    rule = RULES[name]
    problem, placed = tiny_problem({}, REASONS_WEEK)
    plan = PlacedPlan(problem, placed)
    return [reason for value in rule.samples if rule.is_active(value)
            for p in plan.placed for reason in rule.why(plan, p, value)]


@pytest.mark.parametrize("name", RULES)
def test_rule_has_its_test_module(name):
    assert (RULES_TESTS / f"test_{name}.py").is_file()


@pytest.mark.parametrize("name", RULES)
def test_rule_has_its_row_in_the_readme_rule_table(name):
    rows = README.read_text().splitlines()
    assert any(line.startswith(f"| {name} |") for line in rows), f"README has no row {name}"


@pytest.mark.parametrize("name", RULES)
def test_rule_has_a_sentence_a_unit_and_samples(name):
    rule = RULES[name]
    assert rule.sentence.strip()
    assert rule.unit.strip()
    assert rule.samples


@pytest.mark.parametrize("name", RULES)
def test_rule_samples_are_values_a_scenario_accepts(name):
    for value in RULES[name].samples:
        make(rules={name: value})


@pytest.mark.parametrize("name", RULES)
def test_rule_gives_reasons_exactly_when_it_says_so(name):
    """``gives_reasons``: the pair, hour and order rules say why a session sits where it
    does; the counting rules say nothing."""
    found = reasons(name)
    if RULES[name].gives_reasons:
        assert found, f"{name} gives no reason for any session of {REASONS_WEEK}"
    else:
        assert not found, f"{name} says gives_reasons = False but gives {found}"


@pytest.mark.parametrize("name", STRUCTURAL)
def test_structural_member_has_its_test_module_and_a_sentence(name):
    assert (RULES_TESTS / "structural" / f"test_{name}.py").is_file()
    assert STRUCTURAL[name].sentence.strip()


@pytest.mark.parametrize("name", TERMS)
def test_term_has_its_test_module_and_sentences(name):
    assert (RULES_TESTS / "terms" / f"test_{name}.py").is_file()
    assert TERMS[name].sentence.strip()
    assert TERMS[name].weight_sentence.strip()


@pytest.mark.parametrize("name", TERMS)
def test_term_has_its_row_in_the_readme_term_table(name):
    assert f"`{name}`" in readme_rows()
