# Every target creates the virtual environment first when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
ADDR ?= 127.0.0.1:8000
FILMS ?= 3000
# pytest-xdist: a worker a core; tests marked xdist_group("serial") share one.
PYTEST_ARGS ?= -n auto --dist loadgroup
MESSAGES := locale/nl/LC_MESSAGES/django.mo

.PHONY: demo mollie-standin test screenshots lint fmt check messages compile-messages api-schema api-fuzz reset-demo venv bench-generate bench-search bench-import bench-page-weight bench-load bench-crowd bench-faults bench-programme bench-statistics

venv: $(INSTALLED) $(MESSAGES)

$(INSTALLED): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

# The demo runs with debug on (static files from runserver, error pages);
# the settings default to off, as production wants.
demo reset-demo: export DJANGO_DEBUG ?= 1

demo: $(INSTALLED) $(MESSAGES)  ## venv, SQLite, migrations, demo archive, demo accounts, then serve
	$(BIN)/festarchive demo --films $(FILMS) --serve $(ADDR)

mollie-standin: $(INSTALLED)  ## a stand-in for Mollie on :8011, to try donations in the demo (docs/donations.md)
	$(BIN)/festarchive mollie-standin

reset-demo: $(INSTALLED) $(MESSAGES)  ## throw the embedded database away and load the demo again
	rm -f db.sqlite3 db.sqlite3-wal db.sqlite3-shm
	$(BIN)/festarchive demo --films $(FILMS) --no-serve

test: $(INSTALLED) $(MESSAGES)  ## the whole suite; DATABASE_URL=postgres://… make test runs it on PostgreSQL
	$(BIN)/pytest $(PYTEST_ARGS)

screenshots: $(INSTALLED) $(MESSAGES)  ## retake the pictures in docs/img from the browser tests (needs chromium)
	FESTARCHIVE_SCREENSHOTS=docs/img $(BIN)/pytest -q \
		festarchive/catalogue/tests/test_browser.py::test_reference_film_page_shows_its_facts_in_a_browser \
		festarchive/catalogue/tests/test_browser_admin.py \
		festarchive/core/tests/test_browser_accessibility.py \
		festarchive/programme/tests/test_browser_timetable.py::test_no_programme_page_has_an_accessibility_violation \
		festarchive/donations/tests/test_browser_donate.py::test_a_one_off_gift_is_paid_and_thanked \
		festarchive/statistics/tests/test_browser.py

check: $(INSTALLED)  ## Django's system checks and a guard against missing migrations
	$(BIN)/festarchive check --fail-level WARNING
	$(BIN)/festarchive makemigrations --check --dry-run

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: $(INSTALLED)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: $(INSTALLED)  ## refresh locale/nl/LC_MESSAGES/django.po from the code (needs gettext)
	$(BIN)/festarchive makemessages -l nl --no-location --ignore .venv --ignore build --ignore var

# Babel compiles the Dutch messages in Python, so serving and testing need no
# system gettext; fuzzy translations are left out, as Django's compiler does.
$(MESSAGES): locale/nl/LC_MESSAGES/django.po $(INSTALLED)
	$(BIN)/pybabel compile --statistics -D django -d locale -l nl

compile-messages: $(MESSAGES)

api-schema: $(INSTALLED)  ## rewrite docs/api/openapi.json from the code (review the diff)
	$(BIN)/festarchive export_openapi_schema --api festarchive.api.api.api --indent 2 --output docs/api/openapi.json

api-fuzz: $(INSTALLED) $(MESSAGES)  ## schemathesis against the API on a live server with demo data
	$(BIN)/python .ci/api-fuzz

bench-generate: $(INSTALLED)  ## time `generate --films 100000` into a scratch database
	$(BIN)/python bench/generate.py

bench-search: $(INSTALLED)  ## search latency over 100,000 films against the bare full-text match
	$(BIN)/python bench/search.py

bench-import: $(INSTALLED)  ## export and import 100,000 films (after bench-generate)
	$(BIN)/python bench/import.py

bench-page-weight: $(INSTALLED) $(MESSAGES)  ## image bytes of the reference film page on a phone
	$(BIN)/python bench/page_weight.py

bench-load: $(INSTALLED) $(MESSAGES)  ## load under wrk: cold, warm and behind nginx, SQLite and PostgreSQL
	$(BIN)/python bench/load.py

bench-crowd: $(INSTALLED) $(MESSAGES)  ## a crowd at one page just after an edit: renderings and time
	$(BIN)/python bench/crowd.py

bench-programme: $(INSTALLED) $(MESSAGES)  ## the busiest day's timetable cold and warm, and a visitor's iCal feed
	$(BIN)/python bench/programme.py

bench-statistics: $(INSTALLED) $(MESSAGES)  ## an edition's and a festival's statistics pages, cold (after bench-generate)
	$(BIN)/python bench/statistics_pages.py

bench-faults: $(INSTALLED) $(MESSAGES)  ## Redis, PostgreSQL, a worker, an import and the media disk failing under load
	$(BIN)/python bench/faults.py
