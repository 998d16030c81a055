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
    """A message plus indexes built once per validation (first field per tag and per number)."""

    __slots__ = ("by_number", "by_tag", "msg", "prefix")

    def __init__(self, msg: MtMessage) -> None:
        self.msg = msg
        self.prefix = msg.path_prefix
        # Built in C from the reversed fields, so the *first* field of a tag wins.
        backwards = msg.fields[::-1]
        tags = list(map(_TAG, backwards))
        self.by_tag: dict[str, MtField] = dict(zip(tags, backwards, strict=True))
        self.by_number: dict[str, MtField] = dict(zip(map(_NUMBER, tags), backwards, strict=True))

    def get(self, tag: str) -> MtField | None:
        """First field with exactly ``tag``."""
        return self.by_tag.get(tag)

    def first(self, number: str) -> MtField | None:
        """First field with tag number ``number`` (any option)."""
        return self.by_number.get(number)


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
