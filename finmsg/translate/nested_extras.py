"""Report the extras of every model object an MX → MT builder consumed (TR031): none vanish.

The ISO 20022 reader keeps an element it does not map in the ``extras`` bag of
the nearest model object – a party, an agent, an account, an address, a
remittance block, a reason – not only in the transaction's or the message's.
The pair builders report the bags they know (transaction, group header,
message, ...); an unknown member one level deeper had no reporter and was
silently lost. :func:`report_nested_extras` walks every model object below
what a builder consumed and reports each kept fragment as ``lossy.dropped``
with its source path, once.

Why one generic walk: the bags are found from the model's type hints (the
member analysis of the business checks, :mod:`finmsg.iso20022.checks`), so a
model class or member added later is covered without editing a list here. Like
the checks' walkers (:mod:`finmsg.iso20022.walkgen`) the walk is code generated
once per class, pruned to the members whose declared types can lead to a bag;
unlike them it formats no model paths (an extra carries its source path) and
writes the probes of small member objects (agents, parties, addresses,
accounts) inline, so finding nothing in a pacs.008 costs about 20k machine
instructions (a path-formatting walk cost 80k).

Not reported: the bags of the objects the caller names as ``own`` (the
builder reports them, or reads fragments such as ``SttlmTmReq`` back into
its own fields), the AppHdr (the envelope report names its extras, TR034), and
any extra whose path a lossy diagnostic of the translation already names.
"""

from __future__ import annotations

import dataclasses
import re
import typing
from collections.abc import Callable, Iterable

from finmsg.diagnostics import Severity, is_lossy
from finmsg.iso20022.checks import member_types, type_reaches
from finmsg.model.common import Amount, Extra, Timestamp
from finmsg.model.payments import AppHeader
from finmsg.translate.context import Ctx

__all__ = ["report_nested_extras"]

#: Classes never descended into: leaves, and the AppHdr (reported by the envelope report).
_SKIPPED: tuple[type, ...] = (Amount, Timestamp, Extra, AppHeader)
_FIRST = re.compile(r"\[1\](?=/|$)")

_bags: dict[type, bool] = {}
_reach: dict[type, bool] = {}


def _has_bag(kind: type) -> bool:
    """True for the model classes with an ``extras`` bag (almost all of them)."""
    known = _bags.get(kind)
    if known is None:
        known = _bags[kind] = (
            dataclasses.is_dataclass(kind)
            and not issubclass(kind, _SKIPPED)
            and any(f.name == "extras" for f in dataclasses.fields(kind))
        )
    return known


def _bag_or_anything(kind: type) -> bool:
    return kind is object or _has_bag(kind)  # object: a hint that may hold anything


def _descends(kind: type) -> bool:
    return dataclasses.is_dataclass(kind) and not issubclass(kind, _SKIPPED)


def _reaches(kind: type) -> bool:
    """True when an object of ``kind``, or one below it, may hold an ``extras`` bag."""
    return type_reaches(kind, _bag_or_anything, _descends, _reach)


def _plan(kind: type) -> tuple[str, ...] | None:
    """The members of ``kind`` that may lead to a bag; None: never descended into."""
    if not dataclasses.is_dataclass(kind) or issubclass(kind, _SKIPPED) or not _reaches(kind):
        return None
    return tuple(
        name
        for name, holds in member_types(kind).items()
        if name != "extras" and any(_reaches(t) for t in holds)
    )


#: The body of a probe for a member whose classes are not known when the probe is built.
_MEMBER = """\
{pad}if type({v}) is tuple:
{pad}    for m in {v}:
{pad}        p = get(type(m), MISSING)
{pad}        if p is MISSING:
{pad}            p = build(type(m))
{pad}        if p is not None:
{pad}            p(m, out)
{pad}else:
{pad}    p = get(type({v}), MISSING)
{pad}    if p is MISSING:
{pad}        p = build(type({v}))
{pad}    if p is not None:
{pad}        p({v}, out)
"""
#: How deep member probes are written inline into their parent's probe (no call per object).
_INLINE_DEPTH = 3


def _same_shape(kinds: frozenset[type]) -> tuple[bool, tuple[str, ...]] | None:
    """(has a bag, plan) shared by every class of ``kinds``; None when they differ or are unknown."""
    if not kinds or object in kinds:
        return None
    shapes = set()
    for kind in kinds:
        plan = _plan(kind) if dataclasses.is_dataclass(kind) else None
        if plan is None:
            return None
        shapes.add((_has_bag(kind), plan))
    return shapes.pop() if len(shapes) == 1 else None


def _member_holds(kinds: frozenset[type], name: str) -> frozenset[type]:
    return frozenset(t for kind in kinds for t in member_types(kind)[name])


def _many(kinds: frozenset[type], name: str) -> bool | None:
    """True when every class of ``kinds`` declares ``name`` as a tuple, False when none does."""
    found = {typing.get_origin(_hints(kind).get(name)) is tuple for kind in kinds}
    return found.pop() if len(found) == 1 else None


def _hints(kind: type) -> dict[str, object]:
    hints = _hint_cache.get(kind)
    if hints is None:
        try:
            hints = typing.get_type_hints(kind)
        except Exception:  # unresolvable annotations: nothing is known about the members
            hints = {}
        _hint_cache[kind] = hints
    return hints


_hint_cache: dict[type, dict[str, object]] = {}


