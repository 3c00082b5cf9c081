# quotewire — two commands: `make run` and `make test`. Both set up .venv first.
PY        ?= python3.11
VENV      := .venv
BIN       := $(VENV)/bin
STAMP     := $(VENV)/.installed
export PREFECT_HOME ?= $(CURDIR)/.prefect
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS ?= 120
export PREFECT_UI_ENABLED ?= true

.PHONY: setup run test bench lock browser clean

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python -c "import spacy, quotewire.settings as s; spacy.load(s.Settings().spacy_model)"
	touch $(STAMP)

# One nightly run on the sample data shipped in data/samples (no network, no server to start).
run: setup
	$(BIN)/quotewire run

test: setup browser
	$(BIN)/python -m pytest -q -p no:cacheprovider

# Headless Chromium for the UI test (Debian package). Skipped quietly when apt is not available.
browser:
	@command -v chromium >/dev/null 2>&1 || (command -v apt-get >/dev/null 2>&1 && \
	  (apt-get update -qq >/dev/null 2>&1; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1) ) || true

bench: setup
	$(BIN)/python -m bench

lock:
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^quotewire' > requirements.lock.new
	mv requirements.lock.new requirements.lock

clean:
	rm -rf data/lake data/quotewire.duckdb data/state
