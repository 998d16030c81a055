"""tfr-check options given as text: "false" must switch the CBPR+ address rules off.

Found by the sweep: ``bool(options.get("cbpr"))`` made the text "false" truthy.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import finmsg
from finmsg.errors import OptionError
from finmsg.reports import get_exporter
from finmsg.reports.base import ReportInput

TFR = Path(__file__).resolve().parents[2] / "fixtures" / "reports" / "tfr"


def _rules(options: dict[str, object]) -> list[str]:
    data = (TFR / "cbpr-adr-1-neg.xml").read_bytes()
    report = get_exporter("tfr-check").export([ReportInput("x.xml", finmsg.parse(data).value)], options)
    document = json.loads(report.formats["json"])
    return [f["rule"] for m in document["messages"] for f in m["findings"]]


@pytest.mark.parametrize("off", [False, "false", "no", "0"])
def test_cbpr_rules_switched_off(off: object) -> None:
    assert not [r for r in _rules({"cbpr": off}) if r.startswith("CBPR-")]


@pytest.mark.parametrize("on", [True, "true", "yes"])
def test_cbpr_rules_switched_on(on: object) -> None:
    assert "CBPR-ADR-1" in _rules({"cbpr": on})


def test_unreadable_cbpr_value_is_refused() -> None:
    with pytest.raises(OptionError):
        _rules({"cbpr": "perhaps"})
