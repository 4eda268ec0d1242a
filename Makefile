# Two entry points: `make run` and `make test`. Everything else supports them.
# The venv's Python: PYTHON when given, else python3.11, else the first of python3.12,
# python3.13, python3 that runs and that pyproject.toml allows (bin/find-python).
PYTHON ?=
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8000
export DJANGO_SETTINGS_MODULE ?= lms.settings.dev

.PHONY: run test install messages lint format bench check clean

$(VENV)/.installed: pyproject.toml constraints.txt
	python="$$(PYTHON='$(PYTHON)' sh bin/find-python)" && "$$python" -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

# The e-learning player's browser libraries (scorm-again, h5p-standalone), from npm into the
# app's static files; bin/build-frontend says which Node.js it needs.
VENDOR := elearning/static/elearning/vendor

$(VENDOR)/.built: package.json package-lock.json bin/build-frontend
	sh bin/build-frontend

install: $(VENV)/.installed $(VENDOR)/.built

messages: install
	$(PY) manage.py compilemessages --ignore '.venv*' -v0

# The address the site is served at, for every absolute link (e-mails, calendar feeds,
# certificates, the API) and for the Site records seed_demo sets: SITE_URL when given, else
# this port on 127.0.0.1.
run: export SITE_URL ?= http://127.0.0.1:$(PORT)
run: install messages
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install messages
	DJANGO_SETTINGS_MODULE=lms.settings.test $(VENV)/bin/pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run -v0
	$(PY) manage.py check

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: install messages
	$(PY) -m benchmarks.run $(BENCH_ARGS)
	$(PY) -m benchmarks.legacy_import

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* var node_modules $(VENDOR)
