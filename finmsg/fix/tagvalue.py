"""FIX tag=value tokenizer and framing, linear in the size of the input.

Why this module exists: simplefix grows its buffer with ``bytes +=`` and
rescans it, so many messages in one buffer cost quadratic time, and it checks
neither BodyLength nor CheckSum. Here a buffer (or a file, read in chunks) is
cut into frames in one forward pass, using BodyLength to jump over the body
(so length-prefixed data fields may contain the delimiter), and each frame is
tokenised by C-level ``split`` after one anchored regex has proved that the
frame is well formed.

The token layer is lossless: an ordered list of ``(tag, value)`` pairs with the
values decoded with ``surrogateescape`` (undecodable bytes survive a round trip).
Framing failures raise :class:`finmsg.errors.ParseError` with a ``fix.frame.*``
code; content errors (unknown tags, bad values) are the validator's business.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import cache
from operator import itemgetter
from typing import BinaryIO, NamedTuple

from finmsg.errors import LimitExceededError, OptionError, ParseError

__all__ = [
    "DEFAULT_DATA_FIELDS",
    "SOH",
    "FixFrame",
    "RawFrame",
    "checksum",
    "detect_delimiter",
    "iter_file",
    "iter_frames",
    "parse_frame",
    "tokenize",
]

SOH = b"\x01"

#: Length field -> data field it prefixes, as defined by FIX 4.x/5.0 (``LENGTH`` then ``DATA``).
#: Used when no dictionary is given; :mod:`finmsg.fix.dictionary` derives the full map.
DEFAULT_DATA_FIELDS: Mapping[int, int] = {
    90: 91,
    93: 89,
    95: 96,
    212: 213,
    348: 349,
    350: 351,
    352: 353,
    354: 355,
    356: 357,
    358: 359,
    360: 361,
    362: 363,
    364: 365,
    445: 446,
    618: 619,
    621: 622,
    1277: 1278,
    1401: 1402,
    1525: 1527,
}

#: Hard cap on one message; a larger "message" is treated as an attack or corrupt input.
MAX_MESSAGE_BYTES = 16 * 1024 * 1024
_BEGIN = b"8=FIX"
_TAG = re.compile(rb"-?[0-9]+")


class RawFrame(NamedTuple):
    """One message cut out of a buffer: its bytes, byte offset, log prefix and delimiter.

    A named tuple rather than a frozen dataclass: one is created per message of a log,
    and tuple construction is several times cheaper.
    """

    data: bytes
    offset: int
    prefix: str = ""
    delimiter: bytes = SOH


class FixFrame:
    """A tokenised message: ordered ``(tag, value)`` pairs plus framing facts.

    The tokenizer produces the tags and the values as two parallel sequences; the
    ``(tag, value)`` pairs of :attr:`fields` are only built when someone asks, because
    the shape-cached validator never needs them (tuple creation was a tenth of the cost).
    """

    __slots__ = (
        "_fields",
        "begin_string",
        "body_length",
        "checksum",
        "delimiter",
        "msg_type",
        "offset",
        "prefix",
        "tags",
        "values",
    )

    def __init__(
        self,
        fields: list[tuple[int, str]] | None,
        begin_string: str,
        msg_type: str,
        body_length: int,
        checksum: int,
        delimiter: bytes = SOH,
        prefix: str = "",
        offset: int = 0,
        tags: tuple[int, ...] = (),
        values: Sequence[str] = (),
    ) -> None:
        self._fields = fields
        self.begin_string = begin_string
        self.msg_type = msg_type
        self.body_length = body_length
        self.checksum = checksum
        self.delimiter = delimiter
        self.prefix = prefix
        self.offset = offset
        self.tags = tags
        self.values = values

    @property
    def fields(self) -> list[tuple[int, str]]:
        """The ``(tag, value)`` pairs in message order (built on first use)."""
        fields = self._fields
        if fields is None:
            fields = self._fields = list(zip(self.tags, self.values, strict=True))
        return fields

    @fields.setter
    def fields(self, value: list[tuple[int, str]]) -> None:
        self._fields = value

    def _key(self) -> tuple[object, ...]:
        return (
            self.fields,
            self.begin_string,
            self.msg_type,
            self.body_length,
            self.checksum,
            self.delimiter,
            self.prefix,
            self.offset,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, FixFrame):
            return NotImplemented
        return self._key() == other._key()

    __hash__ = None  # type: ignore[assignment]  # mutable, like the dataclass it replaces

    def __repr__(self) -> str:
        return (
            f"FixFrame(fields={self.fields!r}, begin_string={self.begin_string!r}, "
            f"msg_type={self.msg_type!r}, body_length={self.body_length}, checksum={self.checksum}, "
            f"delimiter={self.delimiter!r}, prefix={self.prefix!r}, offset={self.offset})"
        )


def checksum(data: bytes, delimiter: bytes = SOH) -> int:
    """FIX CheckSum of ``data``: byte sum mod 256, counting a custom delimiter as SOH.

    Logs that show SOH as ``|`` keep the checksum computed over SOH; replacing each
    delimiter's byte value by 1 gives the checksum of the original wire message.
    """
    total = byte_sum(data)
    if delimiter != SOH:
        total -= data.count(delimiter) * (delimiter[0] - 1)
    return total % 256


def byte_sum(data: bytes) -> int:
    """The exact sum of the bytes of ``data``, computed in C by ``zlib.adler32``.

    Why: ``sum(bytes)`` boxes every byte and costs about 60 machine instructions per
    byte. Adler-32's first half is ``1 + sum`` modulo 65521, which is the exact sum as
    long as a chunk cannot reach 65520: 256 bytes of any value, or 512 ASCII bytes.
    """
    n = len(data)
    step = 512 if data.isascii() else 256
    if n <= step:
        return (zlib.adler32(data) & 0xFFFF) - 1
    view = memoryview(data)
    total = 0
    for i in range(0, n, step):
        total += zlib.adler32(view[i : i + step]) & 0xFFFF
    return total - (n + step - 1) // step


_BEGIN_VALUE = re.compile(rb"[.A-Za-z0-9]*")


def detect_delimiter(data: bytes, start: int = 0) -> bytes:
    """The byte following the BeginString value (``8=FIX.4.4<d>``), SOH when undecidable."""
    j = _BEGIN_VALUE.match(data, data.find(b"=", start) + 1).end()  # type: ignore[union-attr]
    return data[j : j + 1] if j < len(data) else SOH


_LENGTH_TAGS: dict[int, tuple[Mapping[int, int], frozenset[str]]] = {}


def _length_tags(data_fields: Mapping[int, int]) -> frozenset[str]:
    """Length tags as text, cached per mapping object (the mapping is kept alive with its entry)."""
    hit = _LENGTH_TAGS.get(id(data_fields))
    if hit is not None and hit[0] is data_fields:
        return hit[1]
    if len(_LENGTH_TAGS) > 64:
        _LENGTH_TAGS.clear()
    tags = frozenset(str(t) for t in data_fields)
    _LENGTH_TAGS[id(data_fields)] = (data_fields, tags)
    return tags


def tokenize(
    data: bytes | str,
    *,
    delimiter: bytes | str | None = None,
    data_fields: Mapping[int, int] = DEFAULT_DATA_FIELDS,
    encoding: str = "utf-8",
) -> list[tuple[int, str]]:
    """Split one message into ``(tag, value)`` pairs, honouring length-prefixed data fields.

    ``delimiter`` defaults to the byte after the BeginString value (SOH, ``|``, ...).
    A trailing delimiter is optional. Raises ``ParseError`` (``fix.frame.garbled``)
    for a field that is not ``<int>=<value>``.
    """
    raw = data.encode(encoding, "surrogateescape") if isinstance(data, str) else bytes(data)
    delim = _as_delim(delimiter) if delimiter is not None else detect_delimiter(raw)
    if raw and not raw.endswith(delim):
        raw += delim
    tags, values, fields = _tokenize(raw, delim, data_fields, encoding)
    return fields if fields is not None else list(zip(tags, values, strict=True))


def _as_delim(delimiter: bytes | str) -> bytes:
    """The ``delimiter`` option as one byte, or :class:`OptionError`: an unusable delimiter is
    the caller's (CLI: ``-o delimiter=``) mistake, the same for every message, not a damaged input."""
    d = delimiter.encode("latin-1") if isinstance(delimiter, str) else delimiter
    if len(d) != 1 or d in b"=0123456789":
        raise OptionError(
            f"unusable FIX delimiter {d!r}: one byte that is neither '=' nor a digit",
            code="fix.frame.delimiter",
            path="option delimiter",
            value=d,
        )
    return d


