"""How often one visit may rerun the app: a token bucket, so one flooding client cannot slow everyone else.

A visit may run ``burst`` times in a row at once; after that, ``rate`` runs a second. A person never meets the
limit: a slider moved with the keyboard sends about 10 changes a second, and Streamlit folds changes that arrive
during a wait into one run, so the last value always shows. A client that sends hundreds of reruns a second gets
``rate`` runs, and while it waits its thread sleeps and uses no CPU. The wait is capped at ``max_wait`` seconds.

Pure and clock-free: the caller passes the time, so the tests need no sleeping.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

__all__ = ["BURST", "MAX_WAIT", "RATE", "Bucket", "take"]

RATE = 8.0  # runs a second, after the burst
BURST = 20  # runs at once (a page with many parts moved fast by a person stays under it)
MAX_WAIT = 1.0  # s: the longest one run waits


@dataclass(frozen=True)
class Bucket:
    tokens: float = float(BURST)
    at: float = 0.0  # the clock reading of the last take (s)
    rate: float = RATE
    burst: int = BURST


def take(bucket: Bucket | None, now: float, max_wait: float = MAX_WAIT) -> tuple[Bucket, float]:
    """One run at time ``now``: the bucket after it, and how long the run must wait first (0 if it need not).

    >>> bucket, wait = take(None, now=100.0)
    >>> wait
    0.0
    >>> for _ in range(BURST - 1):
    ...     bucket, wait = take(bucket, now=100.0)
    >>> wait
    0.0
    >>> bucket, wait = take(bucket, now=100.0)  # one more, at once: wait for one token
    >>> round(wait, 3) == round(1 / RATE, 3)
    True
    """
    if bucket is None:
        bucket = Bucket(at=now)
    tokens = min(float(bucket.burst), bucket.tokens + max(0.0, now - bucket.at) * bucket.rate)
    if tokens >= 1.0:
        return replace(bucket, tokens=tokens - 1.0, at=now), 0.0
    wait = min(max_wait, (1.0 - tokens) / bucket.rate)
    # The run goes after the wait, paying with the token that arrives then.
    return replace(bucket, tokens=tokens + wait * bucket.rate - 1.0, at=now + wait), wait
