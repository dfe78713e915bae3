# The two commands of the README:
#   make build   builds every map and export into maps/
#   make test    runs ruff, the page's Node tests and every Python test
# Both install what they need the first time: a .venv with the Python
# packages, the npm packages under assets/ (Leaflet, basemap data) with the
# copy of the files the maps use in geo/_assets/ (assets/collect.py, which
# the wheel build runs too), and Debian's chromium for the browser tests.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY_STAMP := $(VENV)/.installed
NPM_STAMP := assets/node_modules/.installed
ASSETS_STAMP := geo/_assets/MANIFEST.json
CHROMIUM := /usr/bin/chromium
NPM := $(shell command -v npm || echo /usr/bin/npm)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: build test setup clean

build: $(PY_STAMP) $(ASSETS_STAMP)
	$(BIN)/geo build

test: $(PY_STAMP) $(ASSETS_STAMP) $(CHROMIUM)
	$(BIN)/ruff check geo tests bench notebooks setup.py assets/collect.py
	$(BIN)/ruff format --check geo tests bench notebooks setup.py assets/collect.py
	node --test tests/js/
	$(BIN)/pytest

setup: $(PY_STAMP) $(ASSETS_STAMP)

$(PY_STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# The distribution was called "geo" before it got a name of its own: drop that one's metadata.
	$(BIN)/pip uninstall --quiet --yes geo 2>/dev/null || true
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

$(NPM_STAMP): assets/package.json assets/package-lock.json | $(NPM)
	npm ci --ignore-scripts --no-audit --no-fund --prefix assets
	touch $@

$(ASSETS_STAMP): $(NPM_STAMP) assets/collect.py $(wildcard data/*.csv) $(wildcard seeds/*.txt)
	$(PYTHON) assets/collect.py

# Node.js and npm (the page's assets, and its tests with node's own runner), from Debian if missing.
$(NPM):
	$(SUDO) apt-get update
	$(SUDO) apt-get install -y --no-install-recommends nodejs npm

# Debian's Chromium for the browser tests (Playwright drives it; it downloads no browser).
$(CHROMIUM):
	$(SUDO) apt-get update
	$(SUDO) apt-get install -y --no-install-recommends chromium

clean:
	rm -rf $(VENV) assets/node_modules assets/cache geo/_assets build dist
