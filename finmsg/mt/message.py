"""The MT token layer: blocks 1-5, S and the ordered block-4 fields, as immutable data.

This is deliberately *not* the canonical payment model: it is the lossless
"token + field" view of one FIN message, from which a writer reproduces the
original text. Mapping to the canonical model is the translation layer's job.
Header blocks keep their raw text (so nothing is lost, even when malformed)
and expose the standard sub-fields as properties.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from finmsg.model.base import Message

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "ApplicationHeader",
    "BasicHeader",
    "MtField",
    "MtMessage",
    "PendingFields",
    "Tags",
    "fields_slot",
    "occurrence_path",
    "occurrence_paths",
]

#: The content of a tagged block (3, 5, S, or a system block 4): ordered (tag, value) pairs.
#: A value of ``None`` means the sub-block had no colon at all (``{PDE}``), kept for losslessness.
Tags = tuple[tuple[str, "str | None"], ...]


class MtField(NamedTuple):
    """One block-4 field: ``tag`` (``32A``, ``50K``, ``98A``) and its raw ``value``.

    Lines of a multi-line value are separated by ``\\n`` (the writer emits CRLF).
    ``components`` is computed from the field-spec table on demand so that
    parsing stays cheap and equality depends only on the text. A named tuple
    (immutable, compact, fast to build: a statement can hold thousands).
    """

    tag: str
    value: str

    @property
    def number(self) -> str:
        """The two digits of the tag (``32`` for ``32A``)."""
        return self.tag[:2]

    @property
    def option(self) -> str:
        """The option letter (``A`` for ``32A``), or ``""``."""
        return self.tag[2:]

    @property
    def lines(self) -> list[str]:
        return self.value.split("\n")

    @property
    def qualifier(self) -> str | None:
        """The qualifier of a generic (securities) field, ``SETT`` for ``:98A::SETT//...``."""
        if self.value.startswith(":"):
            end = self.value.find("/", 1)
            return self.value[1:end] if end > 0 else self.value[1:]
        return None

    @property
    def components(self) -> Mapping[str, str] | None:
        """Named components per the field spec, or ``None`` when unknown or not matching."""
        from finmsg.mt.fields import components

        return components(self.tag, self.value)


@dataclass(frozen=True, slots=True)
class BasicHeader:
    """Block 1: ``F01BANKBEBBAXXX0000000000`` (application, service, LT address, session, sequence)."""

    raw: str

    @property
    def application_id(self) -> str:
        return self.raw[:1]

    @property
    def service_id(self) -> str:
        return self.raw[1:3]

    @property
    def lt_address(self) -> str:
        return self.raw[3:15]

    @property
    def bic(self) -> str:
        """The BIC of the LT address (terminal code removed)."""
        lt = self.lt_address
        return lt[:8] + lt[9:12] if len(lt) == 12 else lt

    @property
    def session(self) -> str:
        return self.raw[15:19]

    @property
    def sequence(self) -> str:
        return self.raw[19:25]

    @property
    def is_service_message(self) -> bool:
        """True for system/service messages such as ACK/NAK (service id other than 01)."""
        return self.service_id not in ("01", "")


@dataclass(frozen=True, slots=True)
class ApplicationHeader:
    """Block 2, input (``I103BANKDEFFXXXXU3003``) or output (``O103HHMM<MIR>YYMMDDHHMMN``) form."""

    raw: str

    @property
    def direction(self) -> str:
        """``I`` (input to SWIFT) or ``O`` (output from SWIFT)."""
        return self.raw[:1]

    @property
    def message_type(self) -> str:
        return self.raw[1:4]

    # -- input form
    @property
    def receiver(self) -> str | None:
        """Receiver LT address (input form)."""
        return self.raw[4:16] if self.direction == "I" else None

    @property
    def priority(self) -> str | None:
        """``S``/``U``/``N`` in either form, when present."""
        if self.direction == "I":
            return self.raw[16:17] or None
        return self.raw[46:47] or None

    @property
    def delivery_monitoring(self) -> str | None:
        return (self.raw[17:18] or None) if self.direction == "I" else None

    @property
    def obsolescence_period(self) -> str | None:
        return (self.raw[18:21] or None) if self.direction == "I" else None

    # -- output form
    @property
    def input_time(self) -> str | None:
        return self.raw[4:8] if self.direction == "O" else None

    @property
    def mir(self) -> str | None:
        """Message input reference: date, sender LT address, session, sequence (28 chars)."""
        return self.raw[8:36] if self.direction == "O" else None

    @property
    def sender(self) -> str | None:
        """Sender LT address (output form, from the MIR)."""
        return self.raw[14:26] if self.direction == "O" else None

    @property
    def output_date(self) -> str | None:
        return self.raw[36:42] if self.direction == "O" else None

    @property
    def output_time(self) -> str | None:
        return self.raw[42:46] if self.direction == "O" else None