#: Encodings in which a byte below 0x80 always decodes to itself and never belongs to a
#: multi-byte sequence: in these, ``=`` and an ASCII delimiter can be found in the raw bytes.
_ASCII_SAFE = frozenset(
    {"utf-8", "UTF-8", "utf8", "latin-1", "latin1", "iso-8859-1", "ascii", "us-ascii", "cp1252"}
)
#: Delimiter -> (bytes that are neither ``=`` nor the delimiter, ``=`` + delimiter, delimiter text).
_SEPARATORS: dict[bytes, tuple[bytes, bytes, str]] = {}


def _separators(delim: bytes) -> tuple[bytes, bytes, str]:
    hit = _SEPARATORS.get(delim)
    if hit is None:
        other = bytes(b for b in range(256) if b != 61 and b != delim[0])
        hit = _SEPARATORS[delim] = (other, b"=" + delim, delim.decode("latin-1"))
    return hit


def _tokenize(
    raw: bytes, delim: bytes, data_fields: Mapping[int, int], encoding: str
) -> tuple[tuple[int, ...], Sequence[str], list[tuple[int, str]] | None]:
    """Tags, values and (when already built) the pairs of a message that ends with ``delim``.

    Fast path, all in C: deleting every byte but ``=`` and the delimiter leaves
    ``=<d>=<d>...`` exactly when each field holds one ``=``; then replacing ``=`` by the
    delimiter and splitting once yields tag, value, tag, value... and one ``itemgetter``
    call maps the tag texts to numbers (proving each is a plain decimal number). Data
    fields, odd tags, odd encodings and errors take :func:`_tokenize_general`.
    """
    if encoding in _ASCII_SAFE and delim < b"\x80":
        other, pair, d = _SEPARATORS.get(delim) or _separators(delim)
        seps = raw.translate(None, other)
        count = len(seps) >> 1
        if count > 1 and seps == pair * count:
            tokens = raw.decode(encoding, "surrogateescape").replace("=", d).split(d)
            texts = tokens[0:-1:2]
            key = d.join(texts)
            tags = _TAG_TUPLES.get(key)
            if tags is None:
                try:
                    tags = itemgetter(*texts)(_TAG_NUMBERS)
                except KeyError:
                    return _tokenize_general(raw, delim, data_fields, encoding)
                if len(_TAG_TUPLES) >= _MAX_TAG_TUPLES:
                    _TAG_TUPLES.clear()
                    _FREE_OF.clear()
                _TAG_TUPLES[key] = tags
            # Whether the layout holds no length field is asked once per layout and mapping
            # (the set test cost a tenth of the tokenizer); both objects are kept alive.
            free = _FREE_OF.get((id(tags), id(data_fields)))
            if free is None or free[0] is not tags or free[1] is not data_fields:
                hit = _LENGTH_INTS.get(id(data_fields))
                lengths = hit[1] if hit is not None and hit[0] is data_fields else _length_ints(data_fields)
                free = (tags, data_fields, lengths.isdisjoint(tags))
                if len(_FREE_OF) >= _MAX_TAG_TUPLES:
                    _FREE_OF.clear()
                _FREE_OF[(id(tags), id(data_fields))] = free
            if free[2]:
                return tags, tokens[1::2], None
    elif encoding not in _ASCII_SAFE:
        _check_encoding(encoding)
    return _tokenize_general(raw, delim, data_fields, encoding)


