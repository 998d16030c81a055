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
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["Walker", "WalkerCache"]

Nodes = list[tuple[str, object]]
Walker = Callable[[object, str, Nodes], None]

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
                    w(m, f"{{pre}}{name}[{{i}}]", out)
        else:
            w = get(type(v), MISSING)
            if w is MISSING:
                w = build(type(v))
            if w is not None:
                w(v, pre + "{name}", out)
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
        names = self._plan(kind)
        if names is None:
            self.walkers[kind] = None
            return None
        if not all(name.isidentifier() for name in names):
            raise ValueError(f"{kind.__qualname__} has a member that is not an identifier")
        lines = ["def walker(obj, here, out):"]
        if self._wanted(kind):
            lines.append("    out.append((here, obj))")
        if names:
            lines.append('    pre = here + "." if here else ""')
            lines.extend(_MEMBER.format(name=name) for name in names)
        if len(lines) == 1:
            lines.append("    return None")
        env: dict[str, object] = {
            "get": self.walkers.get,
            "build": self.build,
            "MISSING": _MISSING,
        }
        exec(compile("\n".join(lines) + "\n", f"<finmsg check walker of {kind.__qualname__}>", "exec"), env)
        walker: Walker = env["walker"]  # type: ignore[assignment]  # defined by the exec above
        self.walkers[kind] = walker
        return walker
