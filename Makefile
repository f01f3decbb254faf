# UrbanCast — two commands on a fresh Debian machine with the Swift toolchain:
#   make demo   install what is missing, build in release, run a real job on bundled data
#   make test   install what is missing (Python's jsonschema too), run the whole test suite
#   make fuzz   build the libFuzzer targets (Fuzz/) and run each for FUZZ_SECONDS
#   make sanitize  the test suite under AddressSanitizer, then ThreadSanitizer (slow; see docs/SANITIZERS.md)
#
# System packages: LAPACKE and OpenBLAS (LP64, 32-bit integers) for the numerical core, zlib
# for reading .xlsx workbooks (it inflates their parts), and pkg-config so SwiftPM finds
# them. As root the missing ones are installed with apt-get;
# otherwise the exact apt-get command is printed and make stops.

DEBIAN_PACKAGES := liblapacke-dev libopenblas-dev zlib1g-dev pkg-config
SWIFT ?= swift
URBANCAST := .build/release/urbancast

PREFIX ?= /usr/local

.PHONY: demo test build release deps pydeps clean install fuzz fuzz-build sanitize sanitize-address sanitize-thread \
	browser-test browser-deps spark-test spark-deps

# Installs the Debian packages $(1) that are missing (as root), or prints the apt-get command and stops.
define install_debian_packages
	@missing=""; \
	for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "Installing Debian packages:$$missing" >&2; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >&2 || exit 1; \
	  else \
	    echo "Missing Debian packages:$$missing" >&2; \
	    echo "Install them with: sudo apt-get install$$missing" >&2; \
	    exit 1; \
	  fi; \
	fi
endef

deps:
	$(call install_debian_packages,$(DEBIAN_PACKAGES))

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product urbancast

# Python's jsonschema, which the JSON contract tests (Tests/CLITests/JSONSchemaCLITests.swift)
# validate the outputs with against Schemas/. A Python that refuses pip installs into its own
# environment (PEP 668, "externally managed") gets --break-system-packages: jsonschema is a
# pure-Python package with no effect on the system's own tools.
pydeps:
	@python3 -c 'import jsonschema' 2>/dev/null || python3 -m pip install --quiet jsonschema \
	  || python3 -m pip install --quiet --break-system-packages jsonschema
	@python3 -c 'import jsonschema' || { echo "python3 cannot import jsonschema; install it (pip install jsonschema)" >&2; exit 1; }

# The suite's output is line-buffered (stdbuf), so a log shows every test that finished, and
# the run is stopped after TEST_TIMEOUT: the whole suite takes about 5 minutes on 2 cores, so
# a run still going after 45 has hung, and its log's last lines say where.
TEST_TIMEOUT ?= 45m

test: deps pydeps
	$(SWIFT) build --build-tests
	timeout --kill-after=30s $(TEST_TIMEOUT) stdbuf -oL -eL $(SWIFT) test --skip-build
	$(MAKE) --no-print-directory spark-test

# urbancast_spark (Integrations/spark) in Spark's local mode against the single-process CLI
# (Integrations/spark/tests). Spark needs Java 17, installed as Debian's headless JRE only when no
# `java` is on PATH; pyspark and pytest are pip-installed as jsonschema is (pydeps above). The
# debug binary is the one `make test` has just built.
SPARK_PIP := pyspark==4.3.0 pyarrow pandas pytest
SPARK_DEBIAN_PACKAGES = $(if $(shell command -v java),,openjdk-17-jre-headless)
SPARK_TIMEOUT ?= 15m

spark-deps: deps
	$(call install_debian_packages,$(SPARK_DEBIAN_PACKAGES))
	@python3 -c 'import pyspark, pyarrow, pandas, pytest' 2>/dev/null || python3 -m pip install --quiet $(SPARK_PIP) \
	  || python3 -m pip install --quiet --break-system-packages $(SPARK_PIP)
	@python3 -c 'import pyspark, pyarrow, pandas, pytest' || { echo "python3 cannot import pyspark; install it (pip install $(SPARK_PIP))" >&2; exit 1; }