@cache
def _check_encoding(encoding: str) -> None:
    """Refuse an encoding in which ``=``, SOH or the digits are not single ASCII bytes.

    FIX frames are ASCII at the tag=value level (MessageEncoding, tag 347, only applies to
    the encoded text fields), so such an encoding (UTF-16, UTF-32...) cannot frame a message;
    decoding with it would yield no fields at all, a silent loss.
    """
    probe = "=\x01|0123456789"
    try:
        ok = probe.encode(encoding) == probe.encode("ascii")
    except (LookupError, UnicodeError):
        ok = False
    if not ok:
        raise ParseError(
            f"encoding {encoding!r} cannot carry FIX tag=value framing (it must be ASCII-compatible)",
            code="fix.frame.encoding",
            value=encoding,
        )


#: Tag texts of a message (joined by its delimiter) -> tag numbers. A log repeats a few
#: layouts, so most messages skip the conversion and share one tuple per layout (which
#: also makes the shape cache's key comparison an identity check).
_TAG_TUPLES: dict[str, tuple[int, ...]] = {}
_MAX_TAG_TUPLES = 4096
_LENGTH_INTS: dict[int, tuple[Mapping[int, int], frozenset[int]]] = {}
#: (id(tags), id(data_fields)) -> (tags, data_fields, no length field among the tags).
_FREE_OF: dict[tuple[int, int], tuple[tuple[int, ...], Mapping[int, int], bool]] = {}


