# Customer Portal — build, run, test, measure.
#   make serve   install what is missing, build (release), run on http://127.0.0.1:8080 with ./data
#   make test    install what is missing, build, run the whole test suite (unit, HTTP, end-to-end browser)
#   make bench   install what is missing (wrk), build (release), run the benchmarks: one JSON line per figure
#   make model   download and verify the sentence encoder (all-MiniLM-L6-v2) into PORTAL_MODEL_DIR (default .build-model)
#   make eval    search quality on the StackFAQ collection (BM25, encoder, hybrid; then the knowledge base's own search
#                through `portalctl kb eval`, hybrid and lexical), nDCG@10 as JSON lines; then intent recognition
#                (BANKING77 with and without the encoder, CLINC150) through `portalctl nlu eval`

SWIFT        ?= swift
DATA         ?= data
HOST         ?= 127.0.0.1
PORT         ?= 8080
SYSTEM_PKGS  := pkg-config liblmdb-dev libsodium-dev libopenblas-dev
TEST_PKGS    := chromium chromium-driver python3-selenium python3-aiosmtpd openssl zbar-tools poppler-utils
BENCH_PKGS   := wrk
BENCH_ARGS   ?=
# The sentence encoder's files: never committed, checked against their SHA-256 on install and load.
PORTAL_MODEL_DIR ?= .build-model
export PORTAL_MODEL_DIR
# The shared evaluation data and scripts, outside the repository (eval/kb_prepare.py, eval/trec_score.py, data/).
SHARED       ?= ../shared
EVAL_DIR     := .build/eval
INTENTS      := $(SHARED)/data/intents
ENTITIES     := $(SHARED)/data/entities
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: serve test bench eval build build-release deps test-deps unit e2e model clean help

help:
	@sed -n '2,8p' Makefile

# Installs Debian packages that are not installed yet (apt-get update only when something is missing).
define ensure_packages
	@missing=""; for p in $(1); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

deps:
	$(call ensure_packages,$(SYSTEM_PKGS))

test-deps: deps
	$(call ensure_packages,$(TEST_PKGS))

build: deps
	$(SWIFT) build --product portalctl

build-release: deps
	$(SWIFT) build -c release --product portalctl

model:
	scripts/install-model.sh "$(PORTAL_MODEL_DIR)"

serve: build-release model
	.build/release/portalctl serve --data $(DATA) --host $(HOST) --port $(PORT) --demo-content

unit: test-deps model
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

e2e: test-deps build
	/usr/bin/python3 Tests/EndToEnd/run_e2e.py --portalctl .build/debug/portalctl
	/usr/bin/python3 Tests/EndToEnd/run_account_e2e.py --portalctl .build/debug/portalctl
	$(SWIFT) build --product portal-oidc-test-provider
	/usr/bin/python3 Tests/EndToEnd/run_oidc_e2e.py --portalctl .build/debug/portalctl --provider .build/debug/portal-oidc-test-provider
	/usr/bin/python3 Tests/EndToEnd/run_security_e2e.py --portalctl .build/debug/portalctl
	/usr/bin/python3 Tests/EndToEnd/run_ticket_e2e.py --portalctl .build/debug/portalctl
	/usr/bin/python3 Tests/EndToEnd/run_kb_e2e.py --portalctl .build/debug/portalctl
	/usr/bin/python3 Tests/EndToEnd/run_tutorial_e2e.py --portalctl .build/debug/portalctl
	/usr/bin/python3 Tests/EndToEnd/run_chat_e2e.py --portalctl .build/debug/portalctl
	/usr/bin/python3 Tests/EndToEnd/run_stuffing_replay.py --portalctl .build/debug/portalctl

test: unit e2e

# The auth, tickets and chat groups run .build/release/portalctl as their server (auth and tickets with wrk as their load generator).
# Pass options as BENCH_ARGS, e.g. make bench BENCH_ARGS="--only auth --quick" or BENCH_ARGS="--only tickets".
bench: deps model
	$(call ensure_packages,$(BENCH_PKGS))
	$(SWIFT) build -c release --product portalctl
	$(SWIFT) build -c release --product portal-bench
	.build/release/portal-bench --kb-cache .build/bench-cache $(BENCH_ARGS)

# Prepares the StackFAQ test collection from $(SHARED) into $(EVAL_DIR)/stackfaq, then runs every query with
# each search system, writes TREC runs into $(EVAL_DIR) and scores them with the shared trec_score.py.
eval: deps model
	@if [ ! -f "$(SHARED)/eval/kb_prepare.py" ] || [ ! -f "$(SHARED)/eval/trec_score.py" ]; then \
		echo "make eval: no evaluation scripts in SHARED=$(SHARED) (expected $(SHARED)/eval/kb_prepare.py and trec_score.py);" \
		     "check out the shared folder next to the repository or pass SHARED=/path/to/shared" >&2; exit 1; \
	fi
	python3 "$(SHARED)/eval/kb_prepare.py" $(EVAL_DIR)/stackfaq
	$(SWIFT) build -c release --product portal-eval
	$(SWIFT) build -c release --product portalctl
	.build/release/portal-eval --collection $(EVAL_DIR)/stackfaq --out $(EVAL_DIR) --scorer "$(SHARED)/eval/trec_score.py"
	@# The knowledge base's own search, through the import commands and the real search path (docs/search.md).
	@for mode in hybrid lexical; do for set in clean typo; do \
		queries=$(EVAL_DIR)/stackfaq/queries.jsonl; [ $$set = typo ] && queries=$(EVAL_DIR)/stackfaq/queries-typo.jsonl; \
		.build/release/portalctl kb eval --docs $(EVAL_DIR)/stackfaq/docs.jsonl --queries $$queries --mode $$mode \
			--run $(EVAL_DIR)/kb-$$mode-$$set.run || exit 1; \
		python3 "$(SHARED)/eval/trec_score.py" $(EVAL_DIR)/kb-$$mode-$$set.run $(EVAL_DIR)/stackfaq/qrels.tsv --json kb-$$mode-$$set || exit 1; \
	done; done
	@# Intent recognition (docs/nlu.md): train on each data set's training split, score on its test split.
	.build/release/portalctl nlu eval --name banking77 --train "$(INTENTS)/banking77/train.csv" --test "$(INTENTS)/banking77/test.csv" \
		--embedding-cache $(EVAL_DIR)/nlu-embeddings.bin --predictions $(EVAL_DIR)/nlu-banking77.tsv
	.build/release/portalctl nlu eval --name banking77 --no-model --train "$(INTENTS)/banking77/train.csv" --test "$(INTENTS)/banking77/test.csv" \
		--predictions $(EVAL_DIR)/nlu-banking77-tfidf.tsv
	.build/release/portalctl nlu eval --name clinc150 --train "$(INTENTS)/clinc150/data_full.json" \
		--embedding-cache $(EVAL_DIR)/nlu-embeddings.bin --predictions $(EVAL_DIR)/nlu-clinc150.tsv
	@# Entity extraction (docs/nlu.md, "Entities"): rules only, scored on the full sets.
	.build/release/portalctl nlu entities --recognizers "$(ENTITIES)/recognizers-text" --nlupp "$(ENTITIES)/nlupp-banking" \
		--errors $(EVAL_DIR)/nlu-entities-errors.tsv

clean:
	rm -rf .build
