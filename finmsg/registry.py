"""Format registry: one reader and one writer per format family, looked up by name.

Built-in families register themselves when their package is imported; the
registry imports them lazily on first use so that ``import finmsg`` stays cheap.
Third-party packages add formats through the ``finmsg.formats`` entry-point
group: each entry point names a module that calls :func:`register_format`.
"""

from __future__ import annotations

import difflib
import importlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from finmsg.diagnostics import Diagnostic, Result
from finmsg.errors import OptionError, UnknownFormatError
from finmsg.model.base import Message

__all__ = [
    "DeclaredOption",
    "FormatHandler",
    "OptionDetail",
    "OptionKind",
    "OptionSpec",
    "RawMessage",
    "check_options",
    "declare_options",
    "declared_options",
    "find_target",
    "get_format",
    "load_plugins",
    "register_format",
    "registered_formats",
    "sniff_format",
    "warm_formats",
]

#: Modules that register the built-in families, with the sniffing priority each one's
#: handler declares, in that order. A module missing here is simply skipped.
#: :func:`sniff_format` imports them one at a time and stops at the first match, so an
#: ISO 20022 input never pays for importing the MT, FIX and JSON families (about a
#: quarter of the start-up cost of a first validated message).
_BUILTIN_MODULES: tuple[tuple[str, int], ...] = (
    ("finmsg.iso20022.format", 10),
    ("finmsg.fix.format", 30),
    ("finmsg.mt.format", 100),
    ("finmsg.jsonfmt", 900),
)
_ENTRY_POINT_GROUP = "finmsg.formats"


@dataclass(frozen=True, slots=True)
class RawMessage:
    """One message cut out of an input: its bytes, family, detected type and position."""

    data: bytes
    family: str
    message_type: str
    index: int = 1
    offset: int = 0
    diagnostics: tuple[Diagnostic, ...] = ()


Options = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class FormatHandler:
    """What a format family provides.

    ``sniff`` looks at the start of the input and says whether it is this family.
    ``split`` cuts an input into :class:`RawMessage` (detecting each type).
    ``read`` maps one message to the canonical model; ``validate`` runs every
    validation layer; ``write`` serialises a model for a target name the family
    accepts (``accepts``), e.g. ``pacs.008.001.13`` or ``mt``.

    ``warm`` (optional) pays the family's one-off costs ahead of time — lazy imports,
    dictionaries, compiled schemas or patterns — so that a process about to fork
    workers (see :func:`warm_formats`) pays them once for all of its children.
    """

    family: str
    extension: str
    sniff: Callable[[bytes], bool]
    split: Callable[[bytes, Options], Iterator[RawMessage]]
    read: Callable[[bytes, Options], Result[Message]]
    validate: Callable[[bytes, Options], Result[Message | None]]
    write: Callable[[Message, str, Options], Result[bytes]]
    accepts: Callable[[str], bool]
    priority: int = 100
    aliases: tuple[str, ...] = field(default=())
    warm: Callable[[], None] | None = None


_FORMATS: dict[str, FormatHandler] = {}
_loaded = False
_plugins_loaded = False


def register_format(handler: FormatHandler) -> None:
    """Register (or replace) the handler of a format family."""
    _FORMATS[handler.family] = handler


def _load_builtins() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    for module, _priority in _BUILTIN_MODULES:
        _import_builtin(module)


def _import_builtin(module: str) -> None:
    try:
        importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name != module:
            raise
        return
    _imported.add(module)


#: Built-in family modules whose import has completed: :func:`_sniff_builtins_lazily` does not
#: ask the import system again for them (``import_module`` of a loaded module still costs ~7k
#: machine instructions, a sixth of detecting a message). A missing module is asked again.
_imported: set[str] = set()
#: The handlers of ``_FORMATS`` in sniffing order, and the handlers (in registration order)
#: it was sorted from: re-sorted only when the registrations change.
_order: list[FormatHandler] = []
_order_of: tuple[FormatHandler, ...] = ()


def _by_priority() -> list[FormatHandler]:
    """The registered handlers sorted by priority (stable), cached until a registration changes.

    Why the key is the handlers themselves and not a counter bumped by :func:`register_format`:
    tests (and plugins) may replace or edit ``_FORMATS`` directly; comparing the tuple of its
    values (identical objects compare by identity) still sees every change.
    """
    global _order, _order_of
    current = tuple(_FORMATS.values())
    if current != _order_of:
        _order = sorted(current, key=lambda h: h.priority)
        _order_of = current
    return _order