def _length_ints(data_fields: Mapping[int, int]) -> frozenset[int]:
    """Length tags as a frozenset, cached per mapping object (kept alive with its entry)."""
    if len(_LENGTH_INTS) > 64:
        _LENGTH_INTS.clear()
    tags = frozenset(data_fields)
    _LENGTH_INTS[id(data_fields)] = (data_fields, tags)
    return tags


def _tokenize_general(
    raw: bytes, delim: bytes, data_fields: Mapping[int, int], encoding: str
) -> tuple[tuple[int, ...], Sequence[str], list[tuple[int, str]] | None]:
    """C-level split/partition/zip when possible, else the field-by-field walk.

    When no value contains ``=`` (checked by counting and one regex scan), replacing ``=``
    by the delimiter and splitting once yields tag, value, tag, value... without any
    per-field Python work; otherwise each field is partitioned at its first ``=``.
    """
    text = raw.decode(encoding, "surrogateescape")
    d = delim.decode("latin-1")
    count = text.count(d)
    if not count:
        return (), (), []
    if text.count("=") == count and _two_equals(d).search(text) is None:
        tokens = text.replace("=", d).split(d)
        tags: tuple[str, ...] | list[str] = tokens[0:-1:2]
        values: tuple[str, ...] | list[str] = tokens[1::2]
        seps_ok = True
    else:
        parts = text.split(d)
        parts.pop()
        tags, seps, values = zip(*[p.partition("=") for p in parts], strict=False)
        seps_ok = len("".join(seps)) == len(parts)
    if _length_tags(data_fields).isdisjoint(tags) and seps_ok:
        try:
            # Canonical tag texts ("1".."9999") map through a table: faster than int() and
            # proves each tag is a plain decimal number.
            itags = tuple(map(_TAG_NUMBERS.__getitem__, tags))
        except KeyError:
            tag_text = "".join(tags)
            if tag_text.isdigit() and tag_text.isascii() and "" not in tags:
                itags = tuple(map(int, tags))
            else:
                itags = ()
        if itags:
            return itags, values, None
    fields = _tokenize_slow(raw, delim, data_fields, encoding)
    return tuple([t for t, _ in fields]), [v for _, v in fields], fields


#: "0".."9999" -> int; a tag outside (leading zeros, larger numbers) takes the int() route.
_TAG_NUMBERS: dict[str, int] = {str(i): i for i in range(10000)}
#: "000".."999" -> int: the only texts a CheckSum (10) may have.
_CHECKSUMS: dict[str, int] = {f"{i:03d}": i for i in range(1000)}
_TWO_EQUALS: dict[str, re.Pattern[str]] = {}


def _two_equals(d: str) -> re.Pattern[str]:
    """Pattern finding a field whose value contains ``=`` (delimiter ``d``)."""
    pattern = _TWO_EQUALS.get(d)
    if pattern is None:
        e = re.escape(d)
        pattern = _TWO_EQUALS[d] = re.compile(f"=[^{e}=]*=")
    return pattern


def _tokenize_slow(
    raw: bytes, delim: bytes, data_fields: Mapping[int, int], encoding: str
) -> list[tuple[int, str]]:
    """Field-by-field walk: used for data fields (whose value may hold the delimiter) and errors."""
    out: list[tuple[int, str]] = []
    pos, n = 0, len(raw)
    pending: dict[int, int] = {}
    while pos < n:
        eq = raw.find(b"=", pos)
        if eq < 0:
            raise ParseError(
                "field without '=' (garbled message)",
                code="fix.frame.garbled",
                path=f"FIX@{pos}",
                value=raw[pos : pos + 20],
            )
        tag_text = raw[pos:eq]
        if _TAG.fullmatch(tag_text) is None:
            raise ParseError(
                f"tag {tag_text[:20]!r} is not a number (garbled message)",
                code="fix.frame.garbled",
                path=f"FIX@{pos}",
                value=tag_text[:20],
            )
        tag = int(tag_text)
        if tag in pending:
            end = eq + 1 + pending.pop(tag)
            if raw[end : end + 1] != delim:
                raise ParseError(
                    f"data field {tag} does not end where its length field says",
                    code="fix.frame.data_length",
                    path=f"FIX:{tag}",
                    value=raw[eq + 1 : end][:20],
                )
        else:
            end = raw.find(delim, eq + 1)
            if end < 0:
                end = n
        value = raw[eq + 1 : end].decode(encoding, "surrogateescape")
        out.append((tag, value))
        if tag in data_fields and value.isdigit():
            pending[data_fields[tag]] = int(value)
        pos = end + 1
    return out


