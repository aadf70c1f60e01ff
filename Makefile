# Tripdesk: `make run` opens the app, `make test` runs every test. Both install what is missing.
.PHONY: run test check test-core test-ui ui app e2e bench bench-app screenshot bindings fuzz fuzz-ci

CARGO ?= cargo

run:
	scripts/setup.sh app
	cd ui && npm run build
	$(CARGO) run --release -p tripdesk-app

test: check test-core test-ui e2e fuzz-ci

check:
	scripts/setup.sh test
	node scripts/check-webview-security.mjs
	node --test --test-reporter=spec scripts/check-webview-security.test.mjs
	$(CARGO) fmt --all --check
	cd ui && npm run build
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	cd ui && npm run check && npm run lint

test-core:
	$(CARGO) test --workspace

test-ui:
	cd ui && npm test

ui:
	cd ui && npm run build

app: ui
	$(CARGO) build -p tripdesk-app

# The real app under Xvfb, driven through tauri-driver and WebKitWebDriver.
e2e: app
	cd tests/e2e && xvfb-run -a --server-args="-screen 0 1280x800x24" npm test

# Speed figures for BENCHMARKS.md: the core on 100,000 customers (lists, sheets, exports; then
# the start check, backups and restores), then the app itself.
bench:
	$(CARGO) build --release -p tripdesk
	./target/release/tripdesk bench --customers 100000
	./target/release/tripdesk bench-backup --customers 100000

bench-app: ui
	scripts/bench-app.sh

# The README's picture, taken from the demo agency by the end-to-end tour.
screenshot: app
	mkdir -p docs/screens
	cd tests/e2e && TRIPDESK_SCREENSHOTS=$(CURDIR)/docs/screens xvfb-run -a --server-args="-screen 0 1280x800x24" npx wdio run ./wdio.conf.js --spec specs/demo-tour.e2e.js

# Regenerates ui/src/lib/api/types.ts from the Rust types.
bindings:
	UPDATE_BINDINGS=1 $(CARGO) test -p tripdesk --lib bindings

# Fuzzes the import's readers (xlsx, xls, csv) and mapper (plan) in core/fuzz on nightly, one
# process: each target for FUZZ_SECONDS from its corpus (core/fuzz/corpus, not in git) and its
# seeds (core/fuzz/seeds, made by core/fuzz/make-seeds.py). A crash, a hang or running out of
# memory stops it with a non-zero exit and the input in core/fuzz/artifacts;
# `cargo +nightly fuzz tmin <target> <input>` in core/fuzz minimises it.
# `make fuzz-ci` (part of `make test`) gives each target a minute.
FUZZ_SECONDS ?= 600
FUZZ_TARGETS = xlsx xls csv plan

fuzz:
	rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
	$(CARGO) fuzz --version >/dev/null 2>&1 || $(CARGO) install cargo-fuzz --locked
	cd core/fuzz && $(CARGO) +nightly fuzz build --sanitizer none
	cd core/fuzz && for target in $(FUZZ_TARGETS); do \
		mkdir -p corpus/$$target && \
		$(CARGO) +nightly fuzz run --sanitizer none $$target corpus/$$target seeds/$$target -- \
			-rss_limit_mb=2048 -max_len=200000 -timeout=10 -max_total_time=$(FUZZ_SECONDS) \
			|| exit 1; \
	done

fuzz-ci:
	$(MAKE) fuzz FUZZ_SECONDS=60
