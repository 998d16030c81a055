"""Options of the FIX engine and the one call that frames, tokenises and validates a message.

Why a separate module: the registry hands every call a plain ``Mapping`` of
options; turning it once into a frozen :class:`FixOptions` (dictionary chosen,
overlay applied, QuickFIX switches parsed) keeps the per-message path free of
option handling.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from finmsg.diagnostics import Diagnostic, Result, Severity
from finmsg.errors import ParseError
from finmsg.fix import dictionary as dictionaries
from finmsg.fix.dictionary import Dictionary
from finmsg.fix.tagvalue import DEFAULT_DATA_FIELDS, FixFrame, parse_frame
from finmsg.fix.validate import FixDocument, ValidationOptions, analyse

__all__ = ["FixOptions", "frame_error", "parse_document"]


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
        delim = options.get("delimiter")
        if isinstance(delim, str):
            delim = {"SOH": "\x01", "\\x01": "\x01", "^A": "\x01"}.get(delim, delim).encode("latin-1")
        return cls(
            delimiter=delim,
            encoding=str(options.get("encoding", "utf-8")),
            dictionary=options.get("dictionary"),
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