def load_plugins() -> bool:
    """Import the modules named by ``finmsg.formats`` entry points (once); True if this call did.

    Scanning installed distributions costs tens of milliseconds, so it happens only
    when a lookup finds nothing among the built-in families, or when all formats are listed.
    """
    global _plugins_loaded
    if _plugins_loaded:
        return False
    from finmsg.plugin_scan import may_declare_plugins

    if not may_declare_plugins():  # the usual case: no scan of every distribution's metadata
        _plugins_loaded = True
        return True
    from importlib.metadata import entry_points

    for ep in entry_points(group=_ENTRY_POINT_GROUP):
        ep.load()  # a broken plugin raises here, and again at the next lookup: never half-loaded quietly
    _plugins_loaded = True
    return True


def registered_formats(*, plugins: bool = True) -> list[FormatHandler]:
    """All registered handlers, in sniffing order (plugins included unless ``plugins=False``)."""
    _load_builtins()
    if plugins:
        load_plugins()
    return list(_by_priority())


def get_format(name: str) -> FormatHandler:
    """The handler for a family name (``iso20022``, ``mt``, ``fix``, ``json``) or alias."""
    _load_builtins()
    key = name.lower()
    for attempt in range(2):
        if key in _FORMATS:
            return _FORMATS[key]
        for handler in _FORMATS.values():
            if key in handler.aliases:
                return handler
        if attempt == 0 and not load_plugins():
            break
    raise UnknownFormatError(f"no format registered under {name!r}", value=name)


def find_target(target: str) -> FormatHandler:
    """The handler whose writer accepts ``target`` (``mt103``, ``pacs.008.001.13``, ``json``)."""
    for plugins in (False, True):
        for handler in registered_formats(plugins=plugins):
            if handler.family == target.lower() or handler.accepts(target):
                return handler
    raise UnknownFormatError(f"no writer accepts the target {target!r}", value=target)


def _tried_first(priority: int) -> bool:
    """True when :func:`_sniff_builtins_lazily` imports nothing new before it tries a handler of
    ``priority``: every built-in module of its earlier steps has been imported."""
    for module, step_priority in _BUILTIN_MODULES:
        if priority < step_priority:
            return True
        if module not in _imported:
            return False
    return True


def _sniff_builtins_lazily(data: bytes, skip: FormatHandler | None = None) -> FormatHandler | None:
    """The first match in priority order, importing built-in families only as far as needed.

    Same answer as sniffing every handler in :func:`registered_formats` order: a
    handler is only tried once every built-in family that could precede it (by the
    priorities declared in :data:`_BUILTIN_MODULES`) has been imported.
    """
    tried: set[str] = set() if skip is None else {skip.family}  # ``skip`` said no already
    for module, priority in (*_BUILTIN_MODULES, ("", 1 << 30)):
        for handler in _by_priority():
            if handler.priority >= priority:
                break
            if handler.family not in tried:
                tried.add(handler.family)
                if handler.sniff(data):
                    return handler
        if module and module not in _imported:
            _import_builtin(module)
    return None


def sniff_format(data: bytes) -> FormatHandler:
    """The first registered family that recognises ``data``.

    The handler that sniffs first (the lowest priority, ISO 20022 among the built-ins) is
    tried straight away when the full procedure would try it first too (every built-in
    module that procedure imports before it is imported already); most inputs stop there.
    """
    order = _by_priority()
    first = order[0] if order else None
    if first is not None and _tried_first(first.priority):
        if first.sniff(data):
            return first
    else:
        first = None
    if not _loaded:
        found = _sniff_builtins_lazily(data, first)
        if found is not None:
            return found
    for plugins in (False, True):
        for handler in registered_formats(plugins=plugins):
            if handler is not first and handler.sniff(data):  # ``first`` said no already
                return handler
    head = data[:40].decode("latin-1", "replace")
    raise UnknownFormatError(f"input is not a recognised message format (starts {head!r})", value=head)


