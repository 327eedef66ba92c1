# The targets the README and CI call. `make help` lists them.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
LAB_CONFIG := $(CURDIR)/$(VENV)/etc/workbench-lab

.DEFAULT_GOAL := help
.PHONY: help install sysdeps run test lab kernel lint format clean lock benchmark golden params

help:  ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 12

# Re-installs only when pyproject.toml or the lock file changes.
$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is needed; set PYTHON=python3.11")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	@echo "Preparing the bundled Chinese font (once)..."
	@$(PY) -c 'from workbench.figures import cjk_font_paths; cjk_font_paths()'
	@$(PY) -m workbench.lab kernel >/dev/null
	@touch $(STAMP)

install: $(STAMP)  ## create .venv and install the pinned project (only when needed)

# Debian packages that pip cannot bring: Pango for the PDF renderer (WeasyPrint), poppler's
# pdftoppm/pdftotext for the brief's tests, Chromium for the JupyterLab browser test. Installed
# when missing, as root; else a hint.
SYSDEPS := poppler-utils:pdftoppm libpango-1.0-0:libpango-1.0.so.0 \
	libpangoft2-1.0-0:libpangoft2-1.0.so.0 chromium:chromium
sysdeps:  ## install the Debian packages for PDF briefs and the browser test (when missing)
	@missing=""; for pair in $(SYSDEPS); do pkg=$${pair%%:*}; probe=$${pair#*:}; \
	  case $$probe in *.so*) ldconfig -p | grep -q "$$probe" ;; *) command -v $$probe >/dev/null ;; esac \
	  || missing="$$missing $$pkg"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "Missing Debian packages:$$missing; install them with: sudo apt-get install$$missing"; exit 1; fi; \
	fi

run: $(STAMP)  ## run every analysis with its default parameters into outputs/
	$(VENV)/bin/workbench run all

TEST_WORKERS ?= 2
test: $(STAMP) sysdeps  ## run the whole test suite (notebooks and browser included), in parallel
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile

lab: $(STAMP)  ## JupyterLab on notebooks/ with this project's kernel and font (LAB_ARGS= for more)
	@$(PY) -m workbench.lab prepare $(LAB_CONFIG) >/dev/null
	JUPYTER_PATH=$(CURDIR)/$(VENV)/share/jupyter JUPYTER_CONFIG_DIR=$(LAB_CONFIG) \
		$(VENV)/bin/jupyter lab --notebook-dir=notebooks --custom-css $(ROOT_FLAG) $(LAB_ARGS)

kernel: $(STAMP)  ## install this project's kernel for your user, so any Jupyter front end finds it
	$(PY) -m workbench.lab kernel --user

lint: $(STAMP)  ## ruff lint and format check
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks

format: $(STAMP)  ## apply ruff fixes and formatting
	$(VENV)/bin/ruff check --fix src tests benchmarks
	$(VENV)/bin/ruff format src tests benchmarks

benchmark: $(STAMP)  ## run the speed benchmarks (prints medians and ratios)
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

params: $(STAMP)  ## regenerate each notebook's parameters cell and default.yaml from the models
	$(VENV)/bin/workbench params all --write

golden: $(STAMP)  ## regenerate tests/golden/ from the default runs (an intended change of a number)
	@rm -rf .golden-runs
	$(VENV)/bin/workbench run all --outputs .golden-runs
	@for d in .golden-runs/*/default; do a=$$(basename $$(dirname $$d)); \
	  cp $$d/results.json tests/golden/$$a.json; echo "tests/golden/$$a.json"; done
	@rm -rf .golden-runs
	@git diff --stat -- tests/golden || true

lock: $(STAMP)  ## rewrite requirements.lock from the current environment
	@{ echo "# Exact versions CI and 'make' install from (pip -c). Regenerate with 'make lock'."; \
	  $(PY) -m pip freeze --exclude-editable | grep -v '^-e'; } > requirements.lock

clean:  ## remove generated outputs (keeps outputs/README.md) and caches
	find outputs -mindepth 1 -maxdepth 1 ! -name README.md -exec rm -rf {} +
	rm -rf .pytest_cache .ruff_cache .hypothesis
