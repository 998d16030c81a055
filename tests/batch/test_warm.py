"""The pre-fork hooks: every registered family's ``warm``, and the compact pickling of tasks and results."""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest

from finmsg import registry
from finmsg.batch.tasks import FileResult, FileTask, SliceTask
from finmsg.errors import UnknownFormatError
from finmsg.registry import FormatHandler, RawMessage, warm_formats


def _refuse(*args: object) -> Iterator[RawMessage]:
    raise UnknownFormatError("test family", code="test.family")


def _handler(family: str, warm: object) -> FormatHandler:
    return FormatHandler(
        family=family,
        extension=".t",
        sniff=lambda data: False,
        split=_refuse,
        read=_refuse,  # type: ignore[arg-type]
        validate=_refuse,  # type: ignore[arg-type]
        write=_refuse,  # type: ignore[arg-type]
        accepts=lambda target: False,
        priority=5000,
        warm=warm,  # type: ignore[arg-type]
    )


def test_warm_formats_runs_every_hook_and_skips_a_failing_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "_FORMATS", dict(registry._FORMATS))  # the test's families go away after
    calls: list[str] = []

    def broken() -> None:
        calls.append("broken")
        raise RuntimeError("dictionary missing")

    registry.register_format(_handler("warmtest-a", lambda: calls.append("a")))
    registry.register_format(_handler("warmtest-b", broken))
    registry.register_format(_handler("warmtest-c", None))
    warmed = warm_formats(plugins=False)
    assert calls == ["a", "broken"]
    assert "warmtest-a" in warmed
    assert "warmtest-b" not in warmed and "warmtest-c" not in warmed
    assert {"iso20022", "mt", "fix", "json"} <= {h.family for h in registry._FORMATS.values()}  # all imported


def test_a_plugin_that_fails_to_load_does_not_stop_warming(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A broken ``finmsg.formats`` entry point must not crash a multi-job run before it starts:
    the built-in families are warmed, and the plugin's error stays for the lookup that needs it."""
    info = tmp_path / "brokenplug-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: brokenplug\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[finmsg.formats]\nbroken = finmsg_no_such_plugin_xyz\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(registry, "_plugins_loaded", False)
    monkeypatch.setattr(registry, "_FORMATS", dict(registry._FORMATS))
    registry.register_format(_handler("warmtest-d", lambda: None))
    assert "warmtest-d" in warm_formats()
    with pytest.raises(ModuleNotFoundError):  # not marked loaded: the next lookup meets the error again
        registry.load_plugins()


def test_tasks_and_results_survive_pickling_field_for_field() -> None:
    # every field set to a value unlike its default: a field left out of __reduce__ (or moved) shows
    result = FileResult(
        "in/a.fin",
        key="k",
        messages=5,
        converted=2,
        quarantined=2,
        skipped=1,
        audit=[{"index": 1}],
        report=[{"code": "T26"}],
        errors=["in/a.fin#2: bad"],
        io_error="cannot read",
        resumed=True,
        complete=False,
        token="tok",
        number=3,
        folders={"out/in"},
        line='{"key":"k"}',
        audit_text="{}\n",
    )
    copy = pickle.loads(pickle.dumps(result))
    assert copy == result and copy.folders == {"out/in"} and copy.audit_text == "{}\n"
    task = FileTask("a.fin", "a", ".fin", path="/in/a.fin", data=b"{1:")
    assert pickle.loads(pickle.dumps(task)) == task
    piece = SliceTask("log", "log", ".log", "tok", 4, (RawMessage(b"8=FIX", "fix", "D", index=9),), True)
    assert pickle.loads(pickle.dumps(piece)) == piece
