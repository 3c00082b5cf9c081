"""What the fetch stage remembers between nights, under ``settings.state_dir`` (JSON, written atomically):

- ``http_validators.json``: ETag / Last-Modified per feed or sitemap URL (conditional GET);
- ``url_aliases.json``: article id of a requested URL → article id of the URL it turned out to be
  (after redirects and ``rel=canonical``), so a listed URL whose canonical article is already stored
  is not fetched again.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
from pathlib import Path

from quotewire.fetching.text import utcnow

FILENAME = "http_validators.json"
ALIASES_FILENAME = "url_aliases.json"
_LOCK = threading.Lock()  # sources fetched in parallel threads share the files


class JsonState:
    """A dict persisted as one JSON file; ``save`` merges this run's changes into the file as it is
    now (another source may have written it meanwhile) and replaces it atomically."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._changes: dict[str, object | None] = {}
        self._data = self._read()

    def _read(self) -> dict:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def get(self, key: str, default=None):
        return self._data.get(key, default)

    def set(self, key: str, value) -> None:
        self._changes[key] = value
        if value is None:
            self._data.pop(key, None)
        else:
            self._data[key] = value

    def save(self) -> None:
        if not self._changes:
            return
        with _LOCK:
            current = self._read()
            for key, value in self._changes.items():
                if value is None:
                    current.pop(key, None)
                else:
                    current[key] = value
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{self.path.stem}-", dir=self.path.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    json.dump(current, fh, indent=1, sort_keys=True)
                os.replace(tmp, self.path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        self._changes.clear()


class ValidatorStore(JsonState):
    def __init__(self, state_dir: Path):
        super().__init__(Path(state_dir) / FILENAME)

    def conditional_headers(self, url: str) -> dict[str, str]:
        entry = self.get(url) or {}
        headers = {}
        if entry.get("etag"):
            headers["If-None-Match"] = entry["etag"]
        if entry.get("last_modified"):
            headers["If-Modified-Since"] = entry["last_modified"]
        return headers

    def remember(self, url: str, etag: str | None, last_modified: str | None) -> None:
        self.set(url, {"etag": etag, "last_modified": last_modified, "checked_at": utcnow().isoformat()}
                 if (etag or last_modified) else None)


class AliasStore(JsonState):
    def __init__(self, state_dir: Path):
        super().__init__(Path(state_dir) / ALIASES_FILENAME)

    def resolve(self, article_id: str) -> str:
        return self.get(article_id) or article_id

    def remember(self, requested_id: str, final_id: str) -> None:
        if requested_id != final_id:
            self.set(requested_id, final_id)
