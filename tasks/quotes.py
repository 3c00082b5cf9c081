"""Quotes stage: articles to rows of the ``quotes`` layer.

The extractor itself (quotation marks, cues, speakers) is :mod:`quotewire.attribution`, which needs
no Prefect, so ``quotewire quotes`` and the evaluation start fast; this module is the stage: pure
row building first, the Prefect task over a batch last.
"""

from __future__ import annotations

from prefect import task
from prefect.cache_policies import NO_CACHE

from quotewire import ids
from quotewire.attribution import extract_many, extract_quotes, load_nlp  # noqa: F401  (the stage's API)
from quotewire.records import Article, Quote
from quotewire.settings import Settings


def batches(articles: list[Article], size: int) -> list[list[Article]]:
    """Articles in batches of ``size`` (one quote task each; at least one, possibly empty, batch)."""
    return [articles[i:i + size] for i in range(0, len(articles), size)] or [[]]


def quote_row(article_id: str, q: Quote) -> dict:
    """One row of the ``quotes`` layer (every column of ``schemas.QUOTES`` but ``run_date``)."""
    return {
        "quote_id": ids.quote_id(article_id, q.start, q.end),
        "article_id": article_id,
        "unique_quote_id": ids.unique_quote_id(q.text),
        "start": q.start, "end": q.end, "text": q.text, "type": q.type,
        "speaker": q.speaker, "speaker_start": q.speaker_start, "speaker_end": q.speaker_end,
        "speaker_name": q.speaker_name, "speaker_role": q.speaker_role,
        "cue": q.cue, "cue_start": q.cue_start, "cue_end": q.cue_end,
        "confidence": q.confidence,
    }


def quote_rows(articles: list[Article], settings: Settings | None = None) -> list[dict]:
    """Quotations of the English (or undetected-language) articles; others are stored, not parsed."""
    settings = settings or Settings()
    todo = [a for a in articles if not a.language or a.language == "en"]
    nlp = load_nlp(settings.spacy_model)
    texts = list(dict.fromkeys(a.text for a in todo))  # copies with the same text are parsed once
    results = dict(zip(texts, extract_many(texts, nlp=nlp, n_process=settings.quote_processes,
                                           batch_size=settings.quote_batch_size)))
    return [quote_row(art.article_id, q) for art in todo for q in results[art.text]]


@task(name="extract-quotes", cache_policy=NO_CACHE)
def quote_articles(articles: list[Article], settings: Settings | None = None) -> list[dict]:
    return quote_rows(articles, settings)
