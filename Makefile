# sharecite: `make demo` to see it, `make test` to check it.
# Every target installs what it needs, idempotently, on a fresh Debian machine.

SHELL := /bin/bash
.DEFAULT_GOAL := dist

CARGO_BIN     := $(HOME)/.cargo/bin
export PATH   := $(CARGO_BIN):$(CURDIR)/node_modules/.bin:$(PATH)
WASM_TARGET   := wasm32-unknown-unknown
# wasm-bindgen's CLI must match the library version in Cargo.lock exactly.
WB_VERSION    := $(shell awk '/^name = "wasm-bindgen"$$/ {getline; gsub(/"/, "", $$3); print $$3; exit}' Cargo.lock)
# The shipped wasm is built with a pinned nightly, because only nightly can
# rebuild the standard library for our size profile (-Zbuild-std) and abort on
# a panic without formatting its message (-Cpanic=immediate-abort): with panic
# messages gone, Rust's formatting machinery, panic locations and Debug impls
# leave the binary (widget -10.0 KB gzip, citation module -4.1 KB); std's
# optimize_for_size feature picks its smaller algorithms (-0.5 KB). A panic is
# a bug either way, and either way it traps: the loader's boundary reports it.
# Without reference types, wasm-bindgen keeps JS values in a JS array rather
# than a wasm table: the glue grows 0.3 KB and the two modules shrink 1.4 KB
# (gzip, measured; multi-value off as well made it worse). Symbols keep the
# default (v0) mangling: the long export names it gives closures are renamed
# short anyway (WASM_SHORT_NAMES, below).
# Everything else (tests, lint, the native core) uses stable Rust.
NIGHTLY       := nightly-2026-05-20
SIZE_TARGET   := target/size
SIZE_RUSTFLAGS := -Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none \
  -Ctarget-feature=-reference-types
SIZE_CARGO    := cargo +$(NIGHTLY) build --release --target $(WASM_TARGET) --lib -Zbuild-std-features=optimize_for_size
# Two of LLVM's loop optimizations cost wasm bytes: loop strength reduction
# rewrites a loop's addressing into induction variables of its own, and
# machine LICM hoists constants out of loops into locals, where wasm would
# have had them inline. Without them: widget -0.14 KB, citation module
# +0.01 KB (the decoder, whose loops gain nothing, keeps them; it decodes
# the widget in the same time either way). And LLVM inlines a little more
# than opt-level "z" does (an inlining threshold of 8 rather than 5; 7 to
# 10 build the same module): calls it then inlines cost more than their
# bodies once deflated. Widget -0.1 KB, citation module +0.02 KB; 0 gave
# +0.25 KB, 11 and more +0.44 KB or worse. And GVN leaves loads alone
# (no memory dependence analysis, so no load it finds redundant is removed
# or hoisted): a value loaded twice stays two loads, as alike as deflate
# could wish, where GVN had kept it in a local of its own. Widget -0.12 KB
# (zlib, stream by stream, agrees: opcodes and locals smaller, loads'
# offsets larger), citation module +0.01 KB, for the loads GVN had saved
# at run time (the bench saw no change in ready time).
WIDGET_LLVM_FLAGS := -Cllvm-args=-disable-lsr -Cllvm-args=-disable-machine-licm -Cllvm-args=-inline-threshold=8 \
  -Cllvm-args=-enable-gvn-memdep=false
