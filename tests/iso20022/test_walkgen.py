"""The generated per-class walkers behind ``checks.walk_checked`` (``finmsg.iso20022.walkgen``)."""

from __future__ import annotations

from dataclasses import dataclass

from finmsg.iso20022.checks import walk_checked
from finmsg.iso20022.walkgen import WalkerCache
from finmsg.model.common import Agent, Party
from finmsg.model.payments import CreditTransferTx, PaymentIds


@dataclass(frozen=True)
class _Leaf:
    label: str


@dataclass(frozen=True)
class _Box:
    first: object = None
    items: tuple[object, ...] = ()
    skipped: object = None


def _cache() -> WalkerCache:
    # _Box: walk first and items (never skipped); _Leaf: kept, nothing below; anything else: ignored.
    plans: dict[type, tuple[str, ...]] = {_Box: ("first", "items"), _Leaf: ()}
    return WalkerCache(plans.get, lambda kind: kind is _Leaf)


def test_walker_visits_members_depth_first_with_one_based_tuple_paths() -> None:
    inner = _Box(_Leaf("b"), ("text", _Leaf("c"), 3))
    box = _Box(_Leaf("a"), (inner, _Leaf("d")), _Leaf("never"))
    out: list[tuple[str, object]] = []
    walker = _cache().get(_Box)
    assert walker is not None
    walker(box, "", out)
    labels = [(path, obj.label) for path, obj in out if isinstance(obj, _Leaf)]
    assert labels == [
        ("first", "a"),
        ("items[1].first", "b"),
        ("items[1].items[2]", "c"),
        ("items[2]", "d"),
    ]


def test_walker_prefixes_the_start_path_and_ignores_unplanned_classes() -> None:
    cache = _cache()
    out: list[tuple[str, object]] = []
    walker = cache.get(_Box)
    assert walker is not None
    walker(_Box(_Leaf("x")), "root", out)
    assert [path for path, _ in out] == ["root.first"]
    assert cache.get(str) is None and cache.get(int) is None


def test_walk_checked_on_a_transaction_names_model_paths() -> None:
    tx = CreditTransferTx(
        ids=PaymentIds(uetr="u"),
        debtor=Party(name="D", bic="BANKGB2L"),
        instructing_agent=Agent(bic="BANKDEFF"),
    )
    paths = [(path, type(obj).__name__) for path, obj in walk_checked(tx, "transactions[1]")]
    assert paths == [
        ("transactions[1].instructing_agent", "Agent"),
        ("transactions[1].debtor", "Party"),
    ]
    assert walk_checked("not a model") == []
