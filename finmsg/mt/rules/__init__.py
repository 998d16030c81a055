"""Network validated rules (SWIFT C-rules), one module per message family.

A rule is a function ``(RuleContext) -> list[Diagnostic]`` registered for
one or more message types with :func:`network_rule`. The diagnostic code is
``mt.<SWIFT error code>`` (``mt.D75``, ``mt.E01``) and ``rule`` names the
C-rule (``MT103/C1``) so that reports can point at the standard.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from finmsg.diagnostics import Diagnostic, Severity
from finmsg.mt.message import MtField, MtMessage

__all__ = [
    "QuickRules",
    "Rule",
    "RuleContext",
    "error",
    "first",
    "network_rule",
    "prefix_of",
    "quick_rules",
    "quick_rules_for",
    "rules_for",
]

#: ``path_prefix`` per message type (a property chain worth caching: it is read per message).
_PREFIXES: dict[str, str] = {}


def prefix_of(msg: MtMessage) -> str:
    """``msg.path_prefix``, cached per message type (the property chain is read per message)."""
    prefix = _PREFIXES.get(msg.message_type)
    if prefix is None:
        prefix = _PREFIXES[msg.message_type] = msg.path_prefix
    return prefix


class RuleContext:
    """A message plus indexes (first field per tag and per number), each built on first use.

    Built lazily because some rule sets never look fields up by tag (MT940's walks the
    fields in order), and for a long statement the indexes cost more than the rules.
    """

    __slots__ = ("_by_number", "_by_tag", "msg", "prefix")

    def __init__(self, msg: MtMessage) -> None:
        self.msg = msg
        self.prefix = prefix_of(msg)
        self._by_tag: dict[str, MtField] | None = None
        self._by_number: dict[str, MtField] | None = None

    def _index(self) -> tuple[dict[str, MtField], dict[str, MtField]]:
        """Both indexes in one backward walk (so the first field per key wins)."""
        by_tag: dict[str, MtField] = {}
        by_number: dict[str, MtField] = {}
        for f in reversed(self.msg.fields):
            tag = f[0]
            by_tag[tag] = f
            by_number[tag[:2]] = f
        self._by_tag, self._by_number = by_tag, by_number
        return by_tag, by_number

    @property
    def by_tag(self) -> dict[str, MtField]:
        """First field per tag."""
        found = self._by_tag
        return self._index()[0] if found is None else found

    @property
    def by_number(self) -> dict[str, MtField]:
        """First field per tag number (``50`` for 50A/50K)."""
        found = self._by_number
        return self._index()[1] if found is None else found

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
_MODULES = ("mt103", "codes", "mt202", "cash", "mt101", "securities", "mt103quick")
_loaded = False
#: A yes/no stand-in for all the rules of a type: ``True`` only when none would report.
#: Called as ``quick(msg, text)``, ``text`` being the fields as ``␟TAG:value␟TAG:value…``
#: (``␟`` = U+001F, in no value; see :func:`finmsg.mt.msgcheck.clean_text`).
QuickRules = Callable[[MtMessage, str], bool]
#: Per type: a quick predicate and the exact rules it stands for.
_QUICK: dict[str, tuple[QuickRules, tuple[Rule, ...]]] = {}
#: Per type, the predicate in force (``None``: run the rules), dropped when a rule is registered.
_QUICK_IN_FORCE: dict[str, QuickRules | None] = {}


def network_rule(*message_types: str) -> Callable[[Rule], Rule]:
    """Decorator: register a rule for the given types (``"103"``, ``"103STP"``...)."""

    def deco(fn: Rule) -> Rule:
        for mt in message_types:
            _RULES.setdefault(mt, []).append(fn)
        _QUICK_IN_FORCE.clear()
        return fn

    return deco


def quick_rules(*message_types: str, covers: tuple[Rule, ...]) -> Callable[[QuickRules], QuickRules]:
    """Decorator: a predicate that is ``True`` only when none of the rules ``covers`` reports.

    It is used (by :func:`quick_rules_for`) only while those are exactly the rules
    registered for the type, so a rule added later is never skipped. Validation calls it
    only for messages whose structure fits the type's spec.
    """

    def deco(fn: QuickRules) -> QuickRules:
        for mt in message_types:
            _QUICK[mt] = (fn, covers)
        _QUICK_IN_FORCE.clear()
        return fn

    return deco


def quick_rules_for(message_type: str) -> QuickRules | None:
    """The quick predicate of a type when it covers exactly its registered rules, else ``None``."""
    try:
        return _QUICK_IN_FORCE[message_type]
    except KeyError:
        pass
    rules = rules_for(message_type)
    entry = _QUICK.get(message_type)
    found = None
    if entry is not None and len(set(rules)) == len(rules) and set(rules) == set(entry[1]):
        found = entry[0]
    _QUICK_IN_FORCE[message_type] = found
    return found


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
