"""A one-message call given an ISO 20022 input of several Documents refuses it, as it refuses
several MT or FIX messages (brief LE item 3).

Before, ``parse`` / ``convert`` quietly returned the first Document (with a warning among the
diagnostics) and ``validate`` reported a valid input after checking a single Document, while
the same calls raise ``input.multiple`` for two FIX or MT messages. The README says it for all
families: ``input.multiple`` (``MultipleMessagesError``, ``.value`` is the count) for several
messages given to a one-message call. The command line cuts before it reads: unchanged.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import finmsg
from finmsg.cli import main
from finmsg.errors import MultipleMessagesError, ParseError

ROOT = Path(__file__).resolve().parents[1]
PACS008 = ROOT / "fixtures/iso20022/pacs008-cbpr-structured/input.xml"
PACS009 = ROOT / "fixtures/iso20022/pacs009-core/input.xml"


def _body(path: Path) -> bytes:
    """The AppHdr + Document of a fixture without its XML declaration and Envelope element."""
    data = path.read_bytes().split(b"?>", 1)[1]
    return data.replace(b"<Envelope>", b"").replace(b"</Envelope>", b"")


#: Two AppHdr + Document pairs in one batch element (how some gateways deliver a file).
BATCH = b"<Batch>" + _body(PACS008) + _body(PACS009) + b"</Batch>"
#: Three bare Documents of one message in a wrapper without AppHdr.
_DOC = PACS008.read_bytes().split(b"</AppHdr>", 1)[1].split(b"</Envelope>", 1)[0]
THREE = b"<Messages>" + _DOC * 3 + b"</Messages>"


@pytest.mark.parametrize(("data", "count"), [(BATCH, 2), (THREE, 3)])
def test_parse_refuses_several_documents_naming_the_count_and_parse_all(data: bytes, count: int) -> None:
    with pytest.raises(MultipleMessagesError) as caught:
        finmsg.parse(data)
    error = caught.value
    assert (error.code, error.value) == ("input.multiple", count)
    assert f"holds {count} iso20022 messages, and parse reads one" in error.message
    assert "finmsg.parse_all" in error.message and "finmsg.convert_all" in error.message
    assert isinstance(error, ParseError)  # code that caught ParseError around parse still does


def test_convert_refuses_them_too() -> None:
    with pytest.raises(MultipleMessagesError) as caught:
        finmsg.convert(BATCH, "pacs.008.001.13")
    assert caught.value.value == 2 and "convert reads one" in caught.value.message


def test_validate_gives_no_value_and_the_input_multiple_error() -> None:
    result = finmsg.validate(BATCH)
    assert result.value is None and not result.ok
    assert [d.code for d in result.errors] == ["input.multiple"]
    assert "holds 2 iso20022 messages, and validate reads one" in result.errors[0].message


def test_to_pyiso20022_reads_one_message_and_refuses_several() -> None:
    with pytest.raises(MultipleMessagesError):
        finmsg.to_pyiso20022(BATCH)


def test_the_multi_message_calls_still_take_each() -> None:
    assert [r.value.message_type for r in finmsg.parse_all(BATCH) if r.value is not None] == [
        "pacs.008.001.08",
        "pacs.009.001.08",
    ]
    rows = [json.loads(r.value) for r in finmsg.convert_all(THREE, "json")]
    assert [row["message_type"] for row in rows] == ["pacs.008.001.08"] * 3


def test_one_document_reads_as_before() -> None:
    message = finmsg.parse(PACS008).value
    assert message.message_type == "pacs.008.001.08"
    assert finmsg.validate(PACS008).ok


def _run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


def test_the_command_line_still_validates_and_inspects_each_document(tmp_path: Path) -> None:
    batch = tmp_path / "batch.xml"
    batch.write_bytes(BATCH)
    code, out = _run("validate", "--json", str(batch))
    assert code == 0
    assert [(r["index"], r["type"], r["valid"]) for r in json.loads(out)] == [
        (1, "pacs.008.001.08", True),
        (2, "pacs.009.001.08", True),
    ]
    code, out = _run("inspect", "--json", str(batch))
    assert code == 0
    assert [m["message_type"] for m in json.loads(out)] == ["pacs.008.001.08", "pacs.009.001.08"]
