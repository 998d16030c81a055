"""Structure diagnostics of a misplaced field: out of order, not also "missing".

Found by the corpus sweep (an MT940 whose broken :86: text was written as a second
:25:): the 62F that follows was reported as "mandatory field 62a missing".
"""

from __future__ import annotations

import finmsg

HEAD = "{1:F01BANKBEBBAXXX0000000000}{2:I940BANKDEFFXXXXN}{4:\r\n"


def _codes(body: str) -> list[tuple[str, str | None]]:
    result = finmsg.validate((HEAD + body + "-}").encode())
    return [(d.code, d.path) for d in result.errors]


def test_second_25_is_out_of_order_and_62f_is_not_missing() -> None:
    body = (
        ":20:STMT1\r\n:25:DE89370400440532013000\r\n:28C:1/1\r\n:60F:C240101EUR100,00\r\n"
        ":61:2401010101C10,00NTRFNONREF\r\n:25:ACCOUNT2\r\n:62F:C240101EUR110,00\r\n"
    )
    assert _codes(body) == [("mt.structure.order", "MT940:25[2]")]


def test_a_really_missing_62a_is_still_reported() -> None:
    body = ":20:STMT1\r\n:25:DE89370400440532013000\r\n:28C:1/1\r\n:60F:C240101EUR100,00\r\n"
    assert ("mt.structure.missing", "MT940:62") in _codes(body)


def test_swapped_fields_give_one_order_finding_and_no_missing() -> None:
    mt103 = "{1:F01BANKBEBBAXXX0000000000}{2:I103BANKDEFFXXXXN}{4:\r\n"
    body = ":23B:CRED\r\n:20:REF1\r\n:32A:240131EUR1,00\r\n:50K:JOHN DOE\r\n:59:JANE ROE\r\n:71A:OUR\r\n-}"
    result = finmsg.validate((mt103 + body).encode())
    structure = [(d.code, d.path) for d in result.errors if d.code.startswith("mt.structure")]
    # the walk keeps 23B (first) and so finds 20 after it; nothing is "missing"
    assert structure == [("mt.structure.order", "MT103:20")]
