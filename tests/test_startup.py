"""Start-up stays cheap: ``import finmsg`` + the first validated pacs.008 leaves heavy modules alone.

Why a test: the start-up target (import + first validated message < 150 ms) is lost silently
the day someone adds a top-level ``import pycountry`` or ``import xmlschema`` to a module on
the validation path. Each module below costs a fresh process 10-150 ms to import; a valid
message with a vendored XSD never needs any of them. The check runs in a fresh interpreter
because this test process has long since imported them all.

The second half checks that the data finmsg now reads straight from the files of
python-stdnum and pycountry (to avoid importing them) is exactly what those libraries serve.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pycountry
import pytest
from stdnum import numdb

from finmsg.standards import country, iban

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "fixtures" / "iso20022" / "pacs008-cbpr-structured" / "input.xml"

#: Heavy third-party modules a plain validation must not import (lazily used elsewhere:
#: xmlschema/elementpath explain invalid documents, pyiso20022/xsdata are interop, rich is
#: the CLI's, pycountry's names serve address parsing, stdnum's national checks are opt-in).
HEAVY = ("xmlschema", "elementpath", "pycountry", "stdnum", "rich", "jsonschema", "xsdata", "pyiso20022")

_PROBE = """
import json, sys
import finmsg
result = finmsg.validate(open(sys.argv[1], "rb").read())
print(json.dumps({"ok": result.ok, "modules": sorted({m.split(".")[0] for m in sys.modules})}))
"""


def _fresh_validate(path: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, str(path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        cwd=REPO,
    )
    found: dict[str, object] = json.loads(done.stdout)
    return found


def test_first_validated_pacs008_imports_no_heavy_module() -> None:
    found = _fresh_validate(FIXTURE)
    assert found["ok"] is True
    modules = found["modules"]
    assert isinstance(modules, list)
    assert "lxml" in modules  # the probe really validated (sanity check of the probe itself)
    assert sorted(set(HEAVY) & set(modules)) == []


def test_invalid_message_still_gets_explained(tmp_path: Path) -> None:
    """The lazy explainer still loads when needed: an invalid document gets xsd.invalid paths."""
    bad = tmp_path / "bad.xml"
    bad.write_bytes(FIXTURE.read_bytes().replace(b"<ChrgBr>SHAR</ChrgBr>", b"<ChrgBr>NOPE</ChrgBr>"))
    probe = _PROBE.replace(
        'print(json.dumps({"ok": result.ok,',
        'print(json.dumps({"codes": [(d.code, d.path) for d in result.diagnostics], "ok": result.ok,',
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(bad)], capture_output=True, text=True, check=True, timeout=120
    )
    found = json.loads(done.stdout)
    assert found["ok"] is False
    assert ["xsd.invalid", "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/ChrgBr"] in found["codes"]
    assert "xmlschema" in found["modules"]


def test_country_codes_are_pycountrys() -> None:
    assert country.codes() == frozenset(c.alpha_2 for c in pycountry.countries)


def test_iban_registry_is_stdnums() -> None:
    expected = {low: props["bban"] for _, low, _, props, _ in numdb.get("iban").prefixes if "bban" in props}
    assert iban._registry() == expected
    assert iban._registry_from_numdb() == expected
    assert iban._registry()["DE"] == "8!n10!n"  # IBAN registry: Germany's BBAN is bank code + account


@pytest.mark.parametrize("value", ["DE89370400440532013000", "GB33BUKB20201555555555"])
def test_national_check_still_uses_stdnum(value: str) -> None:
    assert iban.validate(value, check_national=True) == value
