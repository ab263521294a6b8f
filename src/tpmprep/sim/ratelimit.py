"""Rate limiters (token bucket, fixed window, sliding window log and counter) over a request trace.

Each limiter allows ``limit`` requests per ``window`` seconds:

- ``token_bucket``: tokens refill at ``limit / window`` per second up to ``burst`` (default
  ``limit``); a request takes one token or is rejected. Bursts up to ``burst`` pass at once.
- ``fixed_window``: at most ``limit`` accepted per calendar window ``[k W, (k+1) W)``. Its flaw:
  ``limit`` requests just before an edge and ``limit`` just after are all accepted, so up to
  **2 x limit** pass within a short interval (see :func:`boundary_burst_trace`).
- ``sliding_log``: remembers every accepted time; accepts if fewer than ``limit`` in the last
  ``W`` seconds. Exact, but memory grows with the limit.
- ``sliding_counter``: two counters; estimates the last ``W`` seconds as
  ``previous window count x share of it still inside + current count`` (the approximation
  Cloudflare described in "How we built rate limiting capable of scaling to millions of
  domains", 2017). Nearly exact with two integers per client.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from tpmprep import validate
from tpmprep.exceptions import CalculationError
from tpmprep.sim.arrivals import arrival_times

__all__ = [
    "LIMITERS",
    "RateLimitResult",
    "boundary_burst_trace",
    "bursty_request_times",
    "max_in_any_window",
    "simulate_rate_limit",
]

LIMITERS = ("token_bucket", "fixed_window", "sliding_log", "sliding_counter")


def max_in_any_window(times: Any, window: float) -> int:
    """Most events in any interval ``[t, t + window)``.

    Parameters
    ----------
    times : array_like
        Event times, seconds.
    window : float
        Interval length, seconds.

    Returns
    -------
    int
        The maximum count.
    """
    import numpy as np

    t = np.sort(np.asarray(times, dtype=float))
    if t.size == 0:
        return 0
    return int((np.searchsorted(t, t + window, side="left") - np.arange(t.size)).max())


@dataclass(frozen=True)
class RateLimitResult:
    """Which requests a limiter accepted.

    Attributes
    ----------
    algorithm : str
        The limiter.
    limit : int
        Requests allowed per window.
    window : float
        Window length, seconds.
    times : numpy.ndarray
        Request times, seconds.
    accepted : numpy.ndarray of bool
        Whether each request was accepted.
    """

    algorithm: str
    limit: int
    window: float
    times: Any = field(repr=False)
    accepted: Any = field(repr=False)

    @property
    def accepted_count(self) -> int:
        """Requests accepted."""
        return int(self.accepted.sum())

    @property
    def rejected_count(self) -> int:
        """Requests rejected."""
        return int(self.accepted.size - self.accepted.sum())

    @property
    def peak_window(self) -> int:
        """Most accepted requests in any ``window``-long interval (the limit, or up to 2x it)."""
        return max_in_any_window(self.times[self.accepted], self.window)

    def timeline(self, bin_width: float | None = None) -> tuple[Any, Any, Any]:
        """Count accepted and rejected requests per time bin, for plotting.

        Parameters
        ----------
        bin_width : float, optional
            Bin width in seconds (default: a tenth of the window).

        Returns
        -------
        tuple of numpy.ndarray
            Bin edges, accepted counts, rejected counts.
        """
        import numpy as np

        width = self.window / 10 if bin_width is None else validate.positive("bin_width", bin_width)
        end = float(self.times.max()) if self.times.size else 0.0
        edges = np.arange(0.0, end + width, width)
        if edges.size < 2:
            edges = np.array([0.0, width])
        acc, _ = np.histogram(self.times[self.accepted], edges)
        rej, _ = np.histogram(self.times[~self.accepted], edges)
        return edges, acc, rej

    def summary(self) -> str:
        """Summarise accepted, rejected and the busiest window against the limit.

        Returns
        -------
        str
            The summary.
        """
        n = self.accepted.size
        return (
            f"{self.algorithm.replace('_', ' ')} ({self.limit} per {self.window:g} s): "
            f"accepted {self.accepted_count:,} of {n:,} ({self.accepted_count / n:.0%}), "
            f"rejected {self.rejected_count:,}; busiest {self.window:g} s: {self.peak_window} "
            f"accepted ({self.peak_window / self.limit:.2g}x the limit)"
        )


def _fixed_window(t: Any, limit: int, window: float) -> Any:
    import numpy as np

    w = np.floor(t / window)
    rank = np.arange(t.size) - np.searchsorted(w, w, side="left")
    return rank < limit


def _token_bucket(t: list, limit: int, window: float, burst: float) -> list[bool]:
    rate = limit / window
    tokens, last = burst, t[0]
    out = [False] * len(t)
    for j, now in enumerate(t):
        tokens += (now - last) * rate
        if tokens > burst:
            tokens = burst
        last = now
        if tokens >= 1.0:
            tokens -= 1.0
            out[j] = True
    return out


def _sliding_log(t: list, limit: int, window: float) -> list[bool]:
    log: deque[float] = deque()
    out = [False] * len(t)
    for j, now in enumerate(t):
        while log and log[0] <= now - window:
            log.popleft()
        if len(log) < limit:
            log.append(now)
            out[j] = True
    return out


def _sliding_counter(t: list, limit: int, window: float) -> list[bool]:
    out = [False] * len(t)
    index, current, previous = 0, 0, 0  # window number, accepted in it, in the one before
    for j, now in enumerate(t):
        k = int(now // window)
        if k != index:
            previous = current if k == index + 1 else 0
            current, index = 0, k
        estimate = previous * (1.0 - (now - k * window) / window) + current
        if estimate < limit:
            current += 1
            out[j] = True
    return out


def simulate_rate_limit(
    times: Sequence[float] | Any,
    algorithm: str = "token_bucket",
    *,
    limit: int = 100,
    window: float = 1.0,
    burst: float | None = None,
) -> RateLimitResult:
    """Run a rate limiter over request ``times`` and record which requests pass.

    Parameters
    ----------
    times : sequence of float
        Request times in seconds (sorted here if they are not).
    algorithm : str
        ``token_bucket``, ``fixed_window``, ``sliding_log`` or ``sliding_counter``.
    limit : int
        Requests allowed per window.
    window : float
        Window length, seconds (token bucket: refill ``limit / window`` per second).
    burst : float, optional
        Token bucket size (default ``limit``).

    Returns
    -------
    RateLimitResult
        The decision for every request.

    Raises
    ------
    CalculationError
        If the trace is empty or has negative times, a parameter is not positive, or the
        algorithm is unknown (the message lists the valid ones).
    """
    import numpy as np

    algorithm = validate.choice("algorithm", algorithm, LIMITERS)
    limit = validate.count("limit", limit)
    window = validate.positive("window", window)
    try:
        t = np.sort(np.asarray(times, dtype=float).ravel())
    except (TypeError, ValueError):
        raise CalculationError("times", "give request times as numbers (seconds)") from None
    if t.size == 0:
        raise CalculationError("times", "is empty; give at least one request time")
    if not np.isfinite(t).all() or t[0] < 0:
        raise CalculationError("times", "request times must be finite and not negative")
    if algorithm == "fixed_window":
        accepted = _fixed_window(t, limit, window)
    else:
        tl = t.tolist()
        if algorithm == "token_bucket":
            size = float(limit) if burst is None else validate.positive("burst", burst)
            decided = _token_bucket(tl, limit, window, size)
        elif algorithm == "sliding_log":
            decided = _sliding_log(tl, limit, window)
        else:
            decided = _sliding_counter(tl, limit, window)
        accepted = np.array(decided, dtype=bool)
    return RateLimitResult(algorithm, limit, window, t, accepted)


def bursty_request_times(
    duration: float,
    rate: float,
    *,
    burst_factor: float = 5.0,
    burst_share: float = 0.1,
    burst_length: float = 1.0,
    seed: int | None = 0,
) -> Any:
    """Request times over ``duration`` seconds: Poisson with on/off bursts (see ``arrivals``).

    Parameters
    ----------
    duration : float
        Length of the trace, seconds.
    rate : float
        Mean requests per second.
    burst_factor : float
        Peak-to-mean rate in a burst (1: plain Poisson).
    burst_share : float
        Share of time in bursts.
    burst_length : float
        Mean burst duration, seconds.
    seed : int, optional
        Seed.

    Returns
    -------
    numpy.ndarray
        Sorted request times in ``[0, duration)``.

    Raises
    ------
    CalculationError
        If a parameter is out of range.
    """
    duration = validate.positive("duration", duration)
    rate = validate.positive("rate", rate)
    n = max(1, int(rate * duration * 1.5 + 50))
    while True:
        t = arrival_times(
            n,
            rate,
            burst_factor=burst_factor,
            burst_share=burst_share,
            burst_length=burst_length,
            seed=seed,
        )
        if t[-1] >= duration:
            return t[t < duration]
        n *= 2


def boundary_burst_trace(limit: int = 100, window: float = 1.0, spread: float = 0.05) -> Any:
    """``limit`` requests just before a window edge and ``limit`` just after it.

    A fixed window accepts all ``2 x limit`` of them, within ``2 x spread x window`` seconds.

    Parameters
    ----------
    limit : int
        Requests on each side of the edge.
    window : float
        Window length, seconds; the edge is at ``window``.
    spread : float
        Share of a window each group spans, in (0, 0.5].

    Returns
    -------
    numpy.ndarray
        Request times, seconds.

    Raises
    ------
    CalculationError
        If a parameter is out of range.
    """
    import numpy as np

    limit = validate.count("limit", limit)
    window = validate.positive("window", window)
    spread = validate.probability("spread", spread)
    if not 0 < spread <= 0.5:
        raise CalculationError("spread", f"must lie in (0, 0.5], got {spread}")
    step = spread * window / limit
    before = window - step * np.arange(limit, 0, -1)
    after = window + step * np.arange(limit)
    return np.concatenate((before, after))
