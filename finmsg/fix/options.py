"""Options of the FIX engine and the one call that frames, tokenises and validates a message.

Why a separate module: the registry hands every call a plain ``Mapping`` of
options; turning it once into a frozen :class:`FixOptions` (dictionary chosen,
overlay applied, QuickFIX switches parsed) keeps the per-message path free of
option handling.
"""

from __future__ import annotations

import codecs
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from finmsg.diagnostics import Diagnostic, Result, Severity
from finmsg.errors import OptionError, ParseError
from finmsg.fix import dictionary as dictionaries
from finmsg.fix.dictionary import Dictionary
from finmsg.fix.tagvalue import DEFAULT_DATA_FIELDS, FixFrame, _as_delim, _check_encoding, parse_frame
from finmsg.fix.validate import FixDocument, ValidationOptions, analyse

__all__ = ["FixOptions", "check_options", "frame_error", "parse_document"]


#: FixOptions per distinct options mapping (see :meth:`FixOptions.from_mapping`); bounded.
_FROM_MAPPING: dict[tuple[tuple[str, Any], ...], FixOptions] = {}


@dataclass(frozen=True, slots=True)
class FixOptions:
    """How to read FIX: delimiter (``None`` = detect), encoding, dictionary choice, switches.

    ``dictionary`` is a bundled version (``FIX.4.4``), a path to a QuickFIX XML file
    or a :class:`Dictionary`; ``None`` picks the dictionary from BeginString (and
    ApplVerID for FIXT). ``overlay`` is a QuickFIX-format XML file of additions.
    """

    delimiter: bytes | None = None
    encoding: str = "utf-8"
    dictionary: Dictionary | str | Path | None = None
    overlay: str | Path | None = None
    validation: ValidationOptions = field(default_factory=ValidationOptions)

    @classmethod
    def from_mapping(cls, options: FixOptions | Mapping[str, Any] | None) -> FixOptions:
        """Build from registry/CLI options: delimiter, encoding, dictionary, overlay, QuickFIX switches."""
        if isinstance(options, FixOptions):
            return options
        options = options or {}
        if isinstance(options.get("fix_options"), FixOptions):
            return options["fix_options"]  # type: ignore[no-any-return]
        # A batch passes the same mapping for every message: building (and checking) the
        # options again per message was a sixth of a FIX read. Equal mappings give equal
        # (frozen) options, so one instance per distinct mapping serves them all.
        key: tuple[tuple[str, Any], ...] | None
        try:
            key = tuple(options.items())
            found = _FROM_MAPPING.get(key)
        except TypeError:  # an unhashable value: build it every time
            key, found = None, None
        if found is not None:
            return found
        built = cls._build(options)
        if key is not None and len(_FROM_MAPPING) < 64:
            _FROM_MAPPING[key] = built
        return built

    @classmethod
    def _build(cls, options: Mapping[str, Any]) -> FixOptions:
        delim = options.get("delimiter")
        if isinstance(delim, str):
            delim = {"SOH": "\x01", "\\x01": "\x01", "^A": "\x01"}.get(delim, delim).encode("latin-1")
        encoding = str(options.get("encoding", "utf-8"))
        if encoding != "utf-8":
            _usable_encoding(encoding)
        dictionary = options.get("dictionary")
        if isinstance(dictionary, str) and not dictionary.lower().endswith(".xml"):
            _bundled_dictionary(dictionary)
        return cls(
            delimiter=delim,
            encoding=encoding,
            dictionary=dictionary,
            overlay=options.get("overlay"),
            validation=ValidationOptions.from_mapping(options),
        )

    def dictionary_for(
        self, begin_string: str, appl_ver_id: str | None = None, msg_type: str = ""
    ) -> Dictionary:
        """The dictionary for one message, with the overlay applied (both cached)."""
        base = self.dictionary
        if isinstance(base, Dictionary):
            dic = base
        elif base is None:
            dic = dictionaries.for_message(
                begin_string, appl_ver_id, self.validation.DefaultApplVerID, msg_type
            )
        elif isinstance(base, Path) or (isinstance(base, str) and base.lower().endswith(".xml")):
            dic = dictionaries.load_file(base)
        else:
            dic = dictionaries.load(str(base))
        if self.overlay is not None:
            dic = _with_overlay(dic, str(self.overlay))
        return dic


def _usable_encoding(encoding: str) -> None:
    """An encoding that cannot frame FIX is the caller's (``-o encoding=``) mistake: an OptionError."""
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise OptionError(
            f"unknown encoding {encoding!r}; e.g. utf-8, latin-1, cp1252, shift_jis",
            code="fix.option.encoding",
            path="option encoding",
            value=encoding,
        ) from None
    try:
        _check_encoding(encoding)
    except ParseError as exc:
        raise OptionError(
            f"{exc.message}; e.g. utf-8, latin-1, cp1252, shift_jis",
            code="fix.option.encoding",
            path="option encoding",
            value=encoding,
        ) from None


