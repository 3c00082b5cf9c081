"""The Prefect UI, for real: a Prefect server, a nightly run through the CLI, and headless Chromium.

Starts its own server with `quotewire ui` (the UI is not served by the test harness) on a free port with
a temporary PREFECT_HOME, runs `quotewire run` and `quotewire serve` against it, then loads the UI's
pages in Chromium and reads the rendered DOM.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import ROOT, SEED

pytestmark = [pytest.mark.slow, pytest.mark.browser]

BIN = Path(sys.executable).parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise TimeoutError(url)


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    home = tmp_path_factory.mktemp("prefect-home")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false", PREFECT_LOGGING_LEVEL="WARNING")
    log = open(home / "server.log", "w")
    # `quotewire ui` itself: it must point the browser code at this port's API (not Prefect's default 4200)
    proc = subprocess.Popen([str(BIN / "quotewire"), "ui", "--host", "127.0.0.1", "--port", str(port)],
                            env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    env = dict(env, PREFECT_API_URL=f"http://127.0.0.1:{port}/api")
    try:
        wait_for(f"http://127.0.0.1:{port}/api/health")
        yield {"port": port, "env": env, "api": f"http://127.0.0.1:{port}/api", "ui": f"http://127.0.0.1:{port}"}
    finally:
        stop(proc)
        log.close()


def dump_dom(url: str, tmp_path: Path) -> str:
    out = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'chromium'}", "--virtual-time-budget=20000", "--dump-dom", url],
        capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout


@pytest.fixture(scope="module")
def flow_run(server, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("ui-night")
    (tmp / "in").mkdir()
    shutil.copy(SEED, tmp / "in" / "seed.txt")
    done = subprocess.run([str(BIN / "quotewire"), "run", "--source", str(tmp / "in"), "--lake", str(tmp / "lake"),
                           "--db", str(tmp / "qw.duckdb"), "--run-date", "2026-11-27"],
                          env=server["env"], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-3000:]
    runs = httpx.post(f"{server['api']}/flow_runs/filter", json={"limit": 5}).json()
    assert len(runs) == 1
    return runs[0]


def test_nightly_run_is_recorded_with_its_tasks_and_summary(server, flow_run):
    assert flow_run["state_type"] == "COMPLETED"
    tasks = httpx.post(f"{server['api']}/task_runs/filter",
                       json={"flow_runs": {"id": {"any_": [flow_run["id"]]}}, "limit": 50}).json()
    names = {t["task_key"].split("-")[0] for t in tasks}
    assert {"fetch_source", "extract_documents", "clean_articles", "dedup_articles",
            "quote_articles", "write_lake", "load_duckdb"} <= names, names
    assert all(t["state_type"] == "COMPLETED" for t in tasks)
    artifacts = httpx.post(f"{server['api']}/artifacts/filter", json={"limit": 10}).json()
    summary = [a for a in artifacts if a["key"] == "nightly-summary"]
    assert summary and "Anders Fogh Rasmussen" in summary[0]["data"]


@pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (make test installs it with apt)")
def test_the_ui_shows_the_run_in_a_real_browser(server, flow_run, tmp_path):
    dom = dump_dom(f"{server['ui']}/runs/flow-run/{flow_run['id']}", tmp_path)
    assert flow_run["name"] in dom
    assert "nightly" in dom
    assert "Completed" in dom


def test_serve_registers_the_nightly_schedule(server, tmp_path):
    log = open(tmp_path / "serve.log", "w")
    proc = subprocess.Popen([str(BIN / "quotewire"), "serve", "--cron", "30 3 * * *", "--timezone", "Europe/Berlin",
                             "--lake", str(tmp_path / "lake"), "--db", str(tmp_path / "qw.duckdb")],
                            env=server["env"], stdout=log, stderr=subprocess.STDOUT, cwd=ROOT, start_new_session=True)
    try:
        deadline, found = time.monotonic() + 120, []
        while time.monotonic() < deadline and not found:
            assert proc.poll() is None, (tmp_path / "serve.log").read_text()[-3000:]
            found = httpx.post(f"{server['api']}/deployments/filter", json={"limit": 5}).json()
            time.sleep(1)
        assert [d["name"] for d in found] == ["nightly"]
        schedules = found[0]["schedules"]
        assert [(s["schedule"]["cron"], s["schedule"]["timezone"]) for s in schedules] == [("30 3 * * *", "Europe/Berlin")]
        assert found[0]["parameters"]["settings"]["db"] == str(tmp_path / "qw.duckdb")
        if CHROMIUM:
            dom = dump_dom(f"{server['ui']}/deployments/deployment/{found[0]['id']}", tmp_path)
            assert "nightly" in dom
            assert any(s in dom for s in ("30 3 * * *", "03:30", "3:30")), "schedule not shown"
        # a run of the deployment (what the schedule creates each night) is picked up and completes
        (tmp_path / "in").mkdir()
        shutil.copy(SEED, tmp_path / "in" / "seed.txt")
        run = httpx.post(f"{server['api']}/deployments/{found[0]['id']}/create_flow_run",
                         json={"parameters": {"sources": [str(tmp_path / "in")]}}).json()
        deadline, state = time.monotonic() + 180, None
        while time.monotonic() < deadline and state not in ("COMPLETED", "FAILED", "CRASHED"):
            time.sleep(2)
            state = httpx.get(f"{server['api']}/flow_runs/{run['id']}").json()["state_type"]
        assert state == "COMPLETED", (tmp_path / "serve.log").read_text()[-3000:]
        assert (tmp_path / "qw.duckdb").exists()
    finally:
        stop(proc)
        log.close()
