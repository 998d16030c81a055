"""The library entry points raise typed errors a new user can act on (review findings, brief LB).

Each expectation is written from what the input holds (counts, identifiers in the fixture files),
not from what the code printed.
"""

from __future__ import annotations

import errno
import json
from pathlib import Path
from typing import Any

import pytest

import finmsg
from finmsg.errors import (
    ConversionError,
    EmptyInputError,
    FinmsgError,
    InputError,
    MultipleMessagesError,
    ParseError,
    UnknownFormatError,
    UnreadableInputError,
)

ROOT = Path(__file__).resolve().parents[1]
PACS008 = ROOT / "fixtures/iso20022/pacs008-cbpr-structured/input.xml"
PACS009 = ROOT / "fixtures/iso20022/pacs009-core/input.xml"
MT103 = ROOT / "fixtures/mt/mt103_basic/input.fin"
FILLS = ROOT / "fixtures/settlement/partial_fills/input.fix"  # 3 execution reports, one a line
#: 4 timestamped messages; the last one's checksum is wrong
SESSION_LOG = ROOT / "fixtures/fix/session_log/input.log"


def _body(path: Path) -> bytes:
    """The document without its XML declaration (to put several in one file)."""
    data = path.read_bytes()
    return data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data


# --- 1. to_pyiso20022 -------------------------------------------------------------------------


def test_to_pyiso20022_of_an_mt_names_the_conversion_to_run_first() -> None:
    mt = finmsg.parse(MT103).value
    with pytest.raises(ConversionError) as caught:
        finmsg.to_pyiso20022(mt)
    assert caught.value.code == "interop.not-iso20022"
    assert "MT 103" in caught.value.message
    assert "finmsg.convert(message, 'pacs.008')" in caught.value.message
    assert "no writer accepts" not in caught.value.message


def test_the_named_conversion_then_binds() -> None:
    mt = finmsg.parse(MT103).value
    document = finmsg.to_pyiso20022(finmsg.convert(mt, "pacs.008").value)
    transfer = document.fito_ficstmr_cdt_trf.cdt_trf_tx_inf[0]
    assert transfer.pmt_id.uetr == "eb6305c9-1f7f-49de-aed0-16487c27b42d"  # block 3 field 121


@pytest.mark.parametrize("as_input", [bytes, Path, lambda p: p.read_text(encoding="utf-8")])
def test_to_pyiso20022_reads_bytes_text_and_paths(as_input: object) -> None:
    given = as_input(PACS008) if as_input is not bytes else PACS008.read_bytes()  # type: ignore[operator]
    document = finmsg.to_pyiso20022(given)
    assert type(document).__module__.startswith("pyiso20022.pacs.pacs_008_001_08")
    uetr = document.fito_ficstmr_cdt_trf.cdt_trf_tx_inf[0].pmt_id.uetr
    assert uetr == "8a562c67-ca16-48ba-b074-65581be6f001"


def test_to_pyiso20022_of_something_else_is_an_input_error() -> None:
    with pytest.raises(InputError) as caught:
        finmsg.to_pyiso20022(42)  # type: ignore[arg-type]
    assert caught.value.code == "input.type"
    assert "int" in caught.value.message


# --- 2. files, buffers, empty input -------------------------------------------------------------


def test_a_missing_file_is_a_typed_unreadable_error_and_still_an_oserror(tmp_path: Path) -> None:
    missing = tmp_path / "nope.fin"
    with pytest.raises(UnreadableInputError) as caught:
        finmsg.parse(missing)
    error = caught.value
    assert isinstance(error, FinmsgError) and isinstance(error, OSError)
    assert error.code == "input.unreadable"
    assert error.path == str(missing) and error.filename == str(missing)
    assert error.errno == errno.ENOENT
    assert "nope.fin" in str(error)


@pytest.mark.parametrize("call", [finmsg.parse, finmsg.detect, lambda p: finmsg.convert(p, "json")])
def test_a_folder_is_unreadable_for_every_entry_point(tmp_path: Path, call: object) -> None:
    with pytest.raises(UnreadableInputError) as caught:
        call(tmp_path)  # type: ignore[operator]
    assert caught.value.code == "input.unreadable"


@pytest.mark.parametrize("wrap", [bytearray, memoryview])
def test_bytearray_and_memoryview_read_as_bytes(wrap: type) -> None:
    data = PACS008.read_bytes()
    message: Any = finmsg.parse(wrap(data)).value
    assert message.message_type == "pacs.008.001.08"
    assert message.transactions[0].ids.uetr == "8a562c67-ca16-48ba-b074-65581be6f001"


def test_an_unsupported_type_is_an_input_error_that_lists_what_is_accepted() -> None:
    with pytest.raises(InputError) as caught:
        finmsg.parse(3.5)
    assert caught.value.code == "input.type"
    assert "memoryview" in caught.value.message and "Path" in caught.value.message
    assert isinstance(caught.value, ParseError)  # what it was before it had its own class