def parse_frame(
    data: bytes,
    *,
    delimiter: bytes | str | None = None,
    data_fields: Mapping[int, int] = DEFAULT_DATA_FIELDS,
    encoding: str = "utf-8",
    verify: bool = True,
    prefix: str = "",
    offset: int = 0,
) -> FixFrame:
    """Tokenise one message and check its framing (8, 9, 35 first; BodyLength; 3-digit CheckSum).

    ``verify=False`` (QuickFIX ``ValidateLengthAndChecksum=N``) skips the BodyLength and
    CheckSum arithmetic but still requires the fields to be present and well formed.
    """
    if len(data) > MAX_MESSAGE_BYTES:
        raise LimitExceededError(
            f"message of {len(data)} bytes exceeds the {MAX_MESSAGE_BYTES}-byte limit",
            code="fix.frame.too_large",
            path="FIX",
        )
    raw = data.rstrip(b"\r\n")
    start = raw.find(_BEGIN)
    if start < 0:
        raise ParseError(
            "no BeginString (8=FIX...) found", code="fix.frame.begin_string", path="FIX:8", value=raw[:20]
        )
    if start and not prefix:
        prefix = raw[:start].decode("latin-1").strip()
    raw = raw[start:]
    if delimiter == SOH:
        delim = SOH
    else:
        delim = _as_delim(delimiter) if delimiter is not None else detect_delimiter(raw)
    if not raw.endswith(delim):
        raw += delim
    tags, values, fields = _tokenize(raw, delim, data_fields, encoding)
    if len(tags) < 4 or tags[0] != 8 or tags[1] != 9 or tags[2] != 35:
        got = ",".join(str(t) for t in tags[:3])
        raise ParseError(
            f"BeginString, BodyLength and MsgType must be the first three fields (got {got})",
            code="fix.frame.order",
            path="FIX",
            value=got,
        )
    if tags[-1] != 10:
        raise ParseError(
            "message does not end with CheckSum (10); truncated?",
            code="fix.frame.truncated",
            path="FIX:10",
            value=tags[-1],
        )
    body_text, sum_text = values[1], values[-1]
    if not (body_text.isascii() and body_text.isdigit()):
        raise ParseError(
            f"BodyLength {body_text!r} is not a number",
            code="fix.frame.body_length",
            path="FIX:9",
            value=body_text,
        )
    declared_sum = _CHECKSUMS.get(sum_text)
    if declared_sum is None:
        raise ParseError(
            f"CheckSum {sum_text!r} is not three digits",
            code="fix.frame.checksum",
            path="FIX:10",
            value=sum_text,
        )
    body_length = _TAG_NUMBERS.get(body_text)
    if body_length is None:
        body_length = int(body_text)
    if verify:
        trailer_at = raw.rfind(delim + b"10=") + 1
        body_start = raw.find(delim, raw.find(delim) + 1) + 1
        actual_length = trailer_at - body_start
        if actual_length != body_length:
            raise ParseError(
                f"BodyLength says {body_length} but the body has {actual_length} bytes",
                code="fix.frame.body_length",
                path="FIX:9",
                value=body_text,
            )
        head = raw[:trailer_at]
        if trailer_at <= 512 and head.isascii():  # the common case of byte_sum, inlined
            actual_sum = (zlib.adler32(head) & 0xFFFF) - 1
            if delim != SOH:
                actual_sum -= head.count(delim) * (delim[0] - 1)
            actual_sum %= 256
        else:
            actual_sum = checksum(head, delim)
        if actual_sum != declared_sum:
            raise ParseError(
                f"CheckSum says {sum_text} but the message sums to {actual_sum:03d}",
                code="fix.frame.checksum",
                path="FIX:10",
                value=sum_text,
            )
    return FixFrame(
        fields, values[0], values[2], body_length, declared_sum, delim, prefix, offset, tags, values
    )