def _code(
    kinds: frozenset[type],
    v: str,
    many: bool | None,
    above: frozenset[type],
    depth: int,
    pad: str,
    env: dict[str, object],
) -> list[str]:
    """Probe code for the non-None value ``v`` (one of ``kinds``, or a tuple of them when ``many``).

    Objects of the declared classes are probed inline (their shape is known); a value of
    any other class goes through the generic dispatch, so a hint that lies costs time,
    never an AttributeError. ``above``: the classes this code is already inside of (a
    class that holds itself, like a COV's underlying transfer, is called, not inlined).
    """
    inline = depth < _INLINE_DEPTH and many is not None and not kinds & above
    shape = _same_shape(kinds) if inline else None
    if shape is None:
        return [_MEMBER.format(v=v, pad=pad)]
    bag, plan = shape
    known = f"K{len(env)}"
    env[known] = kinds
    item, at = (f"m{depth}", pad + "        ") if many else (v, pad + "    ")
    body: list[str] = []
    if bag:
        body.append(f"{at}if {item}.extras:\n{at}    out.append({item})")
    for name in plan:
        inner = f"v{depth + 1}"
        body.append(f"{at}{inner} = {item}.{name}\n{at}if {inner} is not None:")
        holds, many_inner = _member_holds(kinds, name), _many(kinds, name)
        body.extend(_code(holds, inner, many_inner, above | kinds, depth + 1, at + "    ", env))
    body = body or [f"{at}pass"]
    fallback = _MEMBER.format(v=v, pad=pad + "    ")
    if not many:
        return [f"{pad}if type({v}) in {known}:", *body, f"{pad}else:", fallback]
    return [
        f"{pad}if type({v}) is tuple:",
        f"{pad}    for {item} in {v}:",
        f"{pad}      if type({item}) in {known}:",
        *body,
        f"{pad}      else:",
        _MEMBER.format(v=item, pad=pad + "        "),
        f"{pad}else:",
        fallback,
    ]


Probe = Callable[[object, list[object]], None]
_MISSING = object()


class _Probes:
    """One generated probe per class: it appends the objects whose bag is not empty.

    The same per-class code generation as the checks' walkers
    (:class:`~finmsg.iso20022.walkgen.WalkerCache`), without their model paths: the
    extras carry their source paths, and formatting a path for every visited member
    was most of the cost of a walk that finds nothing.
    """

    __slots__ = ("probes",)

    def __init__(self) -> None:
        #: class -> its probe, or None for classes never descended into.
        self.probes: dict[type, Probe | None] = {}

    def build(self, kind: type) -> Probe | None:
        names = _plan(kind)
        if names is None:
            self.probes[kind] = None
            return None
        if not all(name.isidentifier() for name in names):
            raise ValueError(f"{kind.__qualname__} has a member that is not an identifier")
        lines = ["def probe(obj, out):"]
        env: dict[str, object] = {}
        if _has_bag(kind):
            lines.append("    if obj.extras:\n        out.append(obj)")
        for name in names:
            lines.append(f"    v0 = obj.{name}\n    if v0 is not None:")
            holds = member_types(kind)[name]
            mine = frozenset((kind,))
            lines.extend(_code(holds, "v0", _many(mine, name), mine, 0, "        ", env))
        if len(lines) == 1:
            lines.append("    return None")
        env.update(get=self.probes.get, build=self.build, MISSING=_MISSING)
        exec(compile("\n".join(lines) + "\n", f"<finmsg extras probe of {kind.__qualname__}>", "exec"), env)
        probe: Probe = env["probe"]  # type: ignore[assignment]  # defined by the exec above
        self.probes[kind] = probe
        return probe


_probes = _Probes()


def _normalised(path: str) -> str:
    """``Dbtr[1]`` and ``Dbtr`` name the same element (readers and walks write either)."""
    return _FIRST.sub("", path)


def report_nested_extras(
    ctx: Ctx,
    roots: Iterable[object | None],
    own: Iterable[object] = (),
    extras: Iterable[Extra] = (),
) -> None:
    """Report (TR031) every extra kept below and in ``roots`` that no lossy diagnostic names yet.

    ``own``: objects whose bag the builder handles itself (compared by identity);
    ``extras``: loose bags to report too (e.g. the message's, when the message
    itself is not walked because it holds parts the builder did not consume).
    Call it last, after every other diagnostic of the builder.
    """
    holders: list[object] = []
    probes = _probes.probes
    for root in roots:
        if root is not None:
            probe = probes.get(type(root), _MISSING)
            if probe is _MISSING:
                probe = _probes.build(type(root))
            if probe is not None:
                probe(root, holders)  # type: ignore[operator]  # _MISSING was ruled out
    found: list[Extra] = []
    for holder in holders:
        for mine in own:
            if mine is holder:
                break
        else:
            found.extend(holder.extras)  # type: ignore[attr-defined]  # only bag holders are kept
    found.extend(extras)
    if not found:
        return
    named = {
        _normalised(d.path)
        for d in ctx.diagnostics
        if d.path is not None and (is_lossy(d) or d.severity is Severity.ERROR)
    }
    target = ctx.mt_prefix
    for extra in found:
        key = _normalised(extra.path)
        if key in named and extra.path:
            continue
        named.add(key)
        name = extra.path.rsplit("/", 1)[-1].split("[", 1)[0]
        ctx.dropped(
            "TR031", extra.path or "/Document", None, extra.content, f"{name} has no place in {target}"
        )