@pytest.mark.parametrize("data", [b"", "", b" \r\n\t "])
def test_empty_input_is_named_empty(data: bytes | str) -> None:
    with pytest.raises(EmptyInputError) as caught:
        finmsg.parse(data)
    assert caught.value.code == "input.empty"
    assert "empty" in caught.value.message or "whitespace" in caught.value.message
    assert "starts" not in caught.value.message
    assert isinstance(caught.value, UnknownFormatError)  # what an empty input raised before


def test_validate_reports_empty_input_as_a_diagnostic() -> None:
    result = finmsg.validate(b"")
    assert not result.ok
    assert [d.code for d in result.errors] == ["input.empty"]


# --- 3. several messages where one is expected ------------------------------------------------


@pytest.mark.parametrize(("path", "count"), [(FILLS, 3), (SESSION_LOG, 4)])
def test_parse_of_several_fix_messages_says_how_many_and_what_to_call(path: Path, count: int) -> None:
    with pytest.raises(MultipleMessagesError) as caught:
        finmsg.parse(path)
    error = caught.value
    assert error.code == "input.multiple" and error.value == count
    assert f"holds {count} fix messages" in error.message
    assert "finmsg.parse_all" in error.message
    assert "is not a number" not in error.message
    assert isinstance(error, ParseError)  # code that caught the old ParseError still does


def test_convert_of_several_messages_is_the_same_typed_error() -> None:
    with pytest.raises(MultipleMessagesError) as caught:
        finmsg.convert(FILLS, "json")
    assert caught.value.value == 3 and "convert reads one" in caught.value.message


def test_validate_of_several_messages_leads_with_the_count() -> None:
    result = finmsg.validate(FILLS)
    assert not result.ok and result.value is None
    assert result.errors[0].code == "input.multiple"
    assert "holds 3 fix messages" in result.errors[0].message


def test_back_to_back_mt_is_the_same_typed_error() -> None:
    one = MT103.read_bytes()
    with pytest.raises(MultipleMessagesError) as caught:
        finmsg.parse(one + b"\r\n" + one)
    assert caught.value.value == 2 and "holds 2 mt messages" in caught.value.message


def test_one_broken_message_keeps_its_own_error() -> None:
    broken = FILLS.read_bytes().splitlines()[0].replace(b"|55=MSFT|", b"|5x5=MSFT|")
    with pytest.raises(ParseError) as caught:
        finmsg.parse(broken)
    assert not isinstance(caught.value, MultipleMessagesError)
    assert caught.value.code.startswith("fix.")


def test_text_before_one_mt_is_not_counted_as_a_second_message() -> None:
    with pytest.raises(ParseError) as caught:
        finmsg.parse(b"JUNK" + MT103.read_bytes(), format="mt")
    assert not isinstance(caught.value, MultipleMessagesError)
    assert caught.value.code.startswith("mt.")


def test_a_single_message_that_reads_is_unaffected() -> None:
    line = FILLS.read_bytes().splitlines()[1]
    message: Any = finmsg.parse(line).value
    assert (message.exec_id, str(message.last_qty)) == ("EXEC7-2", "200")


def test_convert_all_converts_each_fix_message() -> None:
    results = finmsg.convert_all(FILLS, "json")
    assert all(result.ok for result in results)
    rows = [json.loads(result.value) for result in results]
    assert [(row["exec_id"], row["last_qty"], row["leaves_qty"]) for row in rows] == [
        ("EXEC7-1", "100", "500"),
        ("EXEC7-2", "200", "300"),
        ("EXEC7-3", "300", "0"),
    ]


def test_convert_all_of_a_session_log_keeps_going_past_a_broken_member() -> None:
    results = finmsg.convert_all(SESSION_LOG, "json")
    assert len(results) == 4
    assert json.loads(results[2].value)["exec_id"] == "E1"
    last = results[3]
    assert last.value == b"" and not last.ok
    assert [d.code for d in last.errors] == ["fix.frame.checksum"]
    assert last.errors[0].message.startswith("message 4 was not converted")


def test_convert_all_converts_each_mt_of_a_back_to_back_file() -> None:
    one = MT103.read_bytes()
    results = finmsg.convert_all(one + b"\r\n" + one, "pacs.008")
    assert len(results) == 2
    for result in results:
        assert b"<UETR>eb6305c9-1f7f-49de-aed0-16487c27b42d</UETR>" in result.value


def test_convert_all_converts_each_document_of_an_iso_file() -> None:
    data = b"<Batch>" + _body(PACS008) + _body(PACS009) + b"</Batch>"
    results = finmsg.convert_all(data, "json")
    rows = [json.loads(result.value) for result in results]
    assert [row["message_type"] for row in rows] == ["pacs.008.001.08", "pacs.009.001.08"]


def test_validate_of_several_documents_refuses_them_as_several_messages() -> None:
    """A one-message validate given two Documents must not look like a clean check of both: it is
    refused as two MT or FIX messages are (no value, ``input.multiple``; brief LE item 3)."""
    xml = PACS008.read_bytes()
    body = xml.split(b"?>", 1)[1]
    result = finmsg.validate(b"<Batch>" + body + body + b"</Batch>")
    assert result.value is None
    assert [(d.code, d.severity.value) for d in result.diagnostics] == [("input.multiple", "error")]
    assert "holds 2 iso20022 messages, and validate reads one" in result.diagnostics[0].message
