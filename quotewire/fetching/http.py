"""The polite async HTTP client.

- connect/read timeouts; a read timeout is not retried (a server that does not answer is not hit again)
- retries with exponential backoff and full jitter on connection errors, 429 and 5xx; ``Retry-After``
  honoured (and applied to the whole host); a Retry-After longer than ``backoff_max_s`` ends retrying
- per-host concurrency (semaphore, per client) and per-host delay between request starts
  (``max(settings.host_delay_s, robots Crawl-delay)``, one clock per host for the whole process,
  so sources fetched in parallel share it), plus a global concurrency cap
- robots.txt checked before every request (each redirect hop too), configurable User-Agent
- redirects followed by hand, with a cap and loop detection
- a maximum body size (Content-Length checked first, then the stream is cut)

The outcome of a GET is a :class:`Fetched` (never an exception): ``error`` holds a one-line reason.
"""

from __future__ import annotations

import asyncio
import email.utils
import random
import threading
import time
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import urljoin

import httpx

from quotewire.fetching.robots import RobotsCache
from quotewire.fetching.urls import host_of
from quotewire.settings import Settings

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504, 507, 508, 509, 520, 521, 522, 523, 524})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


@dataclass
class Fetched:
    url: str  # the requested URL
    final_url: str  # after redirects
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    body: bytes = b""
    attempts: int = 0  # requests sent for the final URL (1 + retries)
    elapsed_ms: float = 0.0
    error: str | None = None  # one-line reason when the fetch failed
    stopped_at: str | None = None  # a redirect target ``stop_at`` said not to follow

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None and 200 <= self.status < 300

    @property
    def not_modified(self) -> bool:
        return self.error is None and self.status == 304

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date); None if absent/bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def backoff_delay(attempt: int, base: float, cap: float, rng: random.Random | None = None) -> float:
    """Exponential backoff with full jitter: uniform in [0, min(cap, base * 2**(attempt-1))], never
    below a tenth of it (so retries do not hammer at once)."""
    ceiling = min(cap, base * (2 ** max(0, attempt - 1)))
    r = (rng or random).uniform(0.1, 1.0)
    return ceiling * r


# When each host may next be asked, shared by every client in the process (sources fetched in
# parallel threads that hit the same host share one politeness clock). time.monotonic() seconds.
_HOST_NEXT: dict[str, float] = {}
_HOST_NEXT_LOCK = threading.Lock()


def reserve_slot(host: str, delay: float, not_before: float = 0.0) -> float:
    """Reserve the next request start for ``host``; returns how long to wait from now (>= 0)."""
    with _HOST_NEXT_LOCK:
        now = time.monotonic()
        start = max(now, _HOST_NEXT.get(host, 0.0), not_before)
        _HOST_NEXT[host] = start + delay
    return start - now


def push_back(host: str, seconds: float) -> None:
    """Nobody asks ``host`` again for ``seconds`` (Retry-After)."""
    with _HOST_NEXT_LOCK:
        _HOST_NEXT[host] = max(_HOST_NEXT.get(host, 0.0), time.monotonic() + seconds)


class _Host:
    def __init__(self, name: str, concurrency: int, delay: float):
        self.name = name
        self.semaphore = asyncio.Semaphore(concurrency)
        self.delay = delay