spark-test: spark-deps
	$(SWIFT) build --product urbancast
	URBANCAST_BINARY=$(CURDIR)/.build/debug/urbancast PYTHONPATH=$(CURDIR)/Integrations/spark \
	  timeout --kill-after=30s $(SPARK_TIMEOUT) python3 -m pytest -q -p no:cacheprovider Integrations/spark/tests

# The reports checked in a real browser (Tests/Browser/check_reports.py): Debian's chromium,
# installed like the other system packages, and Python's websocket-client to drive it over the
# DevTools protocol (--break-system-packages as for jsonschema above). Every report made from the
# bundled datasets and Models/scenarios examples is opened headless; screenshots go to
# .build/browser-test/screenshots (git-ignored with .build).
BROWSER_PACKAGES := chromium
BROWSER_OUT := .build/browser-test
BROWSER_URBANCAST := .build/debug/urbancast

browser-deps: deps
	$(call install_debian_packages,$(BROWSER_PACKAGES))
	@python3 -c 'import websocket' 2>/dev/null || python3 -m pip install --quiet websocket-client \
	  || python3 -m pip install --quiet --break-system-packages websocket-client
	@python3 -c 'import websocket' || { echo "python3 cannot import websocket; install it (pip install websocket-client)" >&2; exit 1; }

browser-test: browser-deps
	$(SWIFT) build --product urbancast
	rm -rf $(BROWSER_OUT) && mkdir -p $(BROWSER_OUT)
	$(BROWSER_URBANCAST) forecast Datasets/nyc_water_long.csv --model auto-ets --horizon 10 \
	  --report $(BROWSER_OUT)/forecast-nyc-water.html > /dev/null
	@# Every series of this five-yearly file has gaps on a yearly grid, so each fails (exit status 1)
	@# and the report shows failures: the histories alone, and the reasons as warnings.
	$(BROWSER_URBANCAST) forecast Datasets/un_wup2018_largest_agglomerations_long.csv --model auto-ets --horizon 3 \
	  --report $(BROWSER_OUT)/forecast-wup-failures.html > /dev/null 2>&1 || test -s $(BROWSER_OUT)/forecast-wup-failures.html
	$(BROWSER_URBANCAST) forecast Datasets/beijing_12sites_daily_long.csv --model naive --horizon 14 \
	  --report $(BROWSER_OUT)/forecast-beijing-daily.html > /dev/null
	$(BROWSER_URBANCAST) forecast Datasets/beijing_dongsi_hourly_pm25_long.csv --model snaive --horizon 48 \
	  --report $(BROWSER_OUT)/forecast-beijing-dongsi-hourly.html > /dev/null
	$(BROWSER_URBANCAST) forecast Datasets/tetouan_power_hourly_long.csv --model snaive --horizon 48 \
	  --report $(BROWSER_OUT)/forecast-tetouan-hourly.html > /dev/null
	$(BROWSER_URBANCAST) air sources Datasets/beijing_dongsi_hourly_wide.csv --pollutant PM2.5 \
	  --report $(BROWSER_OUT)/air-sources-dongsi.html > /dev/null
	$(BROWSER_URBANCAST) air mitigate Models/air-quality/beijing-pm25-mitigation.yaml \
	  --report $(BROWSER_OUT)/air-mitigate-beijing.html > /dev/null
	for spec in Models/scenarios/*.yaml; do \
	  name=$$(basename $$spec .yaml); \
	  $(BROWSER_URBANCAST) scenario run $$spec --draws 200 --seed 7 --out $(BROWSER_OUT)/$$name \
	    --report $(BROWSER_OUT)/$$name/report.html > /dev/null || exit 1; \
	done
	$(BROWSER_URBANCAST) report $(BROWSER_OUT)/nyc_water --out $(BROWSER_OUT)/report-nyc-water-folder.html > /dev/null
	$(BROWSER_URBANCAST) air standards Datasets/beijing_dongsi_hourly_wide.csv --pollutant PM2.5,O3 \
	  --report $(BROWSER_OUT)/air-standards-dongsi-hourly.html > /dev/null
	$(BROWSER_URBANCAST) air standards Datasets/beijing_12sites_daily_long.csv --pollutant PM2.5 --city \
	  --calendar-index china-hj633-2012 --report $(BROWSER_OUT)/air-standards-beijing-daily.html > /dev/null
	$(BROWSER_URBANCAST) air trend Datasets/beijing_12sites_daily_long.csv --pollutant PM2.5,NO2 --city \
	  --report $(BROWSER_OUT)/air-trend-beijing-daily.html > /dev/null
	for spec in Models/scenarios/*.yaml; do \
	  name=$$(basename $$spec .yaml); \
	  $(BROWSER_URBANCAST) scenario compare $(BROWSER_OUT)/$$name --report $(BROWSER_OUT)/compare-$$name.html > /dev/null || exit 1; \
	done
	$(BROWSER_URBANCAST) backtest Datasets/nyc_water_long.csv --model naive,drift,theta,auto-ets --horizon 5 --windows 10 \
	  --report $(BROWSER_OUT)/backtest-nyc-water.html > /dev/null
	$(BROWSER_URBANCAST) backtest Datasets/beijing_12sites_daily_long.csv --model snaive,theta --horizon 7 --windows 16 --step 7 \
	  --where station=Dongsi --where pollutant=PM2.5 --missing interpolate --report $(BROWSER_OUT)/backtest-beijing-daily.html > /dev/null
	$(BROWSER_URBANCAST) bench Datasets/nyc_water_long.csv --models naive,theta,auto-ets,auto-arima --horizon 3 \
	  --peers Benchmarks/compare/results/compare_datasets-monthly_2026-11-25.json \
	  --report $(BROWSER_OUT)/bench-nyc-water.html > /dev/null
	python3 Tests/Browser/check_reports.py --screenshots $(BROWSER_OUT)/screenshots \
	  $(BROWSER_OUT)/*.html $(BROWSER_OUT)/*/report.html