def _bundled_dictionary(name: str) -> None:
    """A dictionary name that is no bundled version (and no ``.xml`` path) is an OptionError."""
    try:
        dictionaries.version_name(name)
    except ParseError as exc:
        raise OptionError(
            exc.message, code="fix.option.dictionary", path="option dictionary", value=name
        ) from None


def check_options(options: Mapping[str, Any]) -> None:
    """Refuse a FIX option value no message can use, before any is read (the command line's check).

    Beyond what :meth:`FixOptions.from_mapping` refuses on every call (switch values, an
    encoding or a dictionary name no message can use), this looks at the file system once:
    a dictionary or overlay file that does not exist, and a ``DefaultApplVerID`` that names
    no version.
    """
    given = options.get("fix_options")
    if given is not None and not isinstance(given, FixOptions):
        raise OptionError(
            f"option fix_options takes a FixOptions object (library use), not {given!r}",
            path="option fix_options",
            value=given,
        )
    opts = FixOptions.from_mapping({k: v for k, v in options.items() if k != "fix_options"})
    if opts.delimiter is not None:
        _as_delim(opts.delimiter)
    dictionary = opts.dictionary
    custom = isinstance(dictionary, (str, Path)) and str(dictionary).lower().endswith(".xml")
    if custom and not Path(str(dictionary)).is_file():
        raise OptionError(
            f"dictionary file {str(dictionary)!r} does not exist (a bundled version is named "
            "without .xml, e.g. FIX.4.4)",
            code="fix.option.dictionary",
            path="option dictionary",
            value=str(dictionary),
        )
    overlay = opts.overlay
    if overlay is not None and str(overlay).lower() not in BUNDLED_OVERLAYS and not Path(overlay).is_file():
        raise OptionError(
            f"overlay {str(overlay)!r} is neither a bundled overlay ({', '.join(sorted(BUNDLED_OVERLAYS))}) "
            "nor an existing QuickFIX XML file",
            code="fix.option.overlay",
            path="option overlay",
            value=str(overlay),
        )
    appl = opts.validation.DefaultApplVerID
    if appl not in dictionaries.APPL_VER_IDS:
        known = ", ".join(f"{code} ({stem})" for code, stem in dictionaries.APPL_VER_IDS.items())
        raise OptionError(
            f"option DefaultApplVerID must be an ApplVerID code, not {appl!r}; one of: {known}",
            code="fix.option.applverid",
            path="option DefaultApplVerID",
            value=appl,
        )


_OVERLAYS: dict[tuple[int, str], Dictionary] = {}


#: Overlays shipped with finmsg, by short name.
BUNDLED_OVERLAYS: Mapping[str, str] = {"mifid2": "FIX44-MiFIDII.xml", "fix44-mifidii": "FIX44-MiFIDII.xml"}


def _with_overlay(dic: Dictionary, overlay: str) -> Dictionary:
    bundled = BUNDLED_OVERLAYS.get(overlay.lower())
    if bundled is not None:
        overlay = str(resources.files("finmsg") / "data" / "fix" / "overlays" / bundled)
    key = (id(dic), overlay)
    cached = _OVERLAYS.get(key)
    if cached is None:
        cached = _OVERLAYS[key] = dic.with_overlay(overlay)
    return cached


def frame_error(exc: ParseError) -> Diagnostic:
    """A framing failure as an error diagnostic (QuickFIX drops such messages without a reject)."""
    return Diagnostic(
        exc.code,
        Severity.ERROR,
        exc.message,
        path=exc.path,
        original=None if exc.value is None else str(exc.value),
    )


def _data_fields(opts: FixOptions, data: bytes) -> Mapping[int, int]:
    if isinstance(opts.dictionary, Dictionary):
        return opts.dictionary.data_fields
    return DEFAULT_DATA_FIELDS


def parse_document(
    data: bytes, options: FixOptions | Mapping[str, Any] | None = None
) -> Result[FixDocument | None]:
    """Frame, tokenise and validate one message; framing failures become diagnostics."""
    opts = options if isinstance(options, FixOptions) else FixOptions.from_mapping(options)
    try:
        frame: FixFrame = parse_frame(
            data,
            delimiter=opts.delimiter,
            data_fields=_data_fields(opts, data),
            encoding=opts.encoding,
            verify=opts.validation.ValidateLengthAndChecksum,
        )
    except ParseError as exc:
        return Result(None, [frame_error(exc)])
    appl = None
    if frame.begin_string.startswith("FIXT"):
        appl = next((v for t, v in frame.fields if t == 1128), None)
    try:
        dic = (
            opts.dictionary_for(frame.begin_string, appl, frame.msg_type)
            if opts.validation.UseDataDictionary
            else None
        )
    except ParseError as exc:
        return Result(None, [frame_error(exc)])
    doc, diags = analyse(frame, dic, opts.validation)
    return Result(doc, diags)
