"""Faster ``__init__`` for the frozen, slotted model dataclasses, with the same signature.

Why: a frozen dataclass sets each field with ``object.__setattr__(self, name, value)``,
a generic call that re-checks the type and looks the attribute up by name; a pacs.008
builds about 25 model objects with about 200 fields, and that alone was a quarter of
the cost of mapping it. Calling each slot's own descriptor setter (bound once per
class) does the same store in about half the machine instructions. For a class that
derives straight from ``object`` with several fields, the init goes one step further:
it switches the new instance to an unfrozen twin class with the very same slots, stores
plainly (the interpreter specialises those stores), and switches it back. The object
never escapes before the switch back, so nothing else ever sees the twin.

Everything else stays the dataclass's own: fields, defaults, ``__eq__``, ``__hash__``,
``__repr__``, ``dataclasses.replace`` (which calls ``__init__``), pickling, and
immutability (assigning an attribute still raises ``FrozenInstanceError``). A class
whose generated ``__init__`` does more than store its arguments (``__post_init__``,
``InitVar``, ``init=False`` or ``default_factory`` fields) keeps the dataclass one, and
so does any class where the rebuilt signature would differ from the original.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import sys
from collections.abc import Callable
from typing import Any

__all__ = ["speed_up_inits"]


def _slot_setter(cls: type, name: str) -> Callable[[object, object], None] | None:
    for klass in cls.__mro__:
        descriptor = klass.__dict__.get(name)
        if descriptor is not None:
            setter = getattr(descriptor, "__set__", None)
            return setter if inspect.ismemberdescriptor(descriptor) else None
    return None


def _eligible(cls: type) -> bool:
    if not dataclasses.is_dataclass(cls) or "__slots__" not in cls.__dict__:
        return False
    params = cls.__dataclass_params__  # type: ignore[attr-defined]
    if not params.frozen or not params.init or hasattr(cls, "__post_init__"):
        return False
    own = cls.__dict__.get("__init__")
    if own is None or getattr(own, "__finmsg_fast__", False) or hasattr(own, "__wrapped__"):
        return False  # inherited init (not generated for this class) or already done
    return all(
        f.init and f.default_factory is dataclasses.MISSING and not isinstance(f.type, dataclasses.InitVar)
        for f in dataclasses.fields(cls)
    )


def _fast_init(cls: type, original: Callable[..., None]) -> Callable[..., None] | None:
    """The replacement ``__init__`` for ``cls``, or None when it cannot be built safely."""
    fields = dataclasses.fields(cls)
    env: dict[str, Any] = {}
    positional: list[str] = []
    keyword: list[str] = []
    body: list[str] = []
    for index, f in enumerate(fields):
        setter = _slot_setter(cls, f.name)
        if setter is None or not f.name.isidentifier():
            return None
        env[f"_s{index}"] = setter
        param = f.name
        if f.default is not dataclasses.MISSING:
            env[f"_d{index}"] = f.default
            param = f"{f.name}=_d{index}"
        (keyword if f.kw_only else positional).append(param)
        body.append(f"    _s{index}(self, {f.name})")
    params = ", ".join(["self", *positional, *(["*", *keyword] if keyword else [])])
    source = f"def __init__({params}) -> None:\n" + ("\n".join(body) or "    pass") + "\n"
    names = [f.name for f in fields]
    if cls.__bases__ == (object,) and len(names) >= _TWIN_MIN_FIELDS and not _TWIN_NAMES & set(names):
        env.update(_osa=object.__setattr__, _twin=_twin_of(cls), _cls=cls)
        body = [
            "    _osa(self, '__class__', _twin)",
            *(f"    self.{name} = {name}" for name in names),
            "    self.__class__ = _cls",  # the twin has object's plain __setattr__: a cheap store
        ]
        source = f"def __init__({params}) -> None:\n" + "\n".join(body) + "\n"
    exec(compile(source, f"<finmsg fast init of {cls.__qualname__}>", "exec"), env)
    init: Callable[..., None] = env["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    init.__finmsg_fast__ = True  # type: ignore[attr-defined]
    if not _same_parameters(init, original):
        return None  # defensive: never change a signature
    return init


#: Below this many fields the two class switches cost more than the plain stores save.
_TWIN_MIN_FIELDS = 4
#: Names the twin init's body uses; a field called so would shadow them (then the setter path serves).
_TWIN_NAMES = frozenset({"_osa", "_twin", "_cls"})


def _twin_of(cls: type) -> type:
    """An unfrozen class with ``cls``'s exact slot layout, so ``__class__`` may switch between them."""
    return type(f"_Unfrozen{cls.__name__}", (object,), {"__slots__": cls.__dict__["__slots__"]})


def _same_parameters(new: Callable[..., None], old: Callable[..., None]) -> bool:
    """Same parameter names, kinds and default objects (annotations aside)."""
    a, b = new.__code__, old.__code__
    count = a.co_argcount + a.co_kwonlyargcount
    return (
        (a.co_argcount, a.co_kwonlyargcount, a.co_flags & 0x0C)
        == (b.co_argcount, b.co_kwonlyargcount, b.co_flags & 0x0C)
        and a.co_varnames[:count] == b.co_varnames[:count]
        and _identical(new.__defaults__, old.__defaults__)
        and _identical(new.__kwdefaults__, old.__kwdefaults__)
    )


def _identical(a: object, b: object) -> bool:
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(x is y for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(a[k] is b[k] for k in a)
    return a is None and b is None


def speed_up_inits(module_name: str) -> None:
    """Give every eligible model dataclass defined in ``module_name`` the fast ``__init__``.

    Called once at the end of each model module. The fast init is built on the
    first construction of each class, not at import: compiling ~90 of them up
    front would cost more start-up time than a first message takes to read.
    Until then a stub stands in, which ``inspect.signature`` sees through
    (``__wrapped__``) to the dataclass signature.
    """
    module = sys.modules[module_name]
    for value in list(vars(module).values()):
        if isinstance(value, type) and value.__module__ == module_name and _eligible(value):
            setattr(value, "__init__", _builder(value, value.__dict__["__init__"]))  # noqa: B010


def _builder(cls: type, original: Callable[..., None]) -> Callable[..., None]:
    def __init__(self: object, *args: Any, **kwargs: Any) -> None:
        init = _fast_init(cls, original) or original
        if cls.__dict__.get("__init__") is __init__:
            setattr(cls, "__init__", init)  # noqa: B010  # mypy forbids assigning a method
        init(self, *args, **kwargs)

    functools.update_wrapper(__init__, original)
    return __init__
