# The two commands of the README: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip install --quiet --constraint constraints.txt
PROJECTS := -e libs/lab_common[ml,data,vectors] -e libs/archilab -e services/cnn -e services/nlp -e services/trainer -e services/gateway
MANIFESTS := constraints.txt requirements-dev.txt $(wildcard libs/*/pyproject.toml services/*/pyproject.toml)

.PHONY: run test install lint bench clean

run: $(VENV)/.runtime
	$(BIN)/archilab up

test: $(VENV)/.dev
	$(BIN)/python -m pytest

lint: $(VENV)/.dev
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

bench: $(VENV)/.dev
	$(BIN)/python bench/vision_serving.py; status=$$?; \
	$(BIN)/python bench/sentiment_serving.py || status=1; \
	$(BIN)/python bench/jobs.py || status=1; \
	exit $$status

install: $(VENV)/.dev

$(VENV)/.runtime: $(MANIFESTS)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(PIP) $(PROJECTS)
	touch $@

$(VENV)/.dev: $(VENV)/.runtime
	$(PIP) -r requirements-dev.txt
	touch $@

clean:
	rm -rf $(VENV)
