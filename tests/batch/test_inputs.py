"""Input walking and output naming: deterministic, collision-free, never walking output folders."""

from __future__ import annotations

import io
from pathlib import Path

from finmsg.batch.inputs import walk_inputs
from finmsg.batch.ledger import Ledger
from finmsg.batch.progress import make_progress


def _touch(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x")


def test_directory_walk_is_sorted_and_mirrors_relative_paths(tmp_path: Path) -> None:
    for rel in ("b.fin", "a.xml", "sub/z.fix", "sub/deeper/y.xml"):
        _touch(tmp_path / "in" / rel)
    stems = [s.stem for s in walk_inputs([str(tmp_path / "in")])]
    assert stems == ["a", "b", "sub/z", "sub/deeper/y"]


def test_several_roots_get_distinct_prefixes(tmp_path: Path) -> None:
    _touch(tmp_path / "one" / "data" / "m.fin")
    _touch(tmp_path / "two" / "data" / "m.fin")
    _touch(tmp_path / "single.xml")
    sources = list(
        walk_inputs(
            [str(tmp_path / "one" / "data"), str(tmp_path / "two" / "data"), str(tmp_path / "single.xml")]
        )
    )
    assert [s.stem for s in sources] == ["data/m", "data~2/m", "single"]


def test_output_folder_inside_the_input_is_not_walked(tmp_path: Path) -> None:
    _touch(tmp_path / "in" / "a.fin")
    _touch(tmp_path / "in" / "out" / "a.json")
    sources = list(walk_inputs([str(tmp_path / "in")], exclude=[tmp_path / "in" / "out"]))
    assert [s.stem for s in sources] == ["a"]


def test_progress_bar_and_json_render_counts() -> None:
    ledger = Ledger(inputs=1, messages=3, converted=2, quarantined=1)
    stream = io.StringIO()
    bar = make_progress("bar", stream)
    bar.start()
    bar.update(ledger)
    bar.stop(ledger)
    assert "converting" in stream.getvalue() and "1 quarantined" in stream.getvalue()
    assert make_progress("auto", io.StringIO()).__class__.__name__ == "_Silent"  # not a terminal


def test_ledger_invariant_and_summary() -> None:
    ledger = Ledger(inputs=2, messages=5, converted=3, quarantined=1, skipped=1)
    assert ledger.balanced and ledger.to_dict()["invariant_ok"] is True
    assert "holds" in ledger.summary()
    broken = Ledger(messages=5, converted=3)
    assert not broken.balanced and "VIOLATED" in broken.summary()


def test_same_stems_in_one_folder_get_distinct_names(tmp_path: Path) -> None:
    for name in ("x.xml", "x.fin", "x.a.fin", "x~xml.csv", "y.fin"):
        _touch(tmp_path / "in" / name)
    stems = [(Path(s.name).name, s.stem) for s in walk_inputs([str(tmp_path / "in")])]
    assert stems == [
        ("x.fin", "x"),
        ("x.xml", "x~xml"),
        ("x.a.fin", "x.a"),
        ("x~xml.csv", "x~xml~csv"),
        ("y.fin", "y"),
    ]


def test_a_generated_name_stays_taken_after_files_that_clash_with_nothing(tmp_path: Path) -> None:
    """``k.xml`` becomes ``k~xml``; ``k0.fin`` in between takes the no-clash path, and ``k~xml.z``
    after it must still be told apart from the generated name (walk order is by stem)."""
    for name in ("k.fin", "k.xml", "k0.fin", "k~xml.z", "other/k.fin"):
        _touch(tmp_path / "in" / name)
    stems = [s.stem for s in walk_inputs([str(tmp_path / "in")])]
    assert stems == ["k", "k~xml", "k0", "k~xml~z", "other/k"]
