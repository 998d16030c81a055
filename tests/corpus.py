"""Where every corpus-reading test finds the shared third-party corpus (read in place, never
copied): the folder named by ``FINMSG_CORPUS`` when it is set, else ``../shared/corpus`` beside
the repository. One definition, so that pointing the suite at another copy of the corpus (CI, a
developer's machine) takes one environment variable and reaches every test."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["CORPUS", "corpus_dir"]


def corpus_dir() -> Path:
    """The corpus folder (it may not exist: the tests that read it skip then)."""
    env = os.environ.get("FINMSG_CORPUS")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"


#: The corpus folder as the test session started (``FINMSG_CORPUS`` read once, at import).
CORPUS = corpus_dir()
