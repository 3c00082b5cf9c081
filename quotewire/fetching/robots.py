"""robots.txt per host: allowed(url) and the Crawl-delay, fetched once per host per run.

Rules (RFC 9309): 2xx → parsed; 4xx → everything allowed; 5xx or unreachable → everything
disallowed (a host that cannot serve robots.txt is not crawled tonight).
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

from quotewire.fetching.text import decode_body
from quotewire.fetching.urls import host_of

if TYPE_CHECKING:
    from quotewire.fetching.http import PoliteClient

ROBOTS_MAX_BYTES = 500_000


def robots_url(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))


def parse_robots(text: str) -> RobotFileParser:
    parser = RobotFileParser()
    parser.parse(text.splitlines())
    return parser


def _agent_token(user_agent: str) -> str:
    """The product token robots.txt groups are matched against ("quotewire" of "quotewire/0.1 (...)")."""
    return user_agent.split("/")[0].split()[0] if user_agent.strip() else "*"


def crawl_delay(text: str, user_agent: str) -> float | None:
    """The Crawl-delay of the group that applies to ``user_agent`` (else of ``*``), in seconds.

    Parsed here because urllib's parser only accepts whole seconds; fractions ("0.5") are common.
    """
    token = _agent_token(user_agent).lower()
    groups: list[tuple[list[str], float | None]] = []
    agents: list[str] = []
    delay: float | None = None
    in_rules = False
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if ":" not in line:
            continue
        key, value = (part.strip() for part in line.split(":", 1))
        key = key.lower()
        if key == "user-agent":
            if in_rules:
                groups.append((agents, delay))
                agents, delay, in_rules = [], None, False
            agents.append(value.lower())
        elif agents:
            in_rules = True
            if key == "crawl-delay":
                try:
                    delay = max(0.0, float(value))
                except ValueError:
                    pass
    if agents:
        groups.append((agents, delay))
    star = None
    for names, value in groups:
        if any(name != "*" and name in token for name in names):
            return value
        if "*" in names and star is None:
            star = value
    return star


class RobotsCache:
    def __init__(self, client: "PoliteClient", user_agent: str):
        self.client = client
        self.user_agent = user_agent
        self.agent = _agent_token(user_agent)
        self._rules: dict[str, RobotFileParser] = {}
        self._why: dict[str, str] = {}  # host -> why everything is disallowed (robots.txt failed)
        self._locks: dict[str, asyncio.Lock] = {}

    async def rules(self, url: str) -> RobotFileParser:
        host = host_of(url)
        if host in self._rules:
            return self._rules[host]
        lock = self._locks.setdefault(host, asyncio.Lock())
        async with lock:
            if host not in self._rules:
                self._rules[host] = await self._load(url, host)
        return self._rules[host]

    async def _load(self, url: str, host: str) -> RobotFileParser:
        fetched = await self.client.get(robots_url(url), check_robots=False, max_bytes=ROBOTS_MAX_BYTES)
        parser = RobotFileParser()
        if fetched.ok:
            text = decode_body(fetched.body, fetched.content_type, html=False)
            parser = parse_robots(text)
            delay = crawl_delay(text, self.user_agent)
            if delay:
                self.client.raise_delay(url, delay)
        elif fetched.status is not None and 400 <= fetched.status < 500:
            parser.allow_all = True
        else:
            parser.disallow_all = True
            if fetched.status is None:
                self._why[host] = f"{fetched.error} on robots.txt"
            else:
                self._why[host] = f"robots.txt unavailable ({fetched.error or f'http {fetched.status}'})"
        parser.modified()  # mark as read: can_fetch answers from the rules, not "not yet fetched"
        return parser

    async def allowed(self, url: str) -> bool:
        parser = await self.rules(url)
        return parser.can_fetch(self.agent, url)

    async def refusal(self, url: str) -> str | None:
        """None when ``url`` may be fetched, else the reason: "robots disallowed", or why
        robots.txt could not be read (then the whole host is off limits tonight)."""
        if await self.allowed(url):
            return None
        return self._why.get(host_of(url), "robots disallowed")
