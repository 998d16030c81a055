"""Parse and exact round-trip shares over ../shared/corpus/mt and mt940 (skipped when absent).

Targets: every message parses at block/tag level except the deliberately
malformed inputs listed in EXPECTED_REJECTS (each one explained), and at least
95% of the parsed files reproduce block 4 exactly after line-ending normalisation.
"""

from __future__ import annotations

import pytest

from tests.corpus import CORPUS

from . import corpus_check

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not (CORPUS / "mt").is_dir(), reason="shared corpus not present"),
]

#: Inputs that are not valid FIN and must be rejected with a typed error (and why).
EXPECTED_REJECTS = {
    "mt/prowide/011/MurMessageComparatorTest_1.fin": "starts with '1:F01' - the opening brace is missing",
    "mt/prowide/094/SwiftParserTest_8.fin": "block 5 opened as '{\\n5:' (line break inside the block id)",
    "mt/prowide/096/SwiftParserParseBlockTest_5.fin": "MT096: a whole message in block 4 (unsupported)",
    "mt/prowide/100/SwiftWriterTest_2.fin": "field tag ':k:' is not a FIN tag",
    "mt/prowide/103/MT103-out-ack_11.fin": "a stray '{' between messages",
    "mt/prowide/rje/MT103-out-ack.rje": "the RJE batch containing MT103-out-ack_11 (same stray '{')",
    "mt/prowide/103/SwiftParserConsumeTagTest_4.fin": "block 4 starts with CR CR LF (empty first line)",
    "mt/prowide/unknown/FINWriterVisitorTest_4.fin": "field tag ':1:' is not a FIN tag",
    "mt/prowide/unknown/SwiftParserReadBlockTest_1.fin": "field tag ':t2:' is not a FIN tag",
    "mt/prowide/unknown/MtSwiftMessageTest_7.fin": "free text 'Big blue sea' outside any block",
    "mt/prowide/unknown/SwiftParserTest_7.fin": "free text 'Big blue sea' outside any block",
    "mt940/wolph/self-provided/empty_non_swift.sta": "only a ':NS:' line, no SWIFT field",
    "mt940/wolph/self-provided/invalid_statement.sta": "lines 1..n: not a statement",
}


def test_corpus_shares() -> None:
    report = corpus_check.run()
    parse_share = report.parsed / report.files
    exact_share = report.exact / report.parsed
    print(f"\n{report.files} corpus files: {parse_share:.1%} parse, {exact_share:.1%} of parsed exact")
    for name, why in report.roundtrip_failures:
        print(f"  not exact: {name}: {why}")
    assert {name for name, _ in report.parse_failures} == set(EXPECTED_REJECTS)
    assert exact_share >= 0.95
