# cartel-atlas: every target bootstraps .venv from pyproject.toml; nothing installed by hand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: run test lint eval bench install system-deps clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

# Debian's chromium for the browser tests (never `playwright install`); skipped when present
# or when apt is unavailable (a user's laptop), where browser tests then skip with a reason.
system-deps:
	@if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi

run: $(STAMP)
	$(BIN)/cartel-atlas demo

test: $(STAMP) system-deps
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/lint-imports
	$(BIN)/mypy

eval: $(STAMP)
	$(BIN)/python -m cartel_atlas.serve.cli.eval_cmd --corpus $(SHARED)/corpus/dev --scorer $(SHARED)/eval/score.py --baseline tests/eval_baseline.json --samples-gold tests/resources/samples_gold.jsonl

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache
