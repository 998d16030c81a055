"""Every corpus-reading test finds the shared corpus through one helper (``tests/corpus.py``),
so ``FINMSG_CORPUS`` reaches all of them (session-7 review: nine test files looked only at
``../shared/corpus``)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, REPO
from tests.corpus import corpus_dir

#: The test files that read the corpus (directly or through a folder's path helper).
READERS = (
    "tests/mt/test_corpus.py",
    "tests/mt/test_fastpath.py",
    "tests/fix/test_acceptance.py",
    "tests/iso20022/test_corpus.py",
    "tests/iso20022/test_no_silent_loss.py",
    "tests/iso20022/test_statements.py",
    "tests/iso20022/test_transfers_fast.py",
    "tests/iso20022/test_read_speedups.py",
    "tests/standards/test_std_corpus.py",
)


def test_the_environment_variable_wins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FINMSG_CORPUS", str(tmp_path))
    assert corpus_dir() == tmp_path
    monkeypatch.delenv("FINMSG_CORPUS")
    assert corpus_dir().resolve() == (REPO.parent / "shared" / "corpus").resolve()
    monkeypatch.setenv("FINMSG_CORPUS", "")  # set but empty: the default, not the current folder
    assert corpus_dir().resolve() == (REPO.parent / "shared" / "corpus").resolve()


@pytest.mark.parametrize("name", READERS)
def test_each_corpus_reader_uses_the_shared_helper(name: str) -> None:
    text = (REPO / name).read_text(encoding="utf-8")
    assert "from tests.corpus import CORPUS" in text
    assert '"shared"' not in text and "FINMSG_CORPUS" not in text  # no lookup of its own


def test_a_corpus_named_by_the_variable_is_the_one_read(tmp_path: Path) -> None:
    # a corpus of one statement (a fixture of ours): the statements test collects exactly it
    moov = tmp_path / "iso20022" / "moov"
    moov.mkdir(parents=True)
    shutil.copy(FIXTURES / "iso20022" / "camt053-multi-stmt" / "input.xml", moov / "only-statement.xml")
    env = {**os.environ, "FINMSG_CORPUS": str(tmp_path)}
    test = "tests/iso20022/test_statements.py::test_corpus_reads_and_round_trips"
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--collect-only", test],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    collected = [line for line in proc.stdout.splitlines() if "::" in line]
    assert collected == [f"{test}[only-statement.xml]"]
