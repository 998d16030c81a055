"""Generated per-class walkers for the model walk of the checks (:func:`checks.walk_checked`).

Why generated code: the generic walk loops over a per-class member plan with
``getattr``, a work stack and per-member type probes; that bookkeeping cost more than
the checks themselves on a payment. A walker compiled once per class reads its few
member attributes directly and recurses into the walkers of the values it meets,
which visits the same objects in the same (depth-first, member) order with the same
paths for about a third of the machine instructions.

The policy stays with the caller: ``plan(kind)`` says which members of a class to
look into (None: the class is never descended into nor kept) and ``wanted(kind)``
whether an object of that class is kept.

With ``visit`` (a :class:`VisitorCache`), each walker also calls ``visit(kind)(obj, path,
sink)`` on every object it keeps, right where it keeps it: the checks then run during the
one walk, in the walk's order, instead of looping over the kept objects once per check.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["Visit", "VisitorCache", "Walker", "WalkerCache"]

Nodes = list[tuple[str, object]]
Walker = Callable[[object, str, Nodes], None]
#: What a visiting walker hands to ``visit``'s callables besides the object and its path.
Sink = Any
Visit = Callable[[object, str, Sink], None]
VisitWalker = Callable[[object, str, Nodes, Sink], None]

_MISSING = object()

_MEMBER = """\
    v = obj.{name}
    if v is not None:
        if type(v) is tuple:
            i = 0
            for m in v:
                i += 1
                w = get(type(m), MISSING)
                if w is MISSING:
                    w = build(type(m))
                if w is not None:
                    w(m, f"{{pre}}{name}[{{i}}]", out{sink})
        else:
            w = get(type(v), MISSING)
            if w is MISSING:
                w = build(type(v))
            if w is not None:
                w(v, pre + "{name}", out{sink})
"""


class WalkerCache:
    """One walker per class, built on first sight from ``plan`` and ``wanted``."""

    __slots__ = ("_plan", "_wanted", "walkers")

    def __init__(
        self, plan: Callable[[type], tuple[str, ...] | None], wanted: Callable[[type], bool]
    ) -> None:
        self._plan = plan
        self._wanted = wanted
        #: class -> its walker, or None for classes never descended into.
        self.walkers: dict[type, Walker | None] = {}

    def get(self, kind: type) -> Walker | None:
        found = self.walkers.get(kind, _MISSING)
        if found is _MISSING:
            return self.build(kind)
        return found  # type: ignore[return-value]  # _MISSING was ruled out

    def build(self, kind: type) -> Walker | None:
        walker: Walker | None = _compile(kind, self._plan, self._wanted, None, self.walkers, self.build)
        self.walkers[kind] = walker
        return walker


class VisitorCache:
    """Like :class:`WalkerCache`, with walkers ``(obj, path, out, sink)`` that also call
    ``visit(kind)`` (when it is not None) on each object they keep, right after keeping it."""

    __slots__ = ("_plan", "_visit", "_wanted", "walkers")

    def __init__(
        self,
        plan: Callable[[type], tuple[str, ...] | None],
        wanted: Callable[[type], bool],
        visit: Callable[[type], Visit | None],
    ) -> None:
        self._plan = plan
        self._wanted = wanted
        self._visit = visit
        #: class -> its walker, or None for classes never descended into.
        self.walkers: dict[type, VisitWalker | None] = {}

    def get(self, kind: type) -> VisitWalker | None:
        found = self.walkers.get(kind, _MISSING)
        if found is _MISSING:
            return self.build(kind)
        return found  # type: ignore[return-value]  # _MISSING was ruled out

    def build(self, kind: type) -> VisitWalker | None:
        walker: VisitWalker | None = _compile(
            kind, self._plan, self._wanted, self._visit, self.walkers, self.build
        )
        self.walkers[kind] = walker
        return walker


def _compile(
    kind: type,
    plan: Callable[[type], tuple[str, ...] | None],
    wanted: Callable[[type], bool],
    visit: Callable[[type], Visit | None] | None,
    walkers: dict[type, Any],
    build: Callable[[type], object],
) -> Callable[..., None] | None:
    """The walker of ``kind`` (None when ``plan`` says it is never descended into)."""
    names = plan(kind)
    if names is None:
        return None
    if not all(name.isidentifier() for name in names):
        raise ValueError(f"{kind.__qualname__} has a member that is not an identifier")
    sink = "" if visit is None else ", sink"
    lines = [f"def walker(obj, here, out{sink}):"]
    env: dict[str, object] = {"get": walkers.get, "build": build, "MISSING": _MISSING}
    if wanted(kind):
        lines.append("    out.append((here, obj))")
        check = None if visit is None else visit(kind)
        if check is not None:
            env["check"] = check
            lines.append("    check(obj, here, sink)")
    if names:
        lines.append('    pre = here + "." if here else ""')
        lines.extend(_MEMBER.format(name=name, sink=sink) for name in names)
    if len(lines) == 1:
        lines.append("    return None")
    exec(compile("\n".join(lines) + "\n", f"<finmsg check walker of {kind.__qualname__}>", "exec"), env)
    walker: Callable[..., None] = env["walker"]  # type: ignore[assignment]  # defined by the exec above
    return walker
