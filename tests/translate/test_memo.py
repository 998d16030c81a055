"""Remembered translation steps: a repeat gives the very answer and diagnostics of a first run."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from finmsg.model.common import Agent
from finmsg.mt.api import read_one
from finmsg.translate import memo, translate
from finmsg.translate.bics import bic_agent, same_bic
from finmsg.translate.context import Ctx
from finmsg.translate.headers import timestamp
from finmsg.translate.memo import replayed

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "translate"
NOW = datetime(2026, 11, 29, 9, 30, tzinfo=timezone.utc)

calls: list[str] = []


@replayed(size=2)
def _step(ctx: Ctx, value: str, path: str) -> str:
    calls.append(value)
    ctx.info("test.seen", "TR000", f"saw {value}", path, None, value)
    if value.startswith("x"):
        ctx.changed_chars(path, "T", [("é", "e")])
    return value.upper()


@pytest.fixture(autouse=True)
def _fresh() -> None:
    memo.clear_caches()
    calls.clear()


def test_repeat_returns_the_value_and_replays_the_diagnostics() -> None:
    first, second = Ctx(), Ctx()
    assert _step(first, "abc", "P") == "ABC"
    assert _step(second, "abc", "P") == "ABC"
    assert calls == ["abc"]  # the second answer came from memory
    assert [d.to_dict() for d in second.diagnostics] == [
        {
            "code": "test.seen",
            "severity": "info",
            "message": "saw abc",
            "path": "P",
            "rule": "TR000",
            "original": "abc",
        }
    ]
    assert second.diagnostics == first.diagnostics


def test_other_arguments_are_other_entries() -> None:
    ctx = Ctx()
    _step(ctx, "abc", "P")
    _step(ctx, "abc", "Q")
    assert calls == ["abc", "abc"]
    assert [d.path for d in ctx.diagnostics] == ["P", "Q"]


def test_a_step_that_transliterates_is_never_remembered() -> None:
    ctx = Ctx()
    _step(ctx, "xyz", "P")
    _step(ctx, "xyz", "P")
    assert calls == ["xyz", "xyz"]
    assert len(ctx.changes) == 2


def test_bounded_and_cleared() -> None:
    ctx = Ctx()
    for value in ("a", "b", "c", "a"):
        _step(ctx, value, "P")
    assert calls == ["a", "b", "c", "a"]  # size 2: the third entry started the store over
    memo.clear_caches()
    _step(ctx, "c", "P")
    assert calls[-1] == "c" and len(calls) == 5


def test_unhashable_arguments_are_computed_each_time() -> None:
    @replayed()
    def step(ctx: Ctx, values: list[str]) -> int:
        calls.append("list")
        return len(values)

    ctx = Ctx()
    assert step(ctx, ["a", "b"]) == 2
    assert step(ctx, ["a", "b"]) == 2
    assert calls == ["list", "list"]


def test_bic_agents_are_shared_and_equal_to_fresh_ones() -> None:
    assert bic_agent("BANKBEBBXXX") is bic_agent("BANKBEBBXXX")
    assert bic_agent("BANKBEBBXXX") == Agent(bic="BANKBEBBXXX")
    assert bic_agent(None) == Agent()
    assert same_bic("BANKBEBB", "bankbebbxxx") and not same_bic("BANKBEBB", "BANKBEBBABC")
    assert not same_bic(None, None)


def test_timestamp_is_shared_only_for_the_same_instant_offset_and_fold() -> None:
    a = timestamp(Ctx({"now": NOW}))
    b = timestamp(Ctx({"now": datetime(2026, 11, 29, 9, 30, tzinfo=timezone.utc)}))
    assert a is b and a.text == "2026-11-29T09:30:00+00:00"
    # the same instant written with another offset keeps its own text
    paris = timestamp(Ctx({"now": NOW.astimezone(timezone(timedelta(hours=1)))}))
    assert paris.text == "2026-11-29T10:30:00+01:00"
    # a DST overlap: equal wall clock, same tzinfo, the fold picks the offset
    york = ZoneInfo("America/New_York")
    early = timestamp(Ctx({"now": datetime(2026, 11, 1, 1, 30, tzinfo=york)}))
    late = timestamp(Ctx({"now": datetime(2026, 11, 1, 1, 30, tzinfo=york, fold=1)}))
    assert (early.text, late.text) == ("2026-11-01T01:30:00-04:00", "2026-11-01T01:30:00-05:00")
    naive = timestamp(Ctx({"now": datetime(2026, 11, 29, 9, 30)}))
    assert naive.text == "2026-11-29T09:30:00+00:00" and naive.value.tzinfo is None


@pytest.mark.parametrize(
    "case",
    sorted(
        p
        for pair in ("mt103-pacs008", "mt202-pacs009", "mt101-pain001")
        for p in (FIXTURES / pair).glob("*")
        if (p / "input.fin").exists()
    ),
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_warm_translation_equals_the_first(case: Path) -> None:
    """Every golden MT input: translated with empty caches, then again from memory, then again
    after clearing: the three models and diagnostic lists are identical."""
    message = read_one((case / "input.fin").read_bytes()).value
    runs = []
    for clear in (True, False, True):
        if clear:
            memo.clear_caches()
        result = translate(message, "iso20022", now=NOW)
        runs.append((result.value, [d.to_dict() for d in result.diagnostics]))
    assert runs[0] == runs[1] == runs[2]


_FIN = (
    "{1:F01BANKBEBBAXXX0000000000}{2:I103BANKDEFFXXXXN}{3:%s}{4:\n"
    ":20:REF1\n:23B:CRED\n:32A:261130EUR100,\n:50K:/BE71096123456769\nACME\n"
    ":59:/DE89370400440532013000\nMUSTER\n:71A:SHA\n-}"
)


@pytest.mark.parametrize(
    ("block3", "uetr", "service", "dropped"),
    [
        ("{121:4d7f3a2e-9b1c-4e8f-a6d2-1c3b5e7f9a0b}", "4d7f3a2e-9b1c-4e8f-a6d2-1c3b5e7f9a0b", (), []),
        (
            "{111:001}{121:4d7f3a2e-9b1c-4e8f-a6d2-1c3b5e7f9a0b}",
            "4d7f3a2e-9b1c-4e8f-a6d2-1c3b5e7f9a0b",
            ("G001",),
            [],
        ),
        ("{108:MUR1}{111:002}", None, (), ["MT103:block3/111"]),  # 108: envelope.replaced (TR033)
        ("{111:002}{111:001}", None, (), ["MT103:block3/111"]),  # the first 111 decides G001
        ("{111:001}{111:002}", None, ("G001",), ["MT103:block3/111"]),
    ],
)
def test_block3_uetr_gpi_and_unplaced_tags(
    block3: str, uetr: str | None, service: tuple[str, ...], dropped: list[str]
) -> None:
    message = read_one((_FIN % block3).encode()).value
    result = translate(message, "pacs.008", now=NOW)
    tx = result.value.transactions[0]  # type: ignore[attr-defined]
    assert tx.ids.uetr == uetr
    levels = tx.payment_type.service_levels if tx.payment_type else ()
    assert tuple(level.code for level in levels) == service
    assert [d.path for d in result.diagnostics if d.code == "lossy.dropped" and "block3" in d.path] == dropped
    missing = [d for d in result.diagnostics if d.code == "mapping.missing" and d.rule == "TR002"]
    assert len(missing) == (uetr is None)