# The decoder that rebuilds both modules from their split form
# (crates/unsplit): no_std without a heap, so a 4 KiB stack is plenty (it
# uses about a hundred bytes, which leaves --low-memory-unused, below, true) and
# the module starts with one page of memory, not seventeen.
UNSPLIT_RUSTFLAGS := $(SIZE_RUSTFLAGS) -Clink-arg=-zstack-size=4096
UNSPLIT_TARGET := target/unsplit
UNSPLIT_WASM  := $(UNSPLIT_TARGET)/$(WASM_TARGET)/release/sharecite_unsplit.wasm
RELEASE_WASM  := $(SIZE_TARGET)/$(WASM_TARGET)/release/sharecite.wasm
LINKER_MAP    := $(SIZE_TARGET)/sharecite.map
# --low-memory-unused lets wasm-opt fold address constants into loads and
# stores (-0.5 KB gzip). It holds for Rust's wasm32 layout: the 1 MiB stack
# comes first and grows down towards 0, so its lowest KiB is touched only by
# a stack a whole MiB deep; our deepest recursion (JSON, 64 levels) is tiny.
# --converge repeats -Oz until nothing shrinks (-0.5 KB over both modules).
# Then flattening the code and rebuilding its control flow (--flatten
# --rereloop) before two last rounds of -Oz finds structure -Oz alone
# misses (-0.6 KB; the second round -0.2 KB more). For the widget, all of
# that (RESTRUCTURE) once more finds a little more (WIDGET_OPT_FLAGS: -0.05
# KB over both modules, which zlib, stream by stream, agrees with; the same
# raw size).
# Then the locals numbered by use once more, which those rounds leave
# slightly out of order (widget -39 B: within Zopfli's own noise, about
# 0.1 KB, but never worse in the builds measured).
# Binaryen's passes start from what it works out of each function's
# effects over the whole module (--generate-global-effects, kept while
# passes only take effects away): a call to a function that cannot trap,
# write memory or throw is no longer treated as if it might, so -Oz drops
# and moves more around such calls (widget -13 B, citation module -13 B,
# with it before the round after the split too; the decoder the same).
# Browsers ignore custom sections, so none ships: not even the
# target_features list (-0.25 KB over both modules; check-size enforces it).
WASM_FEATURES := --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-reference-types --enable-multivalue
WASM_OPT_START := --generate-global-effects -Oz --converge --low-memory-unused --strip-debug --strip-producers --strip-target-features $(WASM_FEATURES) -Oz
RESTRUCTURE   := --flatten --rereloop -Oz -Oz
WASM_OPT_FLAGS := $(WASM_OPT_START) $(RESTRUCTURE) --reorder-locals
WIDGET_OPT_FLAGS := $(WASM_OPT_START) $(RESTRUCTURE) $(RESTRUCTURE) --reorder-locals
# After the split, one more round of -Oz (the whole list above took 20 B more).
WASM_REOPT_FLAGS := --generate-global-effects -Oz --converge --low-memory-unused $(WASM_FEATURES)
# Both modules without binaryen's local CSE, which keeps an expression
# computed twice in a local and reads that the second time: recomputed, the
# two are alike, and deflate stores the second as a copy of the first
# (widget -0.12 KB, citation module -0.1 KB, for 1.3 KB more code to
# compile; the decoder keeps it: 23 B there, in the loop that rebuilds
# every module). And a function with one caller inlined into it only when
# it is as small as the call (--one-caller-inline-max-function-size=0;
# binaryen's default inlines them at any size): a function's body once, out
# of line, is a call deflate codes in a few bits where its inlined copy was
# code of its own (widget -0.45 KB, citation module +0.01 KB; 1.9 KB more
# code to compile. Side by side, in 20 and 40 interleaved loads of
# www/index.html at 4x, the wasm's five start calls took 1.22x and 1.04x
# the time, where the same build beside a copy of itself gave 1.11x, and
# ready came in 1.03x and 0.99x; with 20 B as the limit, -0.43 KB for 1.3 KB
# more code). Without binaryen's inlining altogether: -0.13 KB, worse than
# that, as it loses the inlining of functions smaller than their calls.
DEFLATE_FRIENDLY := --skip-pass=local-cse --one-caller-inline-max-function-size=0
# The widget's whole optimization, which `make bench` repeats for its named twin.
WIDGET_OPT := $(WIDGET_OPT_FLAGS) $(DEFLATE_FRIENDLY)
# wasm-bindgen names each import after its JS function plus a 16-digit hash
# (`__wbg_querySelectorAll_6c1bd81d448fb480`), and every name is spelt twice,
# in the wasm and in the glue: 8 KB of names that gzip barely shrinks. This
# renames imports, exports and the import module to one or two letters and
# writes the old-to-new map, by which scripts/build-dist.mjs rewrites the
# glue (gzip: -3.5 KB over both modules, -2.3 KB of glue, and less JS to
# parse).
WASM_SHORT_NAMES := wasm-opt $(WASM_FEATURES) --minify-imports-and-exports-and-modules
PORT          ?= 8080
export CHROMEDRIVER := /usr/bin/chromedriver
export CHROMIUM     := /usr/bin/chromium
export FIREFOX      := /usr/bin/firefox-esr
# WebKitGTK's own small browser, which Debian's libwebkit2gtk ships.
export MINIBROWSER  := /usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser

