"""Shared fixtures. One Prefect test server for the whole session (it costs ~13 s to start)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"
SEED = SAMPLES / "nato-missile-defense.txt"  # the project's seed article (../shared/seeds/000_0a323df07f1ac884.txt), shipped

os.environ.setdefault("PREFECT_HOME", str(ROOT / ".prefect"))
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

# Property tests explore new random inputs on developers' machines; in CI they replay a fixed
# sequence, so a landing never depends on the luck of the draw.
from hypothesis import settings as _hypothesis_settings  # noqa: E402

_hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    _hypothesis_settings.load_profile("ci")


@pytest.fixture(scope="session")
def prefect_harness():
    """A temporary Prefect API (SQLite) shared by every test that runs a flow."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture
def settings(tmp_path):
    """Settings pointing every writable path into the test's tmp_path; no host delay."""
    from quotewire.settings import Settings

    return Settings(lake=tmp_path / "lake", db=tmp_path / "qw.duckdb", state_dir=tmp_path / "state",
                    sources_file=tmp_path / "no-sources.toml", samples_dir=SAMPLES, host_delay_s=0.0)


@pytest.fixture
def model_dir(tmp_path):
    """The extractor's learned models read from tmp_path instead of the shipped ones (empty: none)."""
    from quotewire import learned

    folder = tmp_path / "models"
    folder.mkdir()
    with learned.models_from(folder):
        yield folder
