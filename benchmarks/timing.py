"""Shared timing helpers for every benchmark script, GC off while timing.

:func:`bench` gives the median µs per call of one case. :func:`best_of_rounds` is the
robust view on a noisy VM: every round times all cases back to back, and each case
keeps its best round, so all of them see the same fast phases of the host.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable, Mapping

__all__ = ["bench", "best_of_rounds"]


def bench(fn: Callable[[], object], budget: float) -> float:
    """Median microseconds per call over batches of ~50 ms filling ``budget`` seconds."""
    fn()
    start = time.perf_counter()
    fn()
    one = max(time.perf_counter() - start, 1e-7)
    per_batch = max(1, int(0.05 / one))
    samples: list[float] = []
    deadline = time.perf_counter() + budget
    gc.disable()
    try:
        while time.perf_counter() < deadline or len(samples) < 3:
            t0 = time.perf_counter()
            for _ in range(per_batch):
                fn()
            samples.append((time.perf_counter() - t0) / per_batch)
    finally:
        gc.enable()
    return statistics.median(samples) * 1e6


def best_of_rounds(cases: Mapping[str, Callable[[], object]], rounds: int) -> dict[str, float]:
    """Best CPU seconds of one call of each case over ``rounds`` interleaved rounds.

    A case should do enough work per call (a batch of messages) for ``process_time``
    to resolve it; divide by the batch size for a per-message figure.
    """
    best: dict[str, float] = {}
    gc.disable()
    try:
        for _ in range(rounds):
            for name, fn in cases.items():
                start = time.process_time()
                fn()
                spent = time.process_time() - start
                best[name] = min(best.get(name, spent), spent)
    finally:
        gc.enable()
    return best
