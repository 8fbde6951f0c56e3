"""The mutation check stays runnable: every mutant's target text and tests are where it says.

`make mutants` (tests/mutants.py) breaks each guard and expects its tests to fail; this keeps it
from rotting when code moves, by failing `make test` instead of leaving a mutant that no longer
applies."""

from __future__ import annotations

import re

import pytest

from tests.mutants import MUTANTS, Mutant
from tests.support import REPO


@pytest.mark.parametrize("mutant", MUTANTS, ids=[m.name for m in MUTANTS])
def test_the_mutant_applies_to_the_code_as_it_is(mutant: Mutant) -> None:
    path = REPO / mutant.path
    assert path.is_file(), f"{mutant.path} moved: update mutant {mutant.name}"
    count = path.read_text(encoding="utf-8").count(mutant.old)
    assert count == 1, f"mutant {mutant.name}: target text found {count} times in {mutant.path}"
    assert mutant.new != mutant.old


@pytest.mark.parametrize("mutant", MUTANTS, ids=[m.name for m in MUTANTS])
def test_the_mutants_tests_exist(mutant: Mutant) -> None:
    assert mutant.tests
    for node in mutant.tests:
        file, _, name = node.partition("::")
        function = re.sub(r"\[.*\]$", "", name)
        source = (REPO / file).read_text(encoding="utf-8")
        assert f"def {function}(" in source, f"mutant {mutant.name}: no test {node}"


def test_mutant_names_are_unique() -> None:
    names = [m.name for m in MUTANTS]
    assert len(names) == len(set(names))
