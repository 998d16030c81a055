"""Fields built on first read (session-4 performance work) behave as if built eagerly.

The clean-message reader (:func:`finmsg.mt.fastsplit.clean_message`) keeps the block-4
text in the ``fields`` slot (:class:`~finmsg.mt.message.PendingFields`); ``msg.fields``
cuts it on first read. These tests check that nobody can tell: the values, equality,
hash, repr, copies, pickling and ``dataclasses.replace`` are those of the eager message,
validation reports the same as the layer-by-layer path, and a bad first tag still fails
at parse time.
"""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest

from finmsg.errors import ParseError
from finmsg.mt.blocks import _message, parse_message, scan
from finmsg.mt.fastsplit import clean_message
from finmsg.mt.message import MtField, MtMessage, PendingFields, fields_slot
from finmsg.mt.msgcheck import COMPILE_AFTER, SEP, clean_text, fields_clean
from finmsg.mt.options import ParseOptions
from finmsg.mt.validate import LAYERS, validate_message

from ._paths import FIXTURES

MT103 = (FIXTURES / "mt103_basic" / "input.fin").read_bytes().decode()
_raw = fields_slot().__get__

#: The fields of the fixture, written out by hand from its text.
EXPECTED = (
    MtField("20", "REF12345"),
    MtField("23B", "CRED"),
    MtField("32A", "240131EUR1234,56"),
    MtField("33B", "EUR1234,56"),
    MtField("50K", "/DE89370400440532013000\nJOHN DOE\nMAIN STREET 1"),
    MtField("52A", "BANKBEBB"),
    MtField("57A", "BANKDEFF"),
    MtField("59", "/FR1420041010050500013M02606\nJANE ROE\nRUE DE LA PAIX 2"),
    MtField("70", "INVOICE 42"),
    MtField("71A", "SHA"),
)


def _fresh() -> MtMessage:
    msg = clean_message(MT103)
    assert msg is not None
    assert isinstance(_raw(msg), PendingFields)
    return msg


def _general(text: str) -> MtMessage:
    opts = ParseOptions()
    return _message(scan(text, opts, [])[0], opts, [])


def _eager(text: str) -> MtMessage:
    """The message with its fields built up front (as a caller constructing one has them)."""
    general = _general(text)
    return dataclasses.replace(general, fields=tuple(general.fields))


def test_fields_are_cut_on_first_read_and_kept() -> None:
    msg = _fresh()
    assert msg.fields == EXPECTED
    assert type(msg.fields) is tuple and all(type(f) is MtField for f in msg.fields)
    assert _raw(msg) is msg.fields  # the tuple replaced the text in the slot
    assert msg.get("59") == EXPECTED[7] and [f.tag for f in msg.find("5")] == []
    assert [f.tag for f in msg.find("50")] == ["50K"]


def test_a_pending_message_is_indistinguishable_from_an_eager_one() -> None:
    eager = _eager(MT103)
    assert type(_raw(eager)) is tuple
    assert _fresh() == eager and eager == _fresh()
    assert hash(_fresh()) == hash(eager)
    assert repr(_fresh()) == repr(eager)
    assert copy.copy(_fresh()) == eager and copy.deepcopy(_fresh()) == eager
    assert pickle.loads(pickle.dumps(_fresh())) == eager
    replaced = dataclasses.replace(_fresh(), message_type="103STP")
    assert replaced.fields == EXPECTED and replaced.message_type == "103STP"


def test_the_constructor_and_the_class_attribute_are_unchanged() -> None:
    built = MtMessage(message_type="103", fields=EXPECTED)
    assert built.fields is EXPECTED
    assert MtMessage(message_type="103").fields == ()
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.fields = ()  # type: ignore[misc]
    assert "fields" in {f.name for f in dataclasses.fields(MtMessage)}


def test_the_general_reader_defers_the_fields_too() -> None:
    msg = _general(MT103.replace("\r\n", "\n"))  # LF only: not the clean path
    assert isinstance(_raw(msg), PendingFields)
    assert msg.fields == EXPECTED
    empty = _general(MT103.replace(MT103[MT103.index("{4:") : MT103.index("-}") + 2], "{4:\r\n-}"))
    assert type(_raw(empty)) is tuple and empty.fields == ()


def test_a_bad_first_tag_still_fails_at_parse_time() -> None:
    bad = MT103.replace(":20:REF12345", ":2X:REF12345")
    with pytest.raises(ParseError) as caught:
        parse_message(bad.encode())
    assert caught.value.code == "mt.block4.tag"


