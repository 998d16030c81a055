"""Golden cases per direction: FIX -> MT54x, FIX -> sese.023, MT54x -> sese.023, sese.023 -> MT54x,
sese.023 -> FIX. Goldens are (re)written only by ``--update-goldens`` and reviewed by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from finmsg.fix.writer import write_message as write_fix
from finmsg.model.trading import ExecutionReport
from finmsg.settlement import (
    aggregate_fills,
    fix_to_settlement,
    load_ssi,
    mt54x_to_sese023,
    sese023_to_mt54x,
    settlement_to_fix,
    settlement_to_mt,
)
from tests.golden import check_golden
from tests.settlement.helpers import (
    EXPECTED_MT_ERRORS,
    FIXTURES,
    diag_dicts,
    mt_text,
    read_fix_file,
    read_mt,
    read_sese,
    sese_xml,
)

CASES = sorted(p.name for p in FIXTURES.iterdir() if (p / "input.fix").exists())


def _ssi(case: Path):  # type: ignore[no-untyped-def]
    for name in ("ssi.json", "ssi.csv"):
        if (case / name).exists():
            return load_ssi(case / name)
    return None


def _model(case: Path):  # type: ignore[no-untyped-def]
    messages = read_fix_file(case / "input.fix")
    routing = json.loads((case / "routing.json").read_text()) if (case / "routing.json").exists() else {}
    if len(messages) > 1:
        reports = [m for m in messages if isinstance(m, ExecutionReport)]
        result = aggregate_fills(reports, ssi=_ssi(case), **routing)
        assert len(result.value) == 1
        return result.value[0], result.diagnostics
    single = fix_to_settlement(messages[0], ssi=_ssi(case), **routing)
    return single.value, single.diagnostics


def test_at_least_five_cases() -> None:
    assert len(CASES) >= 5


@pytest.mark.parametrize("name", CASES)
def test_fix_to_mt54x(name: str, update_goldens: bool) -> None:
    case = FIXTURES / name
    model, diags = _model(case)
    mt = settlement_to_mt(model)
    expected = EXPECTED_MT_ERRORS.get(case.name)
    check_golden(case / "fix_to_mt.fin", mt_text(mt.value, expected), update_goldens)
    check_golden(
        case / "fix_to_mt.diagnostics.json",
        json.dumps(diag_dicts(diags + mt.diagnostics), indent=1) + "\n",
        update_goldens,
    )


@pytest.mark.parametrize("name", CASES)
def test_fix_to_sese023(name: str, update_goldens: bool) -> None:
    case = FIXTURES / name
    model, _ = _model(case)
    check_golden(case / "fix_to_sese023.xml", sese_xml(model, "sese.023").decode(), update_goldens)


@pytest.mark.parametrize("name", CASES)
def test_mt54x_to_sese023(name: str, update_goldens: bool) -> None:
    case = FIXTURES / name
    golden = case / "fix_to_mt.fin"
    if not golden.exists():
        pytest.fail(f"{golden} missing: run --update-goldens")
    result = mt54x_to_sese023(read_mt(golden.read_text()))
    check_golden(case / "mt_to_sese023.xml", sese_xml(result.value, "sese.023").decode(), update_goldens)


@pytest.mark.parametrize("name", CASES)
def test_sese023_to_mt54x(name: str, update_goldens: bool) -> None:
    case = FIXTURES / name
    golden = case / "fix_to_sese023.xml"
    if not golden.exists():
        pytest.fail(f"{golden} missing: run --update-goldens")
    result = sese023_to_mt54x(read_sese(golden.read_bytes()))
    expected = EXPECTED_MT_ERRORS.get(case.name)
    check_golden(case / "sese023_to_mt.fin", mt_text(result.value, expected), update_goldens)


@pytest.mark.parametrize("name", CASES)
def test_sese023_to_fix(name: str, update_goldens: bool) -> None:
    case = FIXTURES / name
    golden = case / "fix_to_sese023.xml"
    if not golden.exists():
        pytest.fail(f"{golden} missing: run --update-goldens")
    result = settlement_to_fix(read_sese(golden.read_bytes()))
    data = write_fix(result.value).value.replace(b"\x01", b"|").decode()
    check_golden(case / "sese023_to_fix.fix", data + "\n", update_goldens)
