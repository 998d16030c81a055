"""MT 103 network validated rule C9 (error code C81): when 56a is present, 57a must be too.

The rule holds for every MT 103 variant, not only STP (a core MT 103 with an intermediary and
no account-with institution used to pass), and the rules after it are numbered C10-C18 as in
the standard (this test pins a few of those numbers too).
"""

from __future__ import annotations

import pytest

from finmsg.mt.validate import check_network_rules
from tests.mt.test_validate import BASE_103, msg, replace


@pytest.mark.parametrize("variant", ["103", "103STP", "103REMIT"])
def test_56a_without_57a_is_c81_in_every_variant(variant: str) -> None:
    fields = replace(BASE_103, "59", [("56A", "BANKUS33"), ("59", "/1\nJ")])
    if variant == "103REMIT":
        fields = [*fields, ("77T", "/NARR/REMITTANCE")]
    found = [(d.code, d.rule, d.path) for d in check_network_rules(msg(variant, fields))]
    assert ("mt.C81", "MT103/C9", "MT103:57a") in found  # the prefix is the MT number


def test_56a_with_57a_is_silent() -> None:
    fields = replace(BASE_103, "59", [("56A", "BANKUS33"), ("57A", "BANKJPJT"), ("59", "/1\nJ")])
    assert [d.code for d in check_network_rules(msg("103", fields))] == []


def test_rule_numbers_follow_the_standard() -> None:
    spri = replace(BASE_103, "23B", [("23B", "SPRI")])
    spri = replace(spri, "59", [("56A", "BANKUS33"), ("57A", "BANKJPJT"), ("59", "/1\nJ")])
    rules = {d.code: d.rule for d in check_network_rules(msg("103", spri))}
    assert rules["mt.E16"] == "MT103/C10"  # SPRI: no 56a
    ben = replace(BASE_103, "32A", [("32A", "240131USD100,"), ("71A", "BEN")])
    rules = {d.code: d.rule for d in check_network_rules(msg("103", ben))}
    assert rules["mt.E15"] == "MT103/C14"  # BEN: 71F mandatory