def test_a_tag_like_line_inside_a_value_stays_in_the_value() -> None:
    text = MT103.replace(":70:INVOICE 42", ":70:INVOICE 42\r\n:7X:NOT A TAG")
    msg = clean_message(text)
    assert msg is not None
    assert msg.get("70") == MtField("70", "INVOICE 42\n:7X:NOT A TAG")


def _mutations() -> list[str]:
    out = [MT103]
    for old, new in (
        ("240131EUR", "240230EUR"),  # 30 February (T50)
        ("EUR1234,56\r\n:50K", "EUR1234,567\r\n:50K"),  # three decimals (T43)
        (":23B:CRED", ":23B:SPRI"),  # a special code: the rules run
        (":71A:SHA", ":71A:OUR"),
        (":20:REF12345", ":20:/REF"),  # T26
        (":52A:BANKBEBB", ":52A:BANKZZBB"),  # T27
        (":70:INVOICE 42\r\n", ""),
        (":33B:EUR1234,56\r\n", ""),  # no 33B: C2 decides
        (":57A:BANKDEFF\r\n", ":57A:BANKDEFF\r\n:57A:BANKDEFF\r\n"),  # a repeated field
        ("\r\n:71A:SHA", "\r\n:71A:SHA\r\n:71G:EUR1,00"),
        ("\r\n:71A:SHA", "\r\n:71A:BEN\r\n:71F:EUR1,00\r\n:71F:EUR2,00"),
        ("\r\n:71A:SHA", "\r\n:71A:BEN\r\n:71F:EUR1,001"),
        ("JOHN DOE", "JOHN\x1fDOE"),  # the separator of the joined check
    ):
        assert old in MT103
        out.append(MT103.replace(old, new))
    return out


@pytest.mark.parametrize("text", _mutations())
def test_validation_of_a_pending_message_equals_the_layered_path(text: str) -> None:
    for _ in range(COMPILE_AFTER):  # the message plan compiles for a type seen this often
        validate_message(_eager(text))
    msg = clean_message(text)
    assert msg is not None
    found = validate_message(msg)  # first: while the fields are still pending
    assert found == validate_message(_eager(text), LAYERS)


def test_validating_a_clean_message_does_not_build_its_fields() -> None:
    for _ in range(COMPILE_AFTER):
        validate_message(_eager(MT103))
    msg = _fresh()
    assert validate_message(msg) == []
    assert isinstance(_raw(msg), PendingFields)


@pytest.mark.parametrize("text", _mutations())
def test_the_clean_check_reads_the_text_as_it_reads_the_fields(text: str) -> None:
    for _ in range(COMPILE_AFTER):
        fields_clean("103", _eager(text).fields)
    msg = clean_message(text)
    assert msg is not None
    pending = clean_text("103", _raw(msg))
    eager = clean_text("103", _eager(text).fields)
    assert pending == eager
    if pending is not None:
        assert pending == "".join(f"{SEP}{f.tag}:{f.value}" for f in msg.fields)


def test_the_fixture_is_clean_and_comes_back_as_tagged_text() -> None:
    for _ in range(COMPILE_AFTER):
        fields_clean("103", EXPECTED)
    text = clean_text("103", _raw(_fresh()))
    assert text is not None
    assert text.startswith(
        "\x1f20:REF12345\x1f23B:CRED\x1f32A:240131EUR1234,56\x1f33B:EUR1234,56\x1f50K:/DE89"
    )
    assert text.endswith("\x1f70:INVOICE 42\x1f71A:SHA")


@pytest.mark.parametrize(
    "line",
    [
        ":ABC",  # a continuation line opening with a colon: not a field start
        ":7X:Y",  # nor a tag-like one with a bad tag
    ],
)
def test_a_colon_line_inside_a_value_is_left_to_the_layered_path(line: str) -> None:
    text = MT103.replace(":70:INVOICE 42", ":70:INVOICE 42\r\n" + line)
    for _ in range(COMPILE_AFTER):
        fields_clean("103", _eager(text).fields)
    msg = clean_message(text)
    assert msg is not None
    assert clean_text("103", _raw(msg)) is None  # the text check declines
    assert clean_text("103", _eager(text).fields) is not None  # the value itself is fine
    assert validate_message(msg) == validate_message(_eager(text), LAYERS) == []
