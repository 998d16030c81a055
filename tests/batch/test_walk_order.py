"""The walk's sort key: a file's stem as ``os.path.splitext`` defines it, computed without it.

The walk sorts every archived file by (stem, name), so outputs and clash suffixes do not
depend on the file system's listing order; the stem is computed by hand (it runs once per
file in the coordinator) and must stay the standard library's.
"""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import pytest

from finmsg.batch.inputs import _stem, walk_inputs


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("a.xml", "a"),
        ("a.b.fin", "a.b"),
        ("noext", "noext"),
        (".profile", ".profile"),  # a leading dot does not start an extension
        ("..x", "..x"),
        ("..x.y", "..x"),
        ("a.", "a"),
        (".", "."),
        ("..", ".."),
        ("", ""),
    ],
)
def test_stem_of_a_folder_entry(name: str, stem: str) -> None:
    assert _stem(name) == stem


def test_stem_agrees_with_splitext_on_every_short_name() -> None:
    for length in range(6):
        for letters in itertools.product(".a~ ", repeat=length):
            name = "".join(letters)
            assert _stem(name) == os.path.splitext(name)[0], name


def test_walk_order_and_stems_of_a_folder(tmp_path: Path) -> None:
    for name in ("b.xml", "a.xml", "a.fin", "a.b.log", ".hidden", "z"):
        (tmp_path / name).write_bytes(b"x")
    walked = [(Path(s.name).name, s.stem, s.extension) for s in walk_inputs([str(tmp_path)])]
    assert walked == [
        (".hidden", ".hidden", ""),
        ("a.fin", "a", ".fin"),
        ("a.xml", "a~xml", ".xml"),  # same stem as a.fin: told apart, not overwritten
        ("a.b.log", "a.b", ".log"),
        ("b.xml", "b", ".xml"),
        ("z", "z", ""),
    ]
