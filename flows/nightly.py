"""The nightly flow: the table of contents of the pipeline. No stage logic lives here.

fetch → extract → clean → dedup → quotes → write the lake → load DuckDB → report

(No ``from __future__ import annotations`` here: Prefect validates a deployment run's parameters
against these annotations and needs them as real types.)
"""

from datetime import date, datetime, timezone

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact
from prefect.runtime import flow_run

from quotewire import warehouse
from quotewire.report import NightSummary, summarize
from quotewire.settings import Settings
from tasks.clean import clean_articles
from tasks.dedup import dedup_articles, read_history
from tasks.extract import extract_documents
from tasks.fetch import fetch_source, resolve_sources, unique_docs
from tasks.quotes import batches, quote_articles
from tasks.store import load_duckdb, read_night_inputs, write_lake


class AllSourcesFailed(RuntimeError):
    """Every source of the night failed; nothing was stored."""


@flow(name="nightly", log_prints=True)
def nightly(sources: list[str] | None = None, run_date: date | None = None,
            settings: Settings | None = None, reprocess: bool = False) -> dict:
    """Fetch, clean, deduplicate and extract quotations for one night; store it in the lake and DuckDB.

    With ``reprocess`` nothing is fetched: the night's raw layer is processed again with today's code."""
    settings = settings or Settings()
    run_date = run_date or datetime.now(timezone.utc).date()
    logger = get_run_logger()

    # 1. fetch (sources in parallel), skipping articles stored on earlier nights
    if reprocess:
        logger.info("night %s: reprocessing the raw layer", run_date)
        fetched = []
        raw, fetch_log = read_night_inputs(settings.lake, run_date)
    else:
        source_list = resolve_sources(settings, sources)
        logger.info("night %s: %d source(s): %s", run_date, len(source_list),
                    ", ".join(s.name for s in source_list))
        known = frozenset() if settings.refetch else warehouse.known_article_ids(settings.db, exclude=run_date)
        fetched = [f.result() for f in [fetch_source.submit(s, settings, known) for s in source_list]]
        raw = unique_docs(fetched)
        fetch_log = [row for r in fetched for row in r.log]
        if source_list and all(r.failed for r in fetched):
            raise AllSourcesFailed(f"all {len(source_list)} source(s) failed; see the fetch errors above")

    # 2. extract → 3. clean → 4. dedup (against the history of earlier nights)
    articles, extract_log = extract_documents(raw)
    fetch_log += extract_log
    articles = clean_articles(articles)
    history = read_history(settings.lake, run_date, settings.dedup_history_days)
    articles, signatures = dedup_articles(articles, history, settings)

    # 5. quotations, in batches that a Dask cluster can spread over workers
    futures = [quote_articles.submit(batch, settings) for batch in batches(articles, settings.quote_batch_articles)]
    quotes = [row for f in futures for row in f.result()]

    # 6. lake, then warehouse
    written = write_lake(settings.lake, run_date, raw=raw, articles=articles, quotes=quotes,
                         signatures=signatures, fetch_log=fetch_log)
    summary: NightSummary = summarize(run_date, fetched, articles, quotes, fetch_log)
    load_duckdb(settings.db, settings.lake, run_date, summary=summary.as_dict(), flow_run_id=str(flow_run.id))
    for result in fetched:  # only now that the night is stored: remember ETags for the next night
        result.commit_state()
    logger.info("wrote %s", written)
    create_markdown_artifact(summary.markdown(), key="nightly-summary",
                             description=f"quotewire night {run_date}")
    return summary.as_dict()