@dataclass(frozen=True, slots=True, kw_only=True)
class MtMessage(Message):
    """One FIN message as blocks and ordered fields (see the module docstring).

    ``message_type`` is the MT number plus the block-3 validation flag when it
    names a variant (``103``, ``103STP``, ``103REMIT``, ``202COV``); ``None``
    blocks were absent, empty tuples were present but empty (``{3:}``).
    ``block4_style`` is ``"text"`` for ``:tag:value`` fields, ``"tags"``
    for the ``{177:...}{451:0}`` form of system messages, ``"bare"`` for a
    statement-file entry without FIN envelope and ``"none"`` when the message
    had no block 4. ``ack`` is the
    ACK/NAK service message that preceded this message in the input, if any.
    """

    family: str = "mt"
    basic_header: BasicHeader | None = None
    application_header: ApplicationHeader | None = None
    user_header: Tags | None = None
    fields: tuple[MtField, ...] = ()
    block4_style: str = "text"
    trailer: Tags | None = None
    system_trailer: Tags | None = None
    ack: MtMessage | None = field(default=None)

    @property
    def mt_number(self) -> str:
        """The three digits of the type (``103`` for ``103STP``), or ``""`` if unknown."""
        return self.message_type[:3] if self.message_type[:3].isdigit() else ""

    @property
    def validation_flag(self) -> str | None:
        """Block-3 tag 119 (``STP``, ``REMIT``, ``COV``...)."""
        return self.header_tag(119)

    @property
    def uetr(self) -> str | None:
        """Block-3 tag 121, the unique end-to-end transaction reference."""
        return self.header_tag(121)

    def header_tag(self, tag: int | str) -> str | None:
        """The value of a block-3 tag, or ``None``."""
        key = str(tag)
        for name, value in self.user_header or ():
            if name == key:
                return value
        return None

    def get(self, tag: str) -> MtField | None:
        """The first field with exactly this tag."""
        for f in self.fields:
            if f.tag == tag:
                return f
        return None

    def find(self, number: str) -> Iterator[MtField]:
        """All fields whose tag number is ``number`` (any option): ``find("50")``."""
        return (f for f in self.fields if f.tag[:2] == number)

    @property
    def path_prefix(self) -> str:
        """``MT103`` style prefix used in diagnostic paths."""
        return f"MT{self.mt_number}" if self.mt_number else "MT"


class PendingFields(str):
    """The normalised block-4 text of a message whose :class:`MtField` tuple is not built yet.

    Why: building a dozen field tuples is a third of the parse of an MT103, and validating
    a clean message does not need them (:mod:`finmsg.mt.msgcheck` reads the text). The
    FIN readers store this text in the ``fields`` slot after checking that it opens with
    a valid field tag (:func:`finmsg.mt.blockparts.lazy_fields`), so cutting it later
    cannot fail; the first read of ``msg.fields`` cuts it with the same cutter and stores
    the tuple. Only code reading the raw slot (:func:`fields_slot`) ever sees one.
    """

    __slots__ = ()


class _LazyFields:
    """``MtMessage.fields``: the slot's value, with a :class:`PendingFields` cut on first read.

    A data descriptor wrapping the slot, so the dataclass ``__init__``, ``__eq__``,
    ``__hash__``, ``__repr__``, ``replace`` and pickling all see the tuple.
    """

    __slots__ = ("_get", "_set")

    def __init__(self, slot: Any) -> None:
        self._get = slot.__get__
        self._set = slot.__set__

    def __get__(self, obj: MtMessage | None, owner: type | None = None) -> Any:
        if obj is None:
            return self
        value = self._get(obj)
        if value.__class__ is PendingFields:
            from finmsg.mt.blockparts import cut_fields

            value = cut_fields(value, "MT:block4")
            self._set(obj, value)
        return value

    def __set__(self, obj: MtMessage, value: object) -> None:
        self._set(obj, value)


_FIELDS_SLOT = MtMessage.__dict__["fields"]
setattr(MtMessage, "fields", _LazyFields(_FIELDS_SLOT))  # noqa: B010 - mypy must not see the swap


def fields_slot() -> Any:
    """The raw ``fields`` slot descriptor: its ``__get__`` may return a :class:`PendingFields`."""
    return _FIELDS_SLOT


def occurrence_path(prefix: str, fields: Sequence[MtField], index: int) -> str:
    """``MT103:32A`` or ``MT940:61[3]``: the field at 0-based ``index`` of ``fields``, named by
    its tag and its occurrence of that tag, as docs/paths.md defines MT paths (the index is left
    out for the first occurrence). Built only when a finding is reported."""
    tag = fields[index].tag
    n = sum(1 for f in fields[:index] if f.tag == tag) + 1
    return f"{prefix}:{tag}" if n == 1 else f"{prefix}:{tag}[{n}]"


def occurrence_paths(prefix: str, fields: Sequence[MtField]) -> list[str]:
    """:func:`occurrence_path` of every field, in one pass (for walks that name each field)."""
    seen: dict[str, int] = {}
    out: list[str] = []
    for f in fields:
        n = seen[f.tag] = seen.get(f.tag, 0) + 1
        out.append(f"{prefix}:{f.tag}" if n == 1 else f"{prefix}:{f.tag}[{n}]")
    return out
