"""Memoised mapping steps that replay their diagnostics: counterparties repeat from message to message.

A bank's MT103 traffic names the same ordering customers, beneficiaries and
correspondent banks over and over; mapping a party field (splitting its lines,
validating the IBAN, structuring the address, building the model objects and the
diagnostics) gives the same answer every time for the same field text and paths.
:func:`replayed` remembers that answer *and* the diagnostics the step added to the
:class:`~finmsg.translate.context.Ctx`, and on a repeat appends the same (immutable)
diagnostics again, so the output and the report are exactly those of a fresh run.

Only steps whose one side effect is appending to ``ctx.diagnostics`` may be wrapped;
a call that records transliterated characters (``ctx.changes``, reported once per
message) is never stored. The caches are bounded and :func:`clear_caches` empties them
(the benchmarks measure the first-seen cost with it).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Concatenate, ParamSpec, TypeVar

from finmsg.diagnostics import Diagnostic
from finmsg.translate.context import Ctx

__all__ = ["clear_caches", "register", "replayed"]

P = ParamSpec("P")
V = TypeVar("V")

_STORES: list[dict[tuple[Hashable, ...], tuple[object, tuple[Diagnostic, ...]]]] = []
_OTHERS: list[Callable[[], None]] = []


def register(clear: Callable[[], None]) -> None:
    """Let :func:`clear_caches` empty another module's cache too (``register(cache.clear)``)."""
    _OTHERS.append(clear)


Step = Callable[Concatenate[Ctx, P], V]


def replayed(size: int = 4096) -> Callable[[Step[P, V]], Step[P, V]]:
    """Decorator: cache ``fn(ctx, *args)`` by ``args`` (hashable, positional only) with its diagnostics."""

    def wrap(fn: Step[P, V]) -> Step[P, V]:
        store: dict[tuple[Hashable, ...], tuple[object, tuple[Diagnostic, ...]]] = {}
        _STORES.append(store)

        def cached(ctx: Ctx, /, *args: P.args, **kwargs: P.kwargs) -> V:
            if kwargs:
                return fn(ctx, *args, **kwargs)
            try:
                hit = store.get(args)
            except TypeError:  # an unhashable argument: no memory for this call
                return fn(ctx, *args, **kwargs)
            if hit is not None:
                if hit[1]:
                    ctx.diagnostics.extend(hit[1])
                return hit[0]  # type: ignore[return-value]  # stored by this very function
            diagnostics, changes = len(ctx.diagnostics), len(ctx.changes)
            value = fn(ctx, *args, **kwargs)
            if len(ctx.changes) == changes:
                if len(store) >= size:
                    store.clear()  # bounded: a burst of new counterparties starts over
                store[args] = (value, tuple(ctx.diagnostics[diagnostics:]))
            return value

        cached.__doc__ = fn.__doc__
        cached.__name__ = fn.__name__
        cached.__qualname__ = fn.__qualname__
        cached.__wrapped__ = fn  # type: ignore[attr-defined]
        return cached

    return wrap


def clear_caches() -> None:
    """Forget every remembered answer (the cold-path benchmark calls this before each message)."""
    for store in _STORES:
        store.clear()
    for clear in _OTHERS:
        clear()