def warm_formats(*, plugins: bool = True) -> list[str]:
    """Import every registered family and run each handler's ``warm`` hook; the families warmed.

    Why: a batch coordinator calls this before forking its workers, so that one-off costs
    are paid once and the pages are shared, instead of paid again in every worker for each
    family it meets. A hook that fails is skipped, and so is a plugin that fails to load:
    warming is only ahead-of-time work, and the same failure is met — and reported per
    message — when a message needs that family.
    """
    warmed = []
    try:
        handlers = registered_formats(plugins=plugins)
    except Exception:  # a broken plugin: the built-in families are still warmed, the lookup reports it
        handlers = registered_formats(plugins=False)
    for handler in handlers:
        if handler.warm is None:
            continue
        try:
            handler.warm()
        except Exception:  # reported where a message meets it, not here
            continue
        warmed.append(handler.family)
    return warmed


#: What an option's value is, in the words an error message uses.
OptionKind = Literal["text", "bool", "int", "choice", "datetime", "object"]
_KIND_TEXT: dict[str, str] = {
    "text": "text",
    "bool": "true or false",
    "int": "a whole number",
    "choice": "one of a fixed set of values",
    "datetime": "a datetime",
    "object": "an options object",
}


@dataclass(frozen=True, slots=True)
class OptionDetail:
    """What one declared key takes and does: its ``help``, its ``kind``, and ``choices``.

    Why optional, next to the plain names of :class:`OptionSpec`: a layer that declares only
    names still works (its keys are listed as ``text`` with no help). ``choices`` (compared
    without regard to case) are checked by :func:`check_options` on every call, library
    included, since that check is static and cheap: a value outside them would otherwise be
    warned about per message, or silently replaced by a default. ``library_only``: the key
    takes a Python object (a datetime, an options object) that ``-o KEY=VALUE`` text cannot
    be, so the command line neither offers it nor accepts it.
    """

    key: str
    help: str = ""
    kind: OptionKind = "text"
    choices: tuple[str, ...] = ()
    library_only: bool = False


@dataclass(frozen=True, slots=True)
class OptionSpec:
    """The options (``-o KEY=VALUE``) one layer understands: a format family, or the translator.

    Why declared: options reach every reader, writer and the translator as one plain mapping,
    and each picks the keys it knows, so a misspelt key would be ignored without a word.
    ``read`` are the names splitting, reading and validating use; ``write`` the names the
    writer (or translator) uses; ``check`` raises :class:`~finmsg.errors.OptionError` for a
    value the layer cannot use (it looks only at its own keys), before any message is read.
    ``details`` describe some of those keys (:class:`OptionDetail`): help, kind, choices.
    """

    read: frozenset[str] = frozenset()
    write: frozenset[str] = frozenset()
    check: Callable[[Options], None] | None = None
    details: tuple[OptionDetail, ...] = ()
    #: The details that declare choices (derived): :func:`check_options` runs once per converted
    #: message that has options, and most layers declare none, so it skips them at one look.
    choices: tuple[OptionDetail, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "choices", tuple(d for d in self.details if d.choices))


@dataclass(frozen=True, slots=True)
class DeclaredOption:
    """One declared key of one layer, as :func:`declared_options` lists it.

    ``side`` is ``read`` (splitting, reading, validating) or ``write`` (writing, translating);
    ``cli`` says whether the command line's ``-o KEY=VALUE`` may set it.
    """

    layer: str
    key: str
    side: Literal["read", "write"]
    kind: OptionKind
    choices: tuple[str, ...]
    help: str
    cli: bool


_OPTION_SPECS: dict[str, OptionSpec] = {}
_NO_OPTIONS = OptionSpec()
_NONE: Mapping[str, OptionDetail] = {}


def declare_options(layer: str, spec: OptionSpec) -> None:
    """Declare options of ``layer``: a family name (``mt``) or another layer (``translate``).

    A second declaration for the same layer adds to the first (a plugin mapping may add
    translator options next to the built-in ones); both value checks run, and a key it
    describes again takes the later :class:`OptionDetail`. A layer that declares nothing (a
    plugin family written before this hook) is open: any key may reach it, so a command that
    can reach such a layer does not refuse unknown keys.
    """
    old = _OPTION_SPECS.get(layer)
    if old is not None:
        first, second = old.check, spec.check
        check = first if second is None else second if first is None else _both(first, second)
        keys = {detail.key for detail in spec.details}
        details = tuple(d for d in old.details if d.key not in keys) + spec.details
        spec = OptionSpec(old.read | spec.read, old.write | spec.write, check, details)
    _OPTION_SPECS[layer] = spec


