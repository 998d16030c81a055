"""Run every standards module's docstring examples: they are documentation and tests."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "finmsg.standards.exceptions",
    "finmsg.standards.bic",
    "finmsg.standards.iban",
    "finmsg.standards.lei",
    "finmsg.standards.isin",
    "finmsg.standards.currency",
    "finmsg.standards.country",
    "finmsg.standards.mic",
    "finmsg.standards.cfi",
]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS, verbose=False)
    assert result.attempted > 0, f"{name} has no doctest examples"
    assert result.failed == 0