.PHONY: tools rust-tools node-tools browsers bench-tools decoder deflate-tool locales-tool dist demo serve test test-native test-wasm test-scripts test-e2e test-engines check-size bench fuzz icons citation-goldens fmt lint clean

## Tools ##################################################################

tools: rust-tools node-tools

rust-tools:
	@rustup target list --installed | grep -qx $(WASM_TARGET) || rustup target add $(WASM_TARGET)
	@rustup component list --toolchain $(NIGHTLY) --installed 2>/dev/null | grep -q '^rust-src' || \
	  rustup toolchain install $(NIGHTLY) --profile minimal --component rust-src
	@if [ "$$(wasm-bindgen --version 2>/dev/null | awk '{print $$2}')" != "$(WB_VERSION)" ]; then \
	  echo "installing wasm-bindgen-cli $(WB_VERSION)"; \
	  cargo install wasm-bindgen-cli --version $(WB_VERSION); \
	fi

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

node-tools: node_modules/.installed

browsers:
	@if [ ! -x $(CHROMIUM) ] || [ ! -x $(CHROMEDRIVER) ] || [ ! -x $(FIREFOX) ] || [ ! -x $(MINIBROWSER) ] || ! command -v xvfb-run >/dev/null; then \
	  echo "installing Debian's chromium, chromium-driver, firefox-esr, WebKitGTK (webkit2gtk-driver) and xvfb"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium chromium-driver firefox-esr webkit2gtk-driver xvfb; \
	fi

bench-tools: rust-tools
	@command -v twiggy >/dev/null || cargo install twiggy

## Build ##################################################################

decoder: tools
	RUSTFLAGS="$(UNSPLIT_RUSTFLAGS)" $(SIZE_CARGO) --target-dir $(UNSPLIT_TARGET) -p sharecite-unsplit -Zbuild-std=core
	@mkdir -p build
	wasm-opt $(WASM_OPT_FLAGS) $(UNSPLIT_WASM) -o build/sharecite_unsplit.wasm

# Zopfli, with a dictionary for the citation module, for the stored
# modules (crates/deflate; scripts/stored-module.mjs runs it).
deflate-tool:
	cargo build --release -p sharecite-deflate

# The locale files dist/ ships, compiled by the core's build script
# (crates/core/examples/locales.rs writes them out).
locales-tool:
	cargo build --release -p sharecite-core --example locales

dist: tools decoder deflate-tool locales-tool
	@# From no intermediate of an earlier build: a step that writes nothing
	@# fails the next, rather than handing it an older build's file.
	@rm -f build/sharecite.js build/sharecite_bg*.wasm build/sharecite_cite_bg*.wasm build/sharecite_republish_bg*.wasm build/sharecite_bg.names.json
	@# The linker's map, written beside the module it describes, says where
	@# each constant of the data is, which scripts/split-module.mjs needs to
	@# move the citation styles' own into their module.
	@mkdir -p $(SIZE_TARGET)
	RUSTFLAGS="$(SIZE_RUSTFLAGS) $(WIDGET_LLVM_FLAGS) -Clink-arg=--Map=$(CURDIR)/$(LINKER_MAP)" $(SIZE_CARGO) --target-dir $(SIZE_TARGET) -p sharecite -Zbuild-std=std,panic_abort
	@# The loader always names the wasm's URL, so the glue needs no fallback of its own.
	wasm-bindgen --target no-modules --no-typescript --omit-default-module-path --out-dir build $(RELEASE_WASM)
	@# wasm-bindgen leaves its closure invoke shims in the function table,
	@# where wasm-opt must keep them: out they go (-0.65 KB gzip), and so
	@# does js-sys's JSPI task waker, which no live code builds (-0.15 KB).
	node scripts/prune-closure-table.mjs build/sharecite_bg.wasm build/sharecite_bg.pruned.wasm
	@# wasm-bindgen's runtime errors (a closure called after it was dropped,
	@# gloo's unwrap_throw) trap like the panics they are, which the loader
	@# reports as internal errors, rather than throw JavaScript errors with
	@# messages from the data.
	node scripts/trap-throws.mjs build/sharecite_bg.pruned.wasm build/sharecite_bg.trapped.wasm
	wasm-opt $(WIDGET_OPT) build/sharecite_bg.trapped.wasm -o build/sharecite_bg.opt.wasm
	$(WASM_SHORT_NAMES) build/sharecite_bg.opt.wasm -o build/sharecite_bg.min.wasm > build/sharecite_bg.names.json
	@# The citation styles' `cite` export, all only it reaches and the data
	@# only that reads become the citation module; copy attribution's, quote
	@# sharing's and crossposting's `republish`, the republishing module
	@# (scripts/split-module.mjs). Then each is optimized again: the
	@# widget's functions that the others also called, now called by the
	@# widget alone, simplify (-0.1 KB).
	node scripts/split-module.mjs build/sharecite_bg.min.wasm build/sharecite_bg.names.json $(LINKER_MAP) \
	  build/sharecite_bg.split.wasm cite=build/sharecite_cite_bg.split.wasm republish=build/sharecite_republish_bg.split.wasm
	wasm-opt $(WASM_REOPT_FLAGS) $(DEFLATE_FRIENDLY) build/sharecite_bg.split.wasm -o build/sharecite_bg.final.wasm
	wasm-opt $(WASM_REOPT_FLAGS) $(DEFLATE_FRIENDLY) build/sharecite_cite_bg.split.wasm -o build/sharecite_cite_bg.final.wasm
	wasm-opt $(WASM_REOPT_FLAGS) $(DEFLATE_FRIENDLY) build/sharecite_republish_bg.split.wasm -o build/sharecite_republish_bg.final.wasm
	node scripts/build-dist.mjs