def iter_frames(
    buffer: bytes, *, delimiter: bytes | str | None = None, base_offset: int = 0
) -> Iterator[RawFrame]:
    """Cut a buffer (a log, a capture, concatenated messages) into message frames.

    One forward pass: each frame starts at ``8=FIX``; BodyLength jumps over the body
    (so data fields may contain delimiters or newlines) and the CheckSum field ends it.
    When BodyLength is absent or wrong, the frame ends at the next CheckSum field or
    line end, and :func:`parse_frame` reports the damage. Text before ``8=FIX`` on the
    same line (timestamp, session id) becomes the frame's ``prefix``.

    Why two steps: a message that starts right at the cursor (or right after a line
    break) with a well-formed head and a CheckSum field exactly where BodyLength points
    is cut by two anchored regex matches (:func:`_frame_step`); anything else takes the
    general search, which gives the same frame whenever the quick step applies.
    """
    fixed = _as_delim(delimiter) if delimiter is not None else None
    head = _frame_head(fixed)
    fixed_trailer = _frame_trailer(fixed) if fixed is not None else None
    pos, n = 0, len(buffer)
    while pos < n:
        m = head(buffer, pos) if head is not None else None
        if m is not None:
            delim = fixed or m["d"]
            t = (fixed_trailer or _frame_trailer(delim))(buffer, m.end() + int(m["n"]))
            if t is not None:
                start, end = m.start("f"), t.end()
                yield _new_tuple(RawFrame, (buffer[start:end], base_offset + start, "", delim))
                pos = end
                continue
        start = buffer.find(_BEGIN, pos)
        line_start = n if start < 0 else buffer.rfind(b"\n", pos, start) + 1 or pos
        stray = _stray_text(buffer, pos, line_start)
        if stray is not None:
            yield RawFrame(buffer[stray[0] : stray[1]], base_offset + stray[0], "", fixed or SOH)
        if start < 0:
            return
        if line_start < start and _FIELD_LINE.match(buffer, line_start, start):
            # Fields before a message on its line are no log prefix: fields glued between two
            # messages of one line (SOH concatenation) are a frame of their own, as they are
            # when a chunk boundary falls between them and the next message.
            yield RawFrame(buffer[line_start:start], base_offset + line_start, "", fixed or SOH)
            line_start = start
        prefix = buffer[line_start:start].decode("latin-1").strip() if line_start < start else ""
        delim = fixed or detect_delimiter(buffer, start)
        end = _frame_end(buffer, start, delim)
        yield RawFrame(buffer[start:end], base_offset + start, prefix, delim)
        pos = end


#: Text between messages that starts with a FIX field, ended by SOH or ``|`` (a decoded
#: field a pretty-printing logger indents or annotates, ``    35=0 (Heartbeat)``, is not one).
_FIELD_LINE = re.compile(rb"[0-9]{1,9}=[^\x01|\n]*[\x01|]")
#: Text glued to a message after its CheckSum that starts with a field, delimited or not
#: (``...10=252|9=110=145``: a second message's head run into the first).
_GLUED_FIELD = re.compile(rb"[0-9]{1,9}=")


def _stray_text(buffer: bytes, lo: int, hi: int) -> tuple[int, int] | None:
    """The span of text between two messages (``buffer[lo:hi]``) that must not be skipped.

    Logs and test scripts hold text that is not a message (QuickFIX ``.def`` actions such as
    ``iCONNECT``, ``#`` comments, blank lines, a closing ``)`` or `` [OK]`` a logger puts after
    each message), and that is skipped. Fields are damage, and silently skipping them would
    lose data: ``<tag>=`` glued to the previous message after its CheckSum on the same line
    (``...10=252|54=2|38=999999|``), or a line of fields with no BeginString (a message whose
    head was cut off). Their span becomes a frame of its own, which reading refuses, so the
    batch quarantines it and the CLI reports it.
    """
    first, last = -1, -1
    at = lo
    while at < hi:
        end = buffer.find(b"\n", at, hi)
        end = hi if end < 0 else end
        line = buffer[at:end]
        glued = at == lo and lo > 0 and buffer[lo - 1 : lo] not in (b"\n", b"\r")
        if line.strip() and (_GLUED_FIELD if glued else _FIELD_LINE).match(line):
            first = at if first < 0 else first
            last = end
        at = end + 1
    return None if first < 0 else (first, last)