class PoliteClient:
    """``async with PoliteClient(settings) as client: fetched = await client.get(url)``."""

    def __init__(self, settings: Settings, *, respect_robots: bool = True, rng: random.Random | None = None):
        self.settings = settings
        self.respect_robots = respect_robots
        self.rng = rng or random.Random()
        self._hosts: dict[str, _Host] = {}
        self._total = asyncio.Semaphore(settings.total_concurrency)
        self._client: httpx.AsyncClient | None = None
        self.robots = RobotsCache(self, settings.user_agent)
        self.requests_sent = 0

    async def __aenter__(self) -> "PoliteClient":
        s = self.settings
        timeout = httpx.Timeout(connect=s.connect_timeout_s, read=s.read_timeout_s, write=s.read_timeout_s,
                                pool=None)
        limits = httpx.Limits(max_connections=s.total_concurrency,
                              max_keepalive_connections=s.total_concurrency)
        self._client = httpx.AsyncClient(timeout=timeout, limits=limits, follow_redirects=False,
                                         headers={"User-Agent": s.user_agent,
                                                  "Accept-Encoding": "gzip, deflate"},
                                         trust_env=False)
        return self

    async def __aexit__(self, *exc) -> None:
        if self._client is not None:
            await self._client.aclose()

    def host(self, url: str) -> _Host:
        key = host_of(url)
        if key not in self._hosts:
            self._hosts[key] = _Host(key, self.settings.host_concurrency, self.settings.host_delay_s)
        return self._hosts[key]

    def raise_delay(self, url: str, delay: float) -> None:
        """A host's delay becomes ``delay`` when that is larger (robots.txt Crawl-delay)."""
        h = self.host(url)
        h.delay = max(h.delay, delay)

    async def _slot(self, h: _Host) -> None:
        wait = reserve_slot(h.name, h.delay)
        if wait > 0:
            await asyncio.sleep(wait)

    async def get(self, url: str, headers: dict[str, str] | None = None, *, check_robots: bool = True,
                  max_bytes: int | None = None, stop_at: Callable[[str], bool] | None = None) -> Fetched:
        """GET ``url`` politely; follows redirects (not to a URL for which ``stop_at`` is true: then
        ``stopped_at`` is that URL and nothing more is requested); never raises."""
        started = time.perf_counter()
        out = Fetched(url=url, final_url=url)
        try:
            await self._get(out, headers or {}, check_robots and self.respect_robots,
                            max_bytes or self.settings.max_body_bytes, stop_at)
        except Exception as exc:  # anything httpx or the network throws that we did not foresee
            out.error = f"{type(exc).__name__}: {exc}"
        out.elapsed_ms = (time.perf_counter() - started) * 1000
        return out

    async def _get(self, out: Fetched, headers: dict[str, str], check_robots: bool, max_bytes: int,
                   stop_at: Callable[[str], bool] | None) -> None:
        seen = {out.url}
        current = out.url
        for hop in range(self.settings.max_redirects + 1):
            refusal = await self.robots.refusal(current) if check_robots else None
            if refusal:
                out.error = refusal
                return
            await self._attempts(out, current, headers, max_bytes)
            if out.error or out.status not in REDIRECT_STATUSES:
                return
            location = out.headers.get("location")
            if not location:
                out.error = f"http {out.status} without Location"
                return
            nxt = urljoin(current, location)
            if nxt in seen:
                out.error = f"redirect loop ({out.status} back to {nxt})"
                return
            seen.add(nxt)
            current = out.final_url = nxt
            if stop_at is not None and stop_at(nxt):
                out.stopped_at = nxt
                return
        out.error = f"too many redirects (> {self.settings.max_redirects})"

    async def _attempts(self, out: Fetched, url: str, headers: dict[str, str], max_bytes: int) -> None:
        s = self.settings
        h = self.host(url)
        out.attempts = 0
        for attempt in range(1, s.max_retries + 2):
            out.attempts = attempt
            out.status, out.headers, out.body, out.error = None, {}, b"", None
            retryable = False
            wait: float | None = None
            async with h.semaphore, self._total:
                await self._slot(h)
                try:
                    await self._send(out, url, headers, max_bytes)
                except httpx.ReadTimeout:
                    out.error = "timeout (no answer)"  # not retried: it would only wait again
                except httpx.TimeoutException as exc:  # connect/pool/write timeouts: retried
                    out.error, retryable = f"timeout ({type(exc).__name__})", True
                except (httpx.ConnectError, httpx.ReadError, httpx.WriteError, httpx.RemoteProtocolError) as exc:
                    out.error, retryable = f"connection error ({type(exc).__name__}: {exc})", True
                except httpx.HTTPError as exc:
                    out.error = f"http error ({type(exc).__name__}: {exc})"
            if out.error is None and out.status in RETRY_STATUSES:
                retryable = True
                retry_after = parse_retry_after(out.headers.get("retry-after"))
                if retry_after is not None:
                    if retry_after > s.backoff_max_s:
                        out.error = f"http {out.status} (Retry-After {retry_after:.0f}s too long)"
                        return
                    wait = retry_after
                    push_back(h.name, retry_after)  # the whole host waits, for every client
            if not retryable:
                return
            if attempt > s.max_retries:
                break
            await asyncio.sleep(wait if wait is not None else backoff_delay(attempt, s.backoff_base_s,
                                                                             s.backoff_max_s, self.rng))
        if out.error is None:
            out.error = f"http {out.status}"
        out.error += f" after {out.attempts} attempts" if out.attempts > 1 else ""

    async def _send(self, out: Fetched, url: str, headers: dict[str, str], max_bytes: int) -> None:
        assert self._client is not None, "use PoliteClient as an async context manager"
        self.requests_sent += 1
        async with self._client.stream("GET", url, headers=headers) as resp:
            out.status = resp.status_code
            out.headers = {k.lower(): v for k, v in resp.headers.items()}
            if resp.status_code in REDIRECT_STATUSES or resp.status_code == 304 or resp.status_code >= 400:
                return  # no body needed
            length = out.headers.get("content-length", "")
            if length.isdigit() and int(length) > max_bytes:
                out.error = f"too large ({int(length)} bytes > {max_bytes})"
                return
            chunks: list[bytes] = []
            size = 0
            async for chunk in resp.aiter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    out.error = f"too large (> {max_bytes} bytes)"
                    return
                chunks.append(chunk)
            out.body = b"".join(chunks)
