"""MT message object → FIN bytes (CRLF, block 3 with the UETR, safe values).

The writer is the mirror of :mod:`finmsg.mt.blocks`: what the parser read,
the writer puts back, so ``parse(write(m)) == m``. It never lets a value
change the structure of the output. Braces, bare CRs, lines that would start
a new field (``:20:``) or end block 4 (``-``), and characters outside the
field's character set are, depending on ``charset_policy``:

* ``"transliterate"`` (default): replaced, one ``charset.transliterated``
  diagnostic per changed character;
* ``"reject"``: a :class:`~finmsg.errors.ConversionError`;
* ``"keep"``: whatever cannot change how a FIN parser cuts the message is
  kept as read (characters outside the set, braces inside block 4, a line
  starting with ``-``), with a warning per field – for reproducing
  third-party input byte for byte. Bare CRs, a line that would start a field
  (``:20:``) or end block 4 (``-}``) are still replaced.

Lines longer than a multi-line field allows (``4*35x``) are wrapped, with a
``mt.writer.wrapped`` warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from finmsg.diagnostics import Diagnostic, Result, Severity
from finmsg.errors import ConversionError, OptionError
from finmsg.mt.charset import charset_of, transliterate_char
from finmsg.mt.fields import FORMATS
from finmsg.mt.message import MtField, MtMessage, Tags

__all__ = ["WriteOptions", "make_user_header", "write_message"]

_CRLF = "\r\n"
_TAG = re.compile(r"[0-9]{2}[A-Z]?\Z")
_SUBTAG = re.compile(r"[A-Za-z0-9]{1,5}\Z")
_HEADER = re.compile(r"[A-Za-z0-9 ]*\Z")
_FIELD_LINE = re.compile(r":[0-9]{2}[A-Z]?:")
_MULTILINE = re.compile(r"<\w+>(\d+)\*(\d+)([xyz])\Z")
_Z_FIELDS = frozenset({"77T", "77E"})
_POLICIES = ("transliterate", "reject", "keep")
#: Bytes a value may hold to be written as it is (:func:`_plain_block4`, :meth:`_Sink.plain_value`),
#: for X fields (``False``) and Z fields (``True``): the set without braces, plus the line break.
#: ``bytes.translate`` deletes them in one C pass; anything left over needs the careful path.
_PLAIN = {
    False: (frozenset(charset_of("x")) - frozenset("{}") | frozenset("\n")),
    True: (frozenset(charset_of("z")) - frozenset("{}") | frozenset("\n")),
}
_PLAIN_BYTES = {z: "".join(sorted(chars)).encode("ascii") for z, chars in _PLAIN.items()}
#: Tag → the line width :meth:`_Sink._wrap` enforces (``_NO_WRAP``: not a narrative field).
_WIDTHS: dict[str, int] = {}
_NO_WRAP = 1 << 62
#: What :func:`_plain_block4` takes: ``MtField`` pairs only.
_ONLY_MTFIELD = {MtField}
#: Tags already checked against ``_TAG`` (bounded; a tag is a few characters).
_GOOD_TAGS: set[str] = set()


def _width(tag: str) -> int:
    """The widest line ``_wrap`` leaves alone for ``tag``."""
    width = _WIDTHS.get(tag)
    if width is None:
        m = _MULTILINE.match(FORMATS.get(tag, ""))
        width = int(m.group(2)) if m else _NO_WRAP
        if len(_WIDTHS) < 4096:
            _WIDTHS[tag] = width
    return width


def _is_plain(text: str, z: bool = False) -> bool:
    """True when every character of ``text`` is in the plain set and no continuation line
    starts with ``:`` or ``-``: such text is written unchanged."""
    return (
        text.isascii()
        and not text.encode("ascii").translate(None, _PLAIN_BYTES[z])
        and "\n:" not in text
        and "\n-" not in text
    )


def _plain_block4(fields: tuple[MtField, ...], wrap: bool) -> str | None:
    """Block 4 (``{4:`` … ``-}``) in one piece when every field is plain, else None.

    Nearly every message written is already clean: known tags, X-set text without braces or
    CRs, no continuation line starting with ``:`` or ``-``, no over-long narrative line. Such a
    body is checked and joined by a few C-level passes over the whole text instead of a Python
    loop per field and character; the output is byte for byte what the careful path gives
    (which also has nothing to report for such a body).
    """
    if not fields or set(map(type, fields)) != _ONLY_MTFIELD:
        return (
            None  # anything but MtField pairs (a longer tuple would be joined whole) takes the careful path
        )
    try:
        tags = [f[0] for f in fields]
        if not _GOOD_TAGS.issuperset(tags) or not _Z_FIELDS.isdisjoint(tags):
            return None
        if not _is_plain("".join([f[1] for f in fields])):
            return None
        if wrap:
            for tag, value in fields:
                width = _width(tag)
                if width != _NO_WRAP and max(map(len, value.split("\n"))) > width:
                    return None
        return ("{4:\n:" + "\n:".join(map(":".join, fields)) + "\n-}").replace("\n", _CRLF)
    except TypeError:  # a value that is not text: the careful path reports it as before
        return None


@dataclass(frozen=True, slots=True)
class WriteOptions:
    """``charset_policy``: ``transliterate`` | ``reject`` | ``keep`` (see module docstring);
    ``wrap``: wrap over-long lines of multi-line fields."""

    charset_policy: str = "transliterate"
    wrap: bool = True


class _Sink:
    def __init__(self, options: WriteOptions, prefix: str) -> None:
        if options.charset_policy not in _POLICIES:  # the caller's (-o) mistake: a usage error
            raise OptionError(
                f"unknown charset_policy {options.charset_policy!r}; one of: {', '.join(sorted(_POLICIES))}",
                code="mt.writer.option",
                path="option charset_policy",
                value=options.charset_policy,
            )
        self.options = options
        self.prefix = prefix
        self.diags: list[Diagnostic] = []

    def change(self, path: str, old: str, new: str, why: str) -> None:
        if self.options.charset_policy == "reject":
            raise ConversionError(f"{why}: {old!r}", code="mt.writer.unsafe", path=path, value=old)
        self.diags.append(
            Diagnostic(
                "charset.transliterated",
                Severity.WARNING,
                f"{why}: {old!r} written as {new!r}",
                path=path,
                original=old,
                emitted=new,
            )
        )

    def plain_value(self, f: MtField) -> str | None:
        """The written value of one field when nothing in it needs care (see :func:`_plain_block4`),
        else None: then :meth:`field_value` does the work."""
        value = f.value
        if not _is_plain(value, f.tag in _Z_FIELDS):
            return None
        if "\n" not in value:
            return value if not self.options.wrap or len(value) <= _width(f.tag) else None
        if self.options.wrap and max(map(len, value.split("\n"))) > _width(f.tag):
            return None
        return value.replace("\n", _CRLF)

    def field_value(self, f: MtField, path: str) -> str:
        value = f.value.replace("\r\n", "\n")
        allowed = charset_of("z" if f.tag in _Z_FIELDS else "x")
        keep = self.options.charset_policy == "keep"
        out: list[str] = []
        kept = False
        for line_no, line in enumerate(value.split("\n")):
            chars = list(line)
            for i, ch in enumerate(chars):
                if ch in allowed and ch not in "{}":
                    continue
                if ch == "\r" or (ch in "{}" and not keep and not (ch == "{" and f.tag in _Z_FIELDS)):
                    new = "(" if ch == "{" else ")" if ch == "}" else " "
                    self.change(path, ch, new, "structural character in a field value")
                    chars[i] = new
                elif keep:
                    kept = True
                else:
                    new = transliterate_char(ch, "z" if f.tag in _Z_FIELDS else "x")
                    self.change(path, ch, new, "character outside the field's character set")
                    chars[i] = new
            text = "".join(chars)
            if line_no > 0 and text[:1] in (":", "-"):
                unsafe = text.startswith("-}") or _FIELD_LINE.match(text) is not None
                if unsafe or not keep:
                    self.change(path, text[0], ".", "a line must not start with ':' or '-'")
                    text = "." + text[1:]
            out.append(text)
        if kept:
            self.diags.append(
                Diagnostic(
                    "mt.writer.charset_kept",
                    Severity.WARNING,
                    "characters outside the field's set kept as read",
                    path=path,
                )
            )
        if self.options.wrap:
            out = self._wrap(f.tag, out, path)
        return _CRLF.join(out)

    def _wrap(self, tag: str, lines: list[str], path: str) -> list[str]:
        m = _MULTILINE.match(FORMATS.get(tag, ""))
        if m is None:
            return lines
        width = int(m.group(2))
        if all(len(line) <= width for line in lines):
            return lines
        wrapped: list[str] = []
        for line in lines:
            while len(line) > width:
                wrapped.append(line[:width])
                line = line[width:]
                if line[:1] in (":", "-"):
                    line = "." + line[1:]
            wrapped.append(line)
        self.diags.append(
            Diagnostic(
                "mt.writer.wrapped",
                Severity.WARNING,
                f"lines longer than {width} characters wrapped",
                path=path,
            )
        )
        if len(wrapped) > int(m.group(1)):
            self.diags.append(
                Diagnostic(
                    "mt.writer.too_many_lines",
                    Severity.ERROR,
                    f"{len(wrapped)} lines exceed the {m.group(1)} allowed",
                    path=path,
                )
            )
        return wrapped

    def tags(self, block: str, tags: Tags) -> str:
        parts: list[str] = []
        for tag, value in tags:
            path = f"{self.prefix}:block{block}/{tag}"
            if not _SUBTAG.match(tag):
                raise ConversionError(f"invalid block {block} tag {tag!r}", code="mt.writer.tag", path=path)
            if value is None:
                parts.append("{" + tag + "}")
                continue
            clean = value
            for ch in set(value):
                if ch in "{}\r\n" or not ch.isprintable():
                    self.change(path, ch, ".", "structural character in a header value")
                    clean = clean.replace(ch, ".")
            parts.append("{" + tag + ":" + clean + "}")
        return "".join(parts)


def _header(raw: str, block: str, prefix: str) -> str:
    if not _HEADER.match(raw):
        raise ConversionError(
            f"block {block} contains characters that are not allowed",
            code="mt.writer.header",
            path=f"{prefix}:block{block}",
            value=raw,
        )
    return raw


def _text(msg: MtMessage, sink: _Sink) -> str:
    prefix = msg.path_prefix
    parts: list[str] = []
    if msg.basic_header is not None:
        parts.append("{1:" + _header(msg.basic_header.raw, "1", prefix) + "}")
    if msg.application_header is not None:
        parts.append("{2:" + _header(msg.application_header.raw, "2", prefix) + "}")
    if msg.user_header is not None:
        parts.append("{3:" + sink.tags("3", msg.user_header) + "}")
    if msg.block4_style == "bare":
        return _bare(msg, sink)
    if msg.block4_style == "tags":
        parts.append("{4:" + sink.tags("4", tuple((f.tag, f.value) for f in msg.fields)) + "}")
    elif msg.block4_style != "none":
        plain = _plain_block4(msg.fields, sink.options.wrap)
        if plain is not None:
            parts.append(plain)
        else:
            parts.append(_block4(msg, sink, prefix))
    if msg.trailer is not None:
        parts.append("{5:" + sink.tags("5", msg.trailer) + "}")
    if msg.system_trailer is not None:
        parts.append("{S:" + sink.tags("S", msg.system_trailer) + "}")
    return "".join(parts)


def _block4(msg: MtMessage, sink: _Sink, prefix: str) -> str:
    """Block 4 field by field: a plain field is written as it is, any other one with care."""
    body: list[str] = ["{4:"]
    counts: dict[str, int] = {}
    for index, f in enumerate(msg.fields, 1):
        if not isinstance(f, MtField):
            raise ConversionError(
                f"field {index} of block 4 is a {type(f).__name__}, not an MtField (tag, value)",
                code="mt.writer.field",
                path=f"{prefix}:block4[{index}]",
            )
        tag = f.tag
        n = counts[tag] = counts.get(tag, 0) + 1
        text = sink.plain_value(f) if tag in _GOOD_TAGS else None
        if text is None:
            path = f"{prefix}:{tag}" if n == 1 else f"{prefix}:{tag}[{n}]"
            if not _TAG.match(tag):
                raise ConversionError(f"invalid field tag {tag!r}", code="mt.writer.tag", path=path)
            if len(_GOOD_TAGS) < 4096:
                _GOOD_TAGS.add(tag)
            text = sink.field_value(f, path)
        body.append(_CRLF + ":" + tag + ":" + text)
    body.append(_CRLF + "-}")
    return "".join(body)


def _bare(msg: MtMessage, sink: _Sink) -> str:
    """A statement-file entry: preamble lines, fields, and the terminator line if it had one."""
    extras = {e.path: e.content for e in msg.extras if e.source == "mt"}
    lines: list[str] = []
    if "preamble" in extras:
        for line in extras["preamble"].split("\n"):
            if _FIELD_LINE.match(line) or line.startswith("-") or "\r" in line:
                raise ConversionError(
                    "statement preamble would inject structure",
                    code="mt.writer.unsafe",
                    path=f"{msg.path_prefix}:preamble",
                    value=line,
                )
            lines.append(line)
    prefix = msg.path_prefix
    for f in msg.fields:
        if not _TAG.match(f.tag):
            raise ConversionError(
                f"invalid field tag {f.tag!r}", code="mt.writer.tag", path=f"{prefix}:{f.tag}"
            )
        lines.append(":" + f.tag + ":" + sink.field_value(f, f"{prefix}:{f.tag}"))
    if extras.get("terminator") in ("-", "-}"):
        lines.append(extras["terminator"])
    return _CRLF.join(lines) + _CRLF


def write_message(msg: MtMessage, options: WriteOptions | None = None) -> Result[bytes]:
    """FIN bytes of ``msg`` (with its ACK in front, when it has one) and the writer's diagnostics."""
    sink = _Sink(options or WriteOptions(), msg.path_prefix)
    text = (_text(msg.ack, sink) if msg.ack is not None else "") + _text(msg, sink)
    try:
        data = text.encode("ascii")
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    return Result(data, sink.diags)


def make_user_header(uetr: str | None = None, **tags: str) -> Tags:
    """Block 3 content in the standard order, e.g. ``make_user_header(uetr, t119="STP")``.

    Keyword names are ``t<tag>`` (``t108`` for the MUR); the UETR goes to tag 121.
    """
    items = {name[1:]: value for name, value in tags.items()}
    if uetr is not None:
        items["121"] = uetr
    return tuple(sorted(items.items(), key=lambda kv: int(kv[0]) if kv[0].isdigit() else 999))