#: ``RawFrame`` built without its Python-level ``__new__`` (one call per frame of a log).
_new_tuple = tuple.__new__
_Matcher = Callable[[bytes, int], "re.Match[bytes] | None"]
_HEADS: dict[bytes | None, _Matcher | None] = {}
_TRAILERS: dict[bytes, _Matcher] = {}


def _frame_head(delim: bytes | None) -> _Matcher | None:
    """Anchored matcher of a frame head at the cursor, per delimiter (``None``: detect it).

    It matches an optional line break then ``8=FIX<value><d>9=<1-9 digits><d>``: exactly
    the cases in which the general search finds the message at the cursor with an empty
    prefix and :func:`_frame_end` reads its BodyLength. With ``None`` the delimiter is
    the byte after the BeginString value, as :func:`detect_delimiter` decides. ``None``
    (no quick step) for a delimiter that occurs in ``8=FIX``, where the general search
    stops inside the BeginString.
    """
    if delim in _HEADS:
        return _HEADS[delim]
    if delim is None:
        pattern = rb"(?:\r?\n)?(?P<f>8=FIX[.A-Za-z0-9]*+(?P<d>[^.A-Za-z0-9=])9=(?P<n>[0-9]{1,9})(?P=d))"
        head: _Matcher | None = re.compile(pattern).match
    elif delim in b"8=FIX":
        head = None
    else:
        e = re.escape(delim)
        pattern = rb"(?:\r?\n)?(?P<f>8=FIX[^" + e + rb"]*+" + e + rb"9=(?P<n>[0-9]{1,9})" + e + b")"
        head = re.compile(pattern).match
    _HEADS[delim] = head
    return head


def _frame_trailer(delim: bytes) -> _Matcher:
    """Anchored matcher of ``10=<3 digits>`` plus the delimiter when present (as ``_frame_end``)."""
    hit = _TRAILERS.get(delim)
    if hit is None:
        if len(_TRAILERS) > 256:
            _TRAILERS.clear()
        hit = _TRAILERS[delim] = re.compile(rb"10=[0-9]{3}" + re.escape(delim) + b"?").match
    return hit


def _frame_end(buf: bytes, start: int, delim: bytes) -> int:
    """Index just after the message starting at ``start``."""
    n = len(buf)
    first = buf.find(delim, start)
    if first > 0 and buf.startswith(b"9=", first + 1):
        second = buf.find(delim, first + 1)
        length_text = buf[first + 3 : second]
        if second > 0 and length_text.isdigit() and len(length_text) < 10:
            trailer = second + 1 + int(length_text)
            if buf.startswith(b"10=", trailer) and buf[trailer + 3 : trailer + 6].isdigit():
                end = trailer + 6
                if buf[end : end + 1] == delim:
                    end += 1
                return end
    # Fallback: the next CheckSum field, but never past the end of the line or the next message.
    limit = n
    newline = buf.find(b"\n", start)
    if newline >= 0:
        limit = newline + 1
    nxt = buf.find(_BEGIN, start + 1, limit)
    if nxt >= 0:
        limit = nxt
    trailer = buf.find(delim + b"10=", start, limit)
    if trailer >= 0:
        end = buf.find(delim, trailer + 1, limit)
        return end + 1 if end >= 0 else limit
    return limit


def iter_file(
    stream: BinaryIO, *, delimiter: bytes | str | None = None, chunk_size: int = 1 << 20
) -> Iterator[RawFrame]:
    """Frames of a binary stream, read in chunks; the cost is linear in the stream size.

    A frame straddling a chunk boundary is held back until the next chunk (or the end).
    """
    carry = b""
    consumed = 0
    while True:
        chunk = stream.read(chunk_size)
        buf = carry + chunk if carry else chunk
        if not chunk:
            if buf:
                yield from iter_frames(buf, delimiter=delimiter, base_offset=consumed)
            return
        last = buf.rfind(_BEGIN)
        if last <= 0:
            carry = buf
            if len(carry) > MAX_MESSAGE_BYTES:
                raise LimitExceededError(
                    "no message boundary within the size limit",
                    code="fix.frame.too_large",
                    path=f"FIX@{consumed}",
                )
            continue
        # Everything before the last message start is complete (or already damaged).
        newline = buf.rfind(b"\n", 0, last)
        cut = newline + 1 if newline >= 0 else last  # keep a log prefix with its message
        yield from iter_frames(buf[:cut], delimiter=delimiter, base_offset=consumed)
        consumed += cut
        carry = buf[cut:]
