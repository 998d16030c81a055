"""finmsg.parse_all goes on past a broken member: one result per message, like detect and the batch.

The inputs are hand-written MT103s; the middle one ends block 4 with '}' instead of CRLF-}
(an unterminated block 4), so it cannot be read, and the one after it must still be.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import finmsg
from finmsg.diagnostics import Result
from finmsg.errors import OptionError
from finmsg.model.base import Message
from finmsg.mt.message import MtMessage

_HEAD = b"{1:F01BANKBEBBAXXX0000000000}{2:I103BANKDEFFXXXXN}"
_BODY = _HEAD + b"{4:\r\n:20:%s\r\n:23B:CRED\r\n:32A:240131EUR1,00\r\n"
GOOD_1 = _BODY % b"A1" + b":71A:SHA\r\n-}"
BROKEN = _BODY % b"A2" + b":71A:SHA\r\n}"
GOOD_3 = _BODY % b"A3" + b":71A:SHA\r\n-}"


def _references(results: list[Result[Message | None]]) -> list[str | None]:
    """Field 20 of each message read, None for a member that could not be read."""
    out: list[str | None] = []
    for result in results:
        field = result.value.get("20") if isinstance(result.value, MtMessage) else None
        out.append(field.value if field is not None else None)
    return out


@pytest.mark.parametrize("joined", [GOOD_1 + b"\r\n$" + BROKEN + b"\r\n$" + GOOD_3, GOOD_1 + BROKEN + GOOD_3])
def test_a_broken_member_is_a_failed_result_and_the_next_is_read(joined: bytes) -> None:
    results = list(finmsg.parse_all(joined))
    assert [r.ok for r in results] == [True, False, True]
    assert _references(results) == ["A1", None, "A3"]
    assert [d.code for d in results[1].errors] == ["mt.block4.unterminated"]


def test_parse_all_is_cut_like_detect() -> None:
    joined = GOOD_1 + b"\r\n$" + BROKEN + b"\r\n$" + GOOD_3
    detected = finmsg.detect(joined)
    results = list(finmsg.parse_all(joined))
    assert len(results) == len(detected) == 3
    assert [bool(r.errors) for r in results] == [bool(d.diagnostics) for d in detected]


def test_good_input_reads_as_before() -> None:
    results = list(finmsg.parse_all(GOOD_1 + b"\r\n$" + GOOD_3))
    assert _references(results) == ["A1", "A3"] and all(r.ok for r in results)


def test_an_unknown_option_still_raises() -> None:
    with pytest.raises(OptionError):
        list(finmsg.parse_all(GOOD_1, no_such_option=True))


def test_a_member_that_fails_to_read_names_its_error_once() -> None:
    """The session log's 4th message has a wrong CheckSum: one error, not the same one twice."""
    log = (Path(__file__).resolve().parents[1] / "fixtures/fix/session_log/input.log").read_bytes()
    results = list(finmsg.parse_all(log))
    assert [d.code for d in results[3].diagnostics] == ["fix.frame.checksum"]