def declared_options(layers: Iterable[str] | None = None) -> list[DeclaredOption]:
    """Every declared key of ``layers`` (all declared layers, by name, when None), one entry per
    layer and side: layer by layer, ``read`` before ``write``, keys sorted without regard to case.

    The public view of the declarations, for help pages and documentation: a key a layer
    declares without an :class:`OptionDetail` is listed as ``text`` with no help, unless it
    takes a whole options object by the naming convention (:func:`_object_options`).
    """
    _load_builtins()  # each built-in family declares its options when its module is imported
    specs = _OPTION_SPECS
    objects = _object_options(specs)
    found: list[DeclaredOption] = []
    for layer in sorted(specs) if layers is None else layers:
        spec = specs.get(layer)
        if spec is None:
            continue
        details = {detail.key: detail for detail in spec.details}
        sides: tuple[tuple[Literal["read", "write"], frozenset[str]], ...] = (
            ("read", spec.read),
            ("write", spec.write),
        )
        for side, names in sides:
            for key in sorted(names, key=str.lower):
                detail = details.get(key) or OptionDetail(key, kind="object" if key in objects else "text")
                kind: OptionKind = "choice" if detail.choices and detail.kind == "text" else detail.kind
                cli = not (detail.library_only or key in objects)
                found.append(DeclaredOption(layer, key, side, kind, detail.choices, detail.help, cli))
    return found


def _object_options(specs: Mapping[str, OptionSpec]) -> frozenset[str]:
    """The declared names that take a whole options object rather than one value: by convention
    the layer's own name or ``<layer>_options`` (``mt`` holds a ``ParseOptions``, ``fix_options``
    a ``FixOptions``).

    Why: a library caller may pass one (``finmsg.parse(data, mt=ParseOptions(...))``), so the
    library's messages list them, but ``-o KEY=VALUE`` only ever gives text, so the command
    line's "understands" list must not offer them: a user cannot set them there.
    """
    return frozenset(
        name
        for layer, spec in specs.items()
        for name in (layer, f"{layer}_options")
        if name in spec.read or name in spec.write
    )


def _library_only(specs: Mapping[str, OptionSpec]) -> dict[str, OptionDetail]:
    """The keys text cannot set: declared ``library_only``, or an options object by convention."""
    found = {key: OptionDetail(key, kind="object", library_only=True) for key in _object_options(specs)}
    for spec in specs.values():
        found.update((d.key, d) for d in spec.details if d.library_only)
    return found


def _both(first: Callable[[Options], None], second: Callable[[Options], None]) -> Callable[[Options], None]:
    def check(options: Options) -> None:
        first(options)
        second(options)

    return check


def check_options(
    options: Options,
    *,
    read: Iterable[str] = (),
    write: Iterable[str] = (),
    where: str = "this command",
    values: bool = True,
    text: bool = False,
) -> Options:
    """Refuse, with :class:`~finmsg.errors.OptionError`, an option that none of the named layers
    understands, a value outside a key's declared choices, or (``values=True``) a value one of
    them cannot use; return the options with each declared choice in its declared spelling.

    Choices match without regard to case, and this is the one place that says so: a value
    given in another case (``REJECT``) is replaced by the declared one (``reject``) in
    ``options`` itself when it is a dict (the library's keyword arguments, the command line's
    ``-o`` pairs), else in the copy returned, so the layers' own checks and every reader and
    writer see one spelling (the MT writer compared exactly and refused what this accepted).

    ``read`` names the layers whose reading options apply (the families an input may be),
    ``write`` those whose writing options apply (the target family, ``translate``); ``where``
    names the command in the message. The error names the key, its value and what is accepted.
    ``values=False`` skips the layers' value checks (for a caller on a per-message path: the
    readers and writers refuse an unusable value themselves, when they meet it), but not the
    declared choices: that check costs little, and a value outside them would otherwise only
    be warned about per message, or silently replaced by a default. ``text=True``: the values
    come from a command line, so a library-only key (:func:`_library_only`) is refused as such,
    and the list of accepted names leaves those keys out.
    """
    if not options:
        return options
    _load_builtins()  # each built-in family declares its options when its module is imported
    read, write = tuple(read), tuple(write)
    reached = _reached(read, write)
    known, specs, writers = reached.known, reached.specs, reached.writers
    library_only: Mapping[str, OptionDetail] = _library_only(_OPTION_SPECS) if text else _NONE
    if text:
        for key, value in options.items():
            if key in library_only:
                _refuse_library_only(library_only[key], value)
    # an undeclared (plugin) layer may take any key: then only the values are checked
    for key, value in () if reached.open else options.items():
        if key in known:
            continue
        listed = known - library_only.keys()
        close = difflib.get_close_matches(key, listed, n=1)
        hint = f"; did you mean {close[0]}?" if close else ""
        accepted = ", ".join(sorted(listed, key=str.lower)) or "no option"
        raise OptionError(
            f"unknown option {key}={value!r}{hint} ({where} understands: {accepted})",
            code="option.unknown",
            path=f"option {key}",
            value=key,
        )
    spelled: dict[str, str] = {}
    for spec in specs:
        if spec.choices:
            _check_choices(options, spec.choices, spec.read, spelled)
    for spec in writers:
        if spec.choices:
            _check_choices(options, spec.choices, spec.write, spelled)
    if spelled:
        if isinstance(options, dict):
            options.update(spelled)
        else:
            options = {**options, **spelled}
    if values:
        for spec in dict.fromkeys(specs + writers):
            if spec.check is not None:
                spec.check(options)
    return options


