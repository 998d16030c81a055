"""Network validated rules (SWIFT C-rules), one module per message family.

A rule is a function ``(RuleContext) -> list[Diagnostic]`` registered for
one or more message types with :func:`network_rule`. The diagnostic code is
``mt.<SWIFT error code>`` (``mt.D75``, ``mt.E01``) and ``rule`` names the
C-rule (``MT103/C1``) so that reports can point at the standard.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from operator import itemgetter

from finmsg.diagnostics import Diagnostic, Severity
from finmsg.mt.message import MtField, MtMessage

__all__ = ["Rule", "RuleContext", "error", "first", "network_rule", "rules_for"]

_TAG = itemgetter(0)  # MtField.tag
_NUMBER = itemgetter(slice(0, 2))  # tag → its two digits


class RuleContext:
    """A message plus indexes (first field per tag and per number), each built on first use.

    Built lazily because some rule sets never look fields up by tag (MT940's walks the
    fields in order), and for a long statement the indexes cost more than the rules.
    """

    __slots__ = ("_by_number", "_by_tag", "msg", "prefix")

    def __init__(self, msg: MtMessage) -> None:
        self.msg = msg
        self.prefix = msg.path_prefix
        self._by_tag: dict[str, MtField] | None = None
        self._by_number: dict[str, MtField] | None = None

    @property
    def by_tag(self) -> dict[str, MtField]:
        """First field per tag (built in C from the reversed fields, so the first one wins)."""
        found = self._by_tag
        if found is None:
            backwards = self.msg.fields[::-1]
            found = self._by_tag = dict(zip(map(_TAG, backwards), backwards, strict=True))
        return found

    @property
    def by_number(self) -> dict[str, MtField]:
        """First field per tag number (``50`` for 50A/50K)."""
        found = self._by_number
        if found is None:
            backwards = self.msg.fields[::-1]
            numbers = map(_NUMBER, map(_TAG, backwards))
            found = self._by_number = dict(zip(numbers, backwards, strict=True))
        return found

    def get(self, tag: str) -> MtField | None:
        """First field with exactly ``tag``."""
        found = self._by_tag
        return (self.by_tag if found is None else found).get(tag)

    def first(self, number: str) -> MtField | None:
        """First field with tag number ``number`` (any option)."""
        found = self._by_number
        return (self.by_number if found is None else found).get(number)


Rule = Callable[[RuleContext], list[Diagnostic]]
_RULES: dict[str, list[Rule]] = {}
_MODULES = ("mt103", "mt202", "cash", "mt101", "securities")
_loaded = False


def network_rule(*message_types: str) -> Callable[[Rule], Rule]:
    """Decorator: register a rule for the given types (``"103"``, ``"103STP"``...)."""

    def deco(fn: Rule) -> Rule:
        for mt in message_types:
            _RULES.setdefault(mt, []).append(fn)
        return fn

    return deco


def rules_for(message_type: str) -> list[Rule]:
    """Rules of a type; a variant (``103STP``) also gets the rules registered for it only."""
    global _loaded
    if not _loaded:
        _loaded = True
        for name in _MODULES:
            importlib.import_module(f"finmsg.mt.rules.{name}")
    return _RULES.get(message_type, [])


def error(code: str, rule: str, message: str, path: str) -> Diagnostic:
    """An error diagnostic for a network rule (``code`` is the SWIFT error code)."""
    return Diagnostic(f"mt.{code}", Severity.ERROR, message, path=path, rule=rule)


def first(fields: tuple[MtField, ...] | list[MtField], number: str) -> MtField | None:
    """First field whose tag number is ``number`` (any option)."""
    for f in fields:
        if f.tag[:2] == number and len(f.tag) <= 3:
            return f
    return None
