"""finmsg against the QuickFIX acceptance scripts (14a-14i, 15, 21, 2d, 2m, 2q, 2r, 2t, 3b, 3c).

For every sent message that the script answers with a session Reject (35=3), the
first error finmsg reports must carry the same SessionRejectReason (373, or the
reason named by Text 58 where FIX 4.2 has no code for it) and RefTagID (371).
Messages that QuickFIX drops (garbled, wrong BodyLength/CheckSum, first three
fields out of order) must give a ``fix.frame.*`` error; answered non-rejects
must validate cleanly.
"""

from __future__ import annotations

import pytest

from finmsg.fix.options import parse_document
from finmsg.fix.validate import REJECT_REASONS, reject_of
from tests.corpus import CORPUS

from .acceptance import Case, cases

SUITE = CORPUS / "fix" / "quickfix-acceptance"
pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not SUITE.is_dir(), reason="QuickFIX acceptance corpus absent"),
]
_BY_TEXT = {text: code for code, text in REJECT_REASONS.items()}


def _all_cases() -> list[Case]:
    if not SUITE.is_dir():
        return []
    return [c for path in sorted(SUITE.glob("*/*.def")) for c in cases(path)]


CASES = _all_cases()
REJECTS = [c for c in CASES if c.answer and c.answer.get(35) == "3" and not c.explicit_framing]
ACCEPTED = [c for c in CASES if c.answer and c.answer.get(35) not in ("3",) and not c.explicit_framing]


def _id(case: Case) -> str:
    return f"{case.file}:{case.line}"


def test_suite_is_complete() -> None:
    # 3 versions x 18 scripts; every reject case of 14a-14i and 2q is present.
    assert len(list(SUITE.glob("*/*.def"))) == 54
    assert len(REJECTS) >= 3 * 13


@pytest.mark.parametrize("case", REJECTS, ids=_id)
def test_reject_reason_matches_quickfix(case: Case) -> None:
    assert case.answer is not None
    expected = int(case.answer.get(373) or _BY_TEXT[case.answer[58]])
    errors = parse_document(case.sent).errors
    assert errors, "finmsg accepted a message QuickFIX rejects"
    got = reject_of(errors[0])
    assert got is not None, str(errors[0])
    assert got[0] == expected, [str(e) for e in errors]
    if 371 in case.answer:
        assert got[1] == case.answer[371]
    assert errors[0].code == f"fix.373.{expected}"


@pytest.mark.parametrize("case", [c for c in CASES if c.explicit_framing], ids=_id)
def test_dropped_messages_are_framing_errors(case: Case) -> None:
    errors = parse_document(case.sent).errors
    assert errors and errors[0].code.startswith("fix.frame."), [str(e) for e in errors]


def test_first_three_fields_out_of_order_without_explicit_framing() -> None:
    # 2t: "8=..|34=3|35=0|..": the harness inserts 9 after 8, so 35 ends up fourth.
    def third_tag(case: Case) -> bytes:
        return case.sent.split(b"\x01")[2].partition(b"=")[0]

    hits = [
        c
        for c in CASES
        if c.file.endswith("2t_FirstThreeFieldsOutOfOrder.def")
        and not c.explicit_framing
        and third_tag(c) != b"35"
    ]
    assert len(hits) == 3
    for case in hits:
        errors = parse_document(case.sent).errors
        assert errors[0].code == "fix.frame.order"


@pytest.mark.parametrize("case", ACCEPTED, ids=_id)
def test_answered_messages_validate_cleanly(case: Case) -> None:
    result = parse_document(case.sent)
    assert result.ok, [str(e) for e in result.errors]
