"""The quickfix (C++) side of ``run.py``, run in an interpreter where ``quickfix`` is installed.

finmsg does not depend on quickfix (a C++ build from the sdist); ``run.py
--quickfix-python PATH`` runs this script in that interpreter, on the same
messages and the same QuickFIX XML dictionary, and reads one JSON object back:

* ``parse``: ``quickfix.Message(text, dictionary, True)``: parse with the data
  dictionary (repeating groups) and check BodyLength and CheckSum;
* ``validate``: the same plus ``DataDictionary.validate(message)``, the
  dictionary checks a QuickFIX session applies (required tags, formats, enums,
  tags per message type, order): the counterpart of finmsg's full validation.

Rates are messages per CPU second, best of ``--repeat`` runs. Only the standard
library and quickfix are imported, so it runs in any virtualenv.

    python3 quickfix_side.py --messages FILE --dictionary FIX44.xml
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable


def _best(fn: Callable[[], int], repeat: int) -> float:
    best = float("inf")
    count = 0
    for _ in range(repeat):
        start = time.process_time()
        count = fn()
        best = min(best, time.process_time() - start)
    return count / best


def main() -> int:
    args = argparse.ArgumentParser(description=__doc__)
    args.add_argument("--messages", required=True, help="file of messages, one per line")
    args.add_argument("--dictionary", required=True, help="QuickFIX XML data dictionary")
    args.add_argument("--repeat", type=int, default=3)
    opts = args.parse_args()
    try:
        import quickfix
    except ImportError as exc:
        print(json.dumps({"error": f"quickfix is not importable here: {exc}"}))
        return 0
    with open(opts.messages, "rb") as stream:
        texts = [line.rstrip(b"\n").decode("latin-1") for line in stream if line.strip()]
    dd = quickfix.DataDictionary(opts.dictionary)
    result: dict[str, object] = {
        "version": getattr(quickfix, "__version__", "?"),
        "python": sys.version.split()[0],
        "messages": len(texts),
    }
    try:
        for text in texts[:100]:  # every benchmark message must be valid for quickfix too
            dd.validate(quickfix.Message(text, dd, True))
    except Exception as exc:  # quickfix raises its own exception classes
        result["error"] = f"quickfix rejects a benchmark message: {type(exc).__name__}: {exc}"
        print(json.dumps(result))
        return 0

    def parse() -> int:
        for text in texts:
            quickfix.Message(text, dd, True)
        return len(texts)

    def validate() -> int:
        for text in texts:
            dd.validate(quickfix.Message(text, dd, True))
        return len(texts)

    result["parse"] = _best(parse, opts.repeat)
    result["validate"] = _best(validate, opts.repeat)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
