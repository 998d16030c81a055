"""Shared pytest configuration: golden-file updates, corpus location, hypothesis profiles."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from finmsg.registry import OptionSpec
from tests.corpus import corpus_dir

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "fixtures"
CORPUS = corpus_dir()  # the one definition: tests/corpus.py (FINMSG_CORPUS or ../shared/corpus)

# CI is reproducible (same examples every run); "dev" explores new examples each run to hunt bugs.
settings.register_profile("ci", max_examples=30, deadline=None, derandomize=True)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="rewrite expected golden files from the current output (review the diff!)",
    )


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture
def specs(monkeypatch: pytest.MonkeyPatch) -> dict[str, OptionSpec]:
    """A copy of the registry's option declarations that a test may add to without leaking
    into the others."""
    from finmsg import registry

    registry._load_builtins()
    copy = dict(registry._OPTION_SPECS)
    monkeypatch.setattr(registry, "_OPTION_SPECS", copy)
    return copy