# Sanitized builds go to their own scratch folders (git-ignored) so they never disturb .build.
# LimitsCLITests are skipped: they cap the child's address space with `ulimit -v`, which a
# sanitized binary cannot live under (its shadow memory is a multi-terabyte reservation).
# SANITIZE_FILTER narrows the run, e.g. make sanitize SANITIZE_FILTER='Batch|Scenario'.
SANITIZE_SKIP := LimitsCLITests
SANITIZE_FILTER ?=
SANITIZE_SELECT = --skip '$(SANITIZE_SKIP)' $(if $(SANITIZE_FILTER),--filter '$(SANITIZE_FILTER)')
ASAN_RUN_OPTIONS := detect_leaks=1
LSAN_RUN_OPTIONS := suppressions=$(CURDIR)/sanitizers/lsan.supp:print_suppressions=0
# exitcode=66 (TSan's default) so a race fails the run; halt_on_error=0 to see every race in one run.
TSAN_RUN_OPTIONS := halt_on_error=0:second_deadlock_stack=1

sanitize: sanitize-address sanitize-thread

sanitize-address: deps
	$(SWIFT) build --build-tests --sanitize=address --scratch-path .build-asan
	ASAN_OPTIONS=$(ASAN_RUN_OPTIONS) LSAN_OPTIONS=$(LSAN_RUN_OPTIONS) \
	  $(SWIFT) test --skip-build --sanitize=address --scratch-path .build-asan $(SANITIZE_SELECT)

sanitize-thread: deps
	$(SWIFT) build --build-tests --sanitize=thread --scratch-path .build-tsan
	TSAN_OPTIONS=$(TSAN_RUN_OPTIONS) \
	  $(SWIFT) test --skip-build --sanitize=thread --scratch-path .build-tsan $(SANITIZE_SELECT)

