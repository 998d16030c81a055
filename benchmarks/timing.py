"""Shared timing helper for every benchmark script: median µs per call, GC off while timing."""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable

__all__ = ["bench"]


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
