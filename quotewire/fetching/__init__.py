"""Library code of the fetch stage, one module per concern.

- ``urls``: canonical URLs (tracking parameters dropped) and the id they hash to.
- ``text``: decoding bytes (charset from headers/meta, safe fallback) and ISO dates.
- ``local``: folders, ``.txt`` / ``.html`` / ``.jsonl`` files.
- ``warc``: WARC files (warcio).
- ``http``: the polite async HTTP client (timeouts, retries, per-host delay and concurrency).
- ``robots``: robots.txt rules and Crawl-delay.
- ``feeds``, ``sitemaps``: RSS/Atom and XML (and Google-News) sitemaps to article URLs.
- ``state``: ETag / Last-Modified remembered per URL (atomic JSON under ``settings.state_dir``).
- ``remote``: crawling one remote source (page, url list, feed, sitemap) with all of the above.
- ``evaluate``: extraction quality on the saved pages in ``tests/pages``.
"""