demo: release
	@echo "== urbancast datasets" >&2
	$(URBANCAST) datasets
	@echo "== urbancast validate: every series in the New York City water file" >&2
	$(URBANCAST) validate Datasets/nyc_water_long.csv
	@echo "== urbancast regress: NYC water consumption explained by population (1979-2022)" >&2
	$(URBANCAST) regress Datasets/nyc_water_wide.csv --y consumption_mgd --x population
	@echo "== urbancast forecast: NYC water consumption to 2032 by automatic ETS, ARIMA and Theta" >&2
	$(URBANCAST) forecast Datasets/nyc_water_long.csv --where indicator=water_consumption --horizon 10 --model "combo(auto-ets,auto-arima,theta)" \
	  --report .build/demo/nyc_water_forecast.html
	@echo "== forecast report: .build/demo/nyc_water_forecast.html" >&2
	@echo "== urbancast scenario: NYC water to 2050, business as usual against conservation (2,000 draws)" >&2
	$(URBANCAST) scenario run Models/scenarios/nyc_water.yaml --draws 2000 --seed 7 --out .build/demo/nyc_water \
	  --report .build/demo/nyc_water/report.html
	@echo "== scenario report: .build/demo/nyc_water/report.html" >&2
	$(URBANCAST) scenario compare .build/demo/nyc_water
	@echo "== urbancast scenario: NYC water supply against an assumed 1,200 Mgal/d, least-cost expansion (indicative)" >&2
	$(URBANCAST) scenario run Models/scenarios/nyc_water_infrastructure.yaml --draws 2000 --seed 7 \
	  --out .build/demo/nyc_water_infrastructure --report .build/demo/nyc_water_infrastructure/report.html
	$(URBANCAST) scenario compare .build/demo/nyc_water_infrastructure
	@echo "== urbancast scenario: Tetouan electricity -> power-plant emissions -> PM2.5 -> deaths (indicative, 1,000 draws)" >&2
	$(URBANCAST) scenario run Models/scenarios/tetouan_air_link.yaml --draws 1000 --seed 7 --out .build/demo/tetouan_air_link
	@echo "== air link: .build/demo/tetouan_air_link/air.csv" >&2
	@echo "== urbancast air standards: Beijing PM2.5 (city mean of 12 stations) against WHO 2021 and China's AQI" >&2
	$(URBANCAST) air standards Datasets/beijing_12sites_daily_long.csv --pollutant PM2.5 --city \
	  --calendar-index china-hj633-2012 --report .build/demo/beijing_air.html > /dev/null
	@echo "== air-quality report: .build/demo/beijing_air.html" >&2

# The binary in PREFIX/bin, and the bundled datasets and standards tables it finds from there in
# PREFIX/share/urbancast (so `urbancast datasets` and `urbancast air standards FILE` work from any
# folder).
install: release
	install -d $(PREFIX)/bin $(PREFIX)/share/urbancast/Datasets $(PREFIX)/share/urbancast/Models/air-quality \
	  $(PREFIX)/share/urbancast/Models/scenarios $(PREFIX)/share/urbancast/Models/emissions
	install -m 755 $(URBANCAST) $(PREFIX)/bin/urbancast
	cp -R Datasets/. $(PREFIX)/share/urbancast/Datasets/
	cp -R Models/air-quality/. $(PREFIX)/share/urbancast/Models/air-quality/
	cp -R Models/scenarios/. $(PREFIX)/share/urbancast/Models/scenarios/
	cp -R Models/emissions/. $(PREFIX)/share/urbancast/Models/emissions/

# Coverage-guided fuzzing (Fuzz/README.md): a separate package built with libFuzzer and
# AddressSanitizer into .build-fuzz. `make fuzz` fails on any crash, leak, out-of-memory input or
# timeout and prints each target's executions and coverage. FUZZ_TARGETS picks some targets.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= csv dates long wide xlsx scenario mitigation model
FUZZ_FLAGS := -c release --package-path Fuzz --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address

fuzz-build: deps
	$(SWIFT) build $(FUZZ_FLAGS)

fuzz: fuzz-build
	Fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

clean:
	rm -rf .build .build-fuzz .build-asan .build-tsan