@dataclass(frozen=True, slots=True)
class _Reached:
    """What :func:`check_options` needs to know about one (read layers, write layers) pair."""

    current: tuple[OptionSpec | None, ...]  # the layers' specs as found (None: undeclared, open)
    specs: tuple[OptionSpec, ...]  # the read layers' specs
    writers: tuple[OptionSpec, ...]  # the write layers' specs
    known: frozenset[str]  # the names they understand
    open: bool  # a layer declares nothing: any name may reach it


#: (read layers, write layers) -> :class:`_Reached`. Why: :func:`check_options` runs once per
#: translated message of a batch run with options, and the union of some forty names was most
#: of its cost. An entry is used only while the layers' specs are the very objects it was built
#: from (a declaration, or a test editing ``_OPTION_SPECS`` directly, replaces them): never stale.
_REACHED: dict[tuple[tuple[str, ...], tuple[str, ...]], _Reached] = {}


def _reached(read: tuple[str, ...], write: tuple[str, ...]) -> _Reached:
    current = tuple(map(_OPTION_SPECS.get, (*read, *write)))
    cached = _REACHED.get((read, write))
    if cached is not None and cached.current == current:  # identical specs: compared by identity first
        return cached
    n = len(read)
    specs = tuple(_NO_OPTIONS if spec is None else spec for spec in current[:n])
    writers = tuple(_NO_OPTIONS if spec is None else spec for spec in current[n:])
    known = frozenset(name for spec in specs for name in spec.read) | frozenset(
        name for spec in writers for name in spec.write
    )
    if len(_REACHED) >= 64:  # a bound, should a caller name ever-new combinations of layers
        _REACHED.clear()
    found = _REACHED[(read, write)] = _Reached(current, specs, writers, known, None in current)
    return found


def _refuse_library_only(detail: OptionDetail, value: Any) -> None:
    """A command line gave text for a key that takes a Python object: say why it cannot."""
    what = f" ({detail.help})" if detail.help else ""
    raise OptionError(
        f"option {detail.key} takes {_KIND_TEXT[detail.kind]}: a library-only option{what}; "
        f"the command line cannot set it (-o {detail.key}={value!r})",
        code="option.library_only",
        path=f"option {detail.key}",
        value=detail.key,
    )


def _check_choices(
    options: Options, details: tuple[OptionDetail, ...], names: frozenset[str], spelled: dict[str, str]
) -> None:
    """Refuse a value outside the declared choices of a key the reached layer uses on this side
    (the same key may have choices in one layer and be free text in another: each declaring
    layer's choices must hold). ``None`` means the default and is not checked. A text value
    that matches a choice in another case is put in ``spelled`` with the declared spelling
    (a value that is not text, and matches as text, is left as the caller gave it)."""
    for detail in details:
        value = options.get(detail.key)
        if value is None or detail.key not in names or value in detail.choices:
            continue
        folded = str(value).casefold()
        match = next((choice for choice in detail.choices if choice.casefold() == folded), None)
        if match is not None:
            if isinstance(value, str):
                spelled[detail.key] = match
            continue
        raise OptionError(
            f"option {detail.key} takes one of {', '.join(detail.choices)}, not {value!r}",
            code="option.choice",
            path=f"option {detail.key}",
            value=value,
        )