icons: node-tools browsers
	node scripts/gen-icons.mjs

# citeproc-js renders the citation fixtures with the official CSL styles
# (committed; scripts/fetch-csl.sh refreshes them from PyPI mirrors).
citation-goldens: node-tools
	node scripts/citation-goldens.mjs

demo: dist
	node scripts/serve.mjs --port $(PORT)

serve: demo

## Test ###################################################################

test: tools browsers test-native test-wasm dist check-size test-scripts test-e2e test-engines

test-native:
	cargo test --workspace --all-targets
	cargo test --workspace --doc

# Chromium, started by chromedriver for wasm-bindgen-test-runner, leaves a
# scoped directory of some 17 MB in $$TMPDIR on every run: it goes in one of
# our own, emptied before each run, not in the machine's /tmp.
BROWSER_TMP := target/browser-tmp
test-wasm: tools browsers
	rm -rf $(BROWSER_TMP) && mkdir -p $(BROWSER_TMP)
	TMPDIR=$(CURDIR)/$(BROWSER_TMP) cargo test --target $(WASM_TARGET) -p sharecite

# The build scripts' own checks (scripts/short-names.mjs, …); the split
# form's are run through the decoder `make decoder` builds, the stored
# files' through crates/deflate's tool.
test-scripts: node-tools decoder deflate-tool
	node --test tests/scripts/

check-size: dist
	node scripts/check-size.mjs

test-e2e: dist browsers node-tools
	node --test --test-concurrency=1 tests/e2e/

# The same widget in two more engines, Firefox ESR (headless) and WebKit
# (WebKitGTK's MiniBrowser in a virtual X display), each reporting what an
# article page embedding it found, as it is and under the strict policy
# (tests/engines/).
test-engines: dist browsers node-tools
	node --test --test-concurrency=1 tests/engines/

# A benchmark, not a test: sharecite beside shareon and Shariff, in headless
# Chromium with 4x CPU throttling. Writes bench/results/latest.{md,json}.
bench: dist browsers node-tools bench-tools
	@# A twin of the widget's module for the size breakdown's names
	@# (scripts/size-breakdown.mjs): optimized alike from wasm-bindgen's
	@# output, its function names kept.
	wasm-opt -g $(filter-out --strip-debug,$(WIDGET_OPT)) build/sharecite_bg.wasm -o build/sharecite_bg.named.wasm
	node bench/run.mjs

# The property tests of the pure core (crates/core/tests/properties.rs), at
# length: `make test` runs proptest's default 256 cases each.
FUZZ_CASES ?= 50000
fuzz:
	PROPTEST_CASES=$(FUZZ_CASES) cargo test --release -p sharecite-core --test properties

fmt:
	cargo fmt --all

lint:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy --target $(WASM_TARGET) -p sharecite -- -D warnings
	cargo clippy --target $(WASM_TARGET) -p sharecite-cite -- -D warnings
	cargo clippy --target $(WASM_TARGET) -p sharecite-unsplit -- -D warnings

clean:
	rm -rf build dist $(SIZE_TARGET) $(UNSPLIT_TARGET)
