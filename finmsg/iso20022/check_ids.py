"""Business check: BIC, IBAN and LEI identifiers have valid formats and check digits."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from finmsg.diagnostics import Diagnostic
from finmsg.iso20022.check_model import _LEAVES, Nodes, _diag, _type_fields
from finmsg.standards import bic, iban, lei

__all__ = ["check_identifiers"]

#: The validators are memoised (bounded), as the MT validator does for BICs: the same agent
#: BICs and account IBANs come back in message after message, and a check costs 10-40k
#: machine instructions (``is_valid`` is pure).
_IDENTIFIERS: dict[str, tuple[Callable[[str], bool], str, str, str]] = {
    "bic": (lru_cache(maxsize=4096)(bic.is_valid), "iso.check.bic", "BIC", "ISO9362"),
    "iban": (lru_cache(maxsize=4096)(iban.is_valid), "iso.check.iban", "IBAN", "ISO13616"),
    "lei": (lru_cache(maxsize=4096)(lei.is_valid), "iso.check.lei", "LEI", "ISO17442"),
}
_identifier_plans: dict[type, tuple[tuple[str, Callable[[str], bool], str, str, str], ...]] = {}


def _identifier_plan(kind: type) -> tuple[tuple[str, Callable[[str], bool], str, str, str], ...]:
    """Per type: (member, validator, code, label, rule) in the order of :data:`_IDENTIFIERS`."""
    plan: tuple[tuple[str, Callable[[str], bool], str, str, str], ...] = ()
    if not issubclass(kind, _LEAVES):
        names = _type_fields(kind)
        plan = tuple(
            (name, *spec)
            for suffix, spec in _IDENTIFIERS.items()
            for name in names
            if name == suffix or name.endswith("_" + suffix)
        )
    _identifier_plans[kind] = plan
    return plan


def check_identifiers(message: object, nodes: Nodes, out: list[Diagnostic]) -> None:
    """BIC (``bic``, ``*_bic`` members), IBAN (``iban``) and LEI (``lei``) formats and check digits."""
    plans = _identifier_plans
    for path, obj in nodes:
        kind = type(obj)
        plan = plans.get(kind)
        if plan is None:
            plan = _identifier_plan(kind)
        for name, is_valid, code, label, rule in plan:
            value = getattr(obj, name)
            if isinstance(value, str) and not is_valid(value):
                out.append(
                    _diag(
                        code,
                        f"{value!r} is not a valid {label}",
                        f"{path}.{name}" if path else name,
                        rule,
                        original=value,
                    )
                )


#: Per identifier check code: values found valid (a set lookup is a third of a memoised call).
_valid_seen: dict[str, set[str]] = {}
_SEEN_MAX = 4096


def _remembering(is_valid: Callable[[str], bool], seen: set[str]) -> Callable[[str], bool]:
    """``is_valid`` that also adds each valid value to ``seen`` (emptied when it is full)."""

    def check(value: str) -> bool:
        if not is_valid(value):
            return False
        if len(seen) >= _SEEN_MAX:
            seen.clear()
        seen.add(value)
        return True

    return check


def _invalid_identifier(value: str, path: str, code: str, label: str, rule: str) -> Diagnostic:
    return _diag(code, f"{value!r} is not a valid {label}", path, rule, original=value)
