"""Extract stage: RawDocs to Articles (main text + metadata) with trafilatura, htmldate as the date
fallback. Pure functions first, the Prefect task at the bottom."""

from __future__ import annotations

import logging
import re
from datetime import datetime, timezone

from prefect import task
from prefect.cache_policies import NO_CACHE

from quotewire.fetching.text import parse_iso_datetime_or_none, utcnow
from quotewire.records import Article, FetchLogRow, RawDoc

log = logging.getLogger(__name__)
# trafilatura and htmldate log every page they cannot parse at ERROR; here such a page becomes a
# fetch_log row ("no main text"), so their own messages would only repeat it as noise.
for _name in ("trafilatura", "htmldate"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

NO_MAIN_TEXT = "no main text"
#: an HTML page whose main text is shorter than this is a menu or an error page, not an article
MIN_HTML_TEXT_CHARS = 25
#: htmldate options: the original publication date, with its time and offset when the page has them
DATE_PARAMS = {"extensive_search": True, "original_date": True, "outputformat": "%Y-%m-%dT%H:%M:%S%z"}
_BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")


def normalize_plain_text(text: str) -> str:
    """Plain text as is, except: unified line endings, no trailing spaces, at most one blank line
    between paragraphs, no leading/trailing blank lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _TRAILING_SPACE.sub("\n", text)
    text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()


def drop_heading(text: str, title: str | None) -> str:
    """Without a first line that only repeats the title (trafilatura keeps the page's <h1>)."""
    if not title:
        return text
    first, _, rest = text.partition("\n")
    if rest and " ".join(first.split()).casefold() == " ".join(title.split()).casefold():
        return rest.lstrip("\n")
    return text


def fallback_date(html: str, url: str | None = None) -> datetime | None:
    """htmldate's original publication date (used when trafilatura found none)."""
    try:
        from htmldate import find_date

        found = find_date(html, url=url, **DATE_PARAMS)
    except Exception:  # htmldate is best effort on broken pages
        return None
    return parse_iso_datetime_or_none(found)


def guess_language(text: str) -> str | None:
    """A language code for text long enough to tell (py3langid); None for short text."""
    if len(text) < 40:
        return None
    try:
        import py3langid

        lang, _ = py3langid.classify(text[:5000])
        return lang
    except Exception:  # pragma: no cover
        return None


def extract_html(html: str, url: str | None = None) -> dict | None:
    """trafilatura's main text and metadata of a page as a dict (text, title, author, date,
    sitename, language), or None when there is no main text."""
    import trafilatura

    if not html or not html.strip():
        return None
    try:
        doc = trafilatura.bare_extraction(
            html, url=url if url and url.startswith("http") else None, with_metadata=True,
            include_comments=False, include_tables=False, include_images=False, include_links=False,
            favor_precision=False, deduplicate=False, date_extraction_params=DATE_PARAMS,
        )
    except Exception as exc:  # broken markup: no text rather than a crash
        log.debug("trafilatura failed on %s: %s", url, exc)
        return None
    if doc is None:
        return None
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = data.get("text") or ""
    if len(text.strip()) < MIN_HTML_TEXT_CHARS:
        return None
    return {
        "text": text,
        "title": data.get("title") or None,
        "author": data.get("author") or None,
        "date": data.get("date") or None,
        "sitename": data.get("sitename") or None,
        "language": data.get("language") or None,
    }


def extract_article(raw: RawDoc) -> Article | None:
    """Main text + metadata of one RawDoc; None when there is no text.

    kind "text": the text as is (paragraph breaks kept). kind "html": trafilatura's main text
    (one paragraph per line; typographic quotes untouched) and metadata; htmldate gives the date
    when trafilatura finds none. Metadata the source gave (title, outlet, published_at) wins.
    """
    author = language = None
    title, outlet, published = raw.title, raw.outlet, raw.published_at
    if raw.kind == "html":
        found = extract_html(raw.body, raw.url)
        if found is None:
            return None
        text = drop_heading(normalize_plain_text(found["text"]), title or found["title"])
        title = title or found["title"]
        outlet = outlet or found["sitename"]
        author = found["author"]
        language = found["language"]
        if published is None:
            published = parse_iso_datetime_or_none(found["date"]) or fallback_date(raw.body, raw.url)
    else:
        text = normalize_plain_text(raw.body)
    if not text:
        return None
    if language:
        language = language.split("-")[0].split("_")[0].lower() or None
    language = language or guess_language(text)
    if published is not None and published.tzinfo is None:
        published = published.replace(tzinfo=timezone.utc)
    return Article(article_id=raw.article_id, source=raw.source, url=raw.url, text=text,
                   title=title.strip() if title else None, outlet=outlet, author=author,
                   published_at=published, language=language)


def extract_batch(raw_docs: list[RawDoc]) -> tuple[list[Article], list[FetchLogRow]]:
    """Articles of the docs that have text, and an error row ("no main text") for each that has not."""
    articles: list[Article] = []
    rows: list[FetchLogRow] = []
    for raw in raw_docs:
        try:
            article = extract_article(raw)
        except Exception as exc:  # one bad page must not stop the night
            log.exception("extract failed for %s", raw.url)
            article = None
            reason = f"extract failed ({type(exc).__name__}: {exc})"
        else:
            reason = NO_MAIN_TEXT
        if article is None:
            rows.append(FetchLogRow(source=raw.source, url=raw.url, status="error", reason=reason,
                                    http_status=raw.http_status, attempts=0, fetched_at=utcnow()))
        else:
            articles.append(article)
    return articles, rows


# ---------------------------------------------------------------------------------------- Prefect
@task(name="extract", cache_policy=NO_CACHE)
def extract_documents(raw_docs: list[RawDoc]) -> tuple[list[Article], list[FetchLogRow]]:
    return extract_batch(raw_docs)
