"""Extension points of the batch pipeline: processors, exporters, validation rules, mappings.

Third-party packages plug in through entry points (declared in their packaging
metadata, e.g. ``[project.entry-points."finmsg.processors"]`` in pyproject):

``finmsg.formats``
    a module that calls :func:`finmsg.registry.register_format` (loaded by the registry),
    and, so that a misspelt ``-o`` key is refused, :func:`finmsg.registry.declare_options`
    with the option names its family reads and writes (a family that declares nothing
    accepts any key).
``finmsg.mappings``
    a module imported before conversions start; it registers translation rules
    with :mod:`finmsg.translate`, and may add translator options with
    ``declare_options("translate", ...)`` (declarations of one layer add up).
``finmsg.processors``
    ``name = "pkg.mod:function"``; ``--processor name`` applies
    ``function(message) -> Message | None`` between reading and writing: return
    an enriched or redacted copy, or ``None`` to skip the message (the ledger
    counts it under ``skipped``). ``--processor pkg.mod:function`` works without
    any entry point.
``finmsg.exporters``
    ``name = "pkg.mod:EXPORTER"``; an object with ``name``, ``extension`` and
    ``export(items) -> bytes`` (the :class:`finmsg.etl.Exporter` protocol) that
    becomes a ``--to name`` target.
``finmsg.rules``
    ``name = "pkg.mod:function"``; ``function(message) -> Iterable[Diagnostic]``
    runs on every message in a batch; an ``error`` finding quarantines the message.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, cast

from finmsg.diagnostics import Diagnostic
from finmsg.errors import ConversionError, FinmsgError
from finmsg.model.base import Message
from finmsg.model.serialize import to_data
from finmsg.plugin_scan import may_declare_plugins

__all__ = [
    "BUILTIN_EXPORTER_NAMES",
    "EXPORTER_GROUP",
    "MAPPING_GROUP",
    "PROCESSOR_GROUP",
    "RULE_GROUP",
    "Processor",
    "Rule",
    "find_exporter",
    "load_mappings",
    "load_processor",
    "load_rules",
]

PROCESSOR_GROUP = "finmsg.processors"
EXPORTER_GROUP = "finmsg.exporters"
RULE_GROUP = "finmsg.rules"
MAPPING_GROUP = "finmsg.mappings"

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

    from finmsg.etl.writers import Exporter

Processor = Callable[[Message], "Message | None"]
Rule = Callable[[Message], Iterable[Diagnostic]]

#: The ``--to`` names of :data:`finmsg.etl.writers.BUILTIN_EXPORTERS` (a test keeps the two equal).
#: Why a copy: :mod:`finmsg.etl` loads the row schema and every model it flattens, a start-up
#: cost every run paid to learn that ``--to json`` is not one of these three names.
BUILTIN_EXPORTER_NAMES = frozenset({"jsonl", "csv", "parquet"})


#: The installed entry points (every group), and the ``sys.path`` they were scanned under.
_SCANNED: list[tuple[tuple[str, ...], Any]] = []  # (sys.path, EntryPoints or None: none declared)


def entry_points() -> Any:
    """Every installed entry point (whatever ``importlib.metadata.entry_points()`` gives: its
    ``select(group=...)`` is used). :mod:`importlib.metadata` is imported here, when a scan is
    due: importing it costs about twice what one scan does (about 60M instructions)."""
    from importlib.metadata import entry_points as scan

    return scan()


def _group(name: str) -> list[EntryPoint]:
    """The entry points of group ``name``, from one scan of the installed distributions.

    Why: each ``entry_points(group=...)`` call reads the metadata of every installed
    distribution (tens of milliseconds with a few hundred), and a batch run asked four
    groups, some twice, in its serial start-up. The scan is redone when ``sys.path``
    changes (a plugin folder added at run time is seen, as before). When no installed
    distribution declares a ``finmsg.*`` group at all (:func:`~finmsg.plugin_scan.may_declare_plugins`: the
    usual case), there is nothing to scan for.
    """
    path = tuple(sys.path)
    if not _SCANNED or _SCANNED[0][0] != path:
        found = entry_points() if may_declare_plugins() else None
        _SCANNED[:] = [(path, found)]  # every group; ``select`` then filters without a rescan
    scanned = _SCANNED[0][1]
    return [] if scanned is None else list(scanned.select(group=name))


def _plugin_error(message: str, value: str) -> FinmsgError:
    return FinmsgError(message, code="batch.plugin", value=value)


def load_processor(spec: str) -> Processor:
    """``module:function`` or the name of a ``finmsg.processors`` entry point."""
    if ":" in spec:
        module_name, _, attr = spec.partition(":")
        try:
            target: Any = importlib.import_module(module_name)
            for part in attr.split("."):
                target = getattr(target, part)
        except (ImportError, AttributeError) as exc:
            raise _plugin_error(f"cannot load processor {spec!r}: {exc}", spec) from None
    else:
        matches = [ep for ep in _group(PROCESSOR_GROUP) if ep.name == spec]
        if not matches:
            raise _plugin_error(f"no processor named {spec!r} (use module:function)", spec)
        target = matches[0].load()
    if not callable(target):
        raise _plugin_error(f"processor {spec!r} is not callable", spec)
    return _keeping_model_types(cast(Processor, target), spec)


def _keeping_model_types(processor: Processor, spec: str) -> Processor:
    """``processor``, refusing a returned model that breaks the model's value types.

    Why: a processor is user code, and it could put a float where the model holds a
    Decimal amount (or any object no writer knows). The readers never do, so the JSON
    writer lets orjson walk models directly, and orjson would print such a float as a
    number. Checking the processor's output with :func:`to_data` here keeps the old,
    strict rule for every target: the message is quarantined with a ``batch.processor``
    reason instead of being written.
    """

    def checked(model: Message) -> Message | None:
        try:
            out = processor(model)
        except Exception as exc:  # user code: its failure is named as the processor's, not finmsg's
            raise FinmsgError(
                f"processor {spec!r} raised {type(exc).__name__}: {exc}", code="batch.processor", value=spec
            ) from exc
        if out is not None and not isinstance(out, Message):
            raise FinmsgError(
                f"processor {spec!r} returned a {type(out).__name__}, not a finmsg model (or None to skip)",
                code="batch.processor",
                value=spec,
            )
        if out is not None:
            try:
                to_data(out)
            except (TypeError, ConversionError) as exc:  # ConversionError: a NaN or float amount
                raise FinmsgError(
                    f"processor {spec!r} returned a model that breaks the model's types: {exc}",
                    code="batch.processor",
                    path=getattr(exc, "path", None),
                    value=spec,
                ) from None
        return out

    return checked


def find_exporter(name: str) -> Exporter | None:
    """The built-in or plugin exporter called ``name``, or ``None``."""
    key = name.lower()
    if key in BUILTIN_EXPORTER_NAMES:
        from finmsg.etl.writers import BUILTIN_EXPORTERS

        return BUILTIN_EXPORTERS[key]
    for ep in _group(EXPORTER_GROUP):
        if ep.name == key:
            return cast("Exporter", ep.load())
    return None


def load_rules() -> list[tuple[str, Rule]]:
    """Every ``finmsg.rules`` plugin, sorted by name so runs are deterministic."""
    found = sorted(_group(RULE_GROUP), key=lambda ep: ep.name)
    return [(ep.name, cast(Rule, ep.load())) for ep in found]


def load_mappings() -> None:
    """Import every ``finmsg.mappings`` module (they register themselves)."""
    for ep in _group(MAPPING_GROUP):
        ep.load()
