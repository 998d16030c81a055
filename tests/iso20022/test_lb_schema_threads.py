"""XSD validation is thread-safe: each call gets the diagnostics of its own document (brief LB 6).

The compiled lxml schemas are shared between threads (compiling one costs milliseconds), and
lxml keeps one error log per schema object, cleared and filled by every ``validate``. A thread
that read the log after its document failed could read another thread's errors: 8 threads
mixing valid and invalid documents got mismatched diagnostics (16 in 1,600 calls here).

The log is what finmsg reports when xmlschema cannot explain a failure; the test switches the
explainer off so that every invalid document takes that path, and compares each result with
the one the same document gives alone.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from typing import Any

import pytest

import finmsg
from finmsg.diagnostics import Diagnostic
from finmsg.iso20022 import schemas
from finmsg.iso20022.schemas import validate_document, validate_output
from finmsg.iso20022.xmlsafe import parse_xml
from tests.conftest import FIXTURES

MSG, HEAD = "pacs.008.001.08", "head.001.001.02"
THREADS, CALLS = 8, 250


def _documents() -> list[bytes]:
    """A valid written pacs.008 (AppHdr + Document) and four invalid ones, each failing its own way."""
    source = (FIXTURES / "iso20022" / "pacs008-cbpr-structured" / "input.xml").read_bytes()
    good = finmsg.convert(source, MSG).value
    return [
        good,
        good.replace(b"<NbOfTxs>1</NbOfTxs>", b"<NbOfTxs>X</NbOfTxs>"),
        good.replace(b'Ccy="EUR"', b'Ccy="EURO"', 1),
        good.replace(b"<ChrgBr>", b"<ChrgBrX>").replace(b"</ChrgBr>", b"</ChrgBrX>"),
        good.replace(b"<BICFI>", b"<BICFI>1", 1),  # in the AppHdr: the header's schema
    ]


def _key(found: list[Diagnostic]) -> list[tuple[str, str, str | None]]:
    return [(d.code, d.message, d.path) for d in found]


def _mismatches(call: Callable[[Any], list[Diagnostic]], inputs: list[Any]) -> tuple[int, int]:
    """(calls, calls whose diagnostics differ from the same input's alone), over THREADS threads."""
    expected = [_key(call(item)) for item in inputs]
    counts = [0, 0]
    lock = threading.Lock()

    def work(seed: int) -> None:
        pick = random.Random(seed)
        for _ in range(CALLS):
            n = pick.randrange(len(inputs))
            same = _key(call(inputs[n])) == expected[n]
            with lock:
                counts[0] += 1
                counts[1] += not same

    threads = [threading.Thread(target=work, args=(seed,)) for seed in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return counts[0], counts[1]


@pytest.fixture
def lxml_log_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(schemas, "_explain", lambda doc, msg_id: [])


@pytest.mark.usefixtures("lxml_log_only")
def test_validate_output_in_threads_reports_each_documents_own_errors() -> None:
    documents = _documents()
    alone = [_key(validate_output(doc, MSG, HEAD)) for doc in documents]
    assert alone[0] == [] and all(alone[1:])  # hand-made: the first is valid, the others are not
    assert "NbOfTxs" in alone[1][0][1] and "EURO" in alone[2][0][1] and "1BANKGB2LXXX" in alone[4][0][1]
    calls, wrong = _mismatches(lambda doc: validate_output(doc, MSG, HEAD), documents)
    assert (calls, wrong) == (THREADS * CALLS, 0)


@pytest.mark.usefixtures("lxml_log_only")
def test_validate_document_in_threads_reports_each_documents_own_errors() -> None:
    roots = []
    for data in _documents()[:4]:
        (document,) = parse_xml(data).iter("{*}Document")
        roots.append(document)
    calls, wrong = _mismatches(lambda root: validate_document(root, MSG), roots)
    assert (calls, wrong) == (THREADS * CALLS, 0)
