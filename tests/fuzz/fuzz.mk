# tests/fuzz/fuzz.mk: libFuzzer builds of the fuzz targets (`make fuzz` runs
# `make -f tests/fuzz/fuzz.mk B=build-fuzz`). Objects are built with clang under
# ASan + UBSan + fuzzer coverage in $(B)/libfuzzer/, apart from the gcc objects the
# main Makefile may keep in $(B)/. Then each target runs for FUZZ_SECONDS, one after
# the other (the machine is shared), over a work copy of its corpus:
#
#   make fuzz                                   every target, 60 s each
#   make fuzz FUZZ_TARGETS="dates figures" FUZZ_SECONDS=30
#   make fuzz KEEP_GOING=1                      fork mode: a crash is kept, fuzzing goes on
#   make -f tests/fuzz/fuzz.mk B=build-fuzz build           build only
#   make -f tests/fuzz/fuzz.mk B=build-fuzz merge FUZZ_TARGETS=dates
#        minimise work corpus + seeds into tests/fuzz/corpus/dates (-merge=1)
#
# New inputs go to $(B)/libfuzzer/work/NAME, crashes to $(B)/libfuzzer/crashes/NAME/;
# the committed seeds in tests/fuzz/corpus/NAME are only read. Sanitizer reports go to
# $(B)/libfuzzer/crashes/NAME/sanitizer.PID too, because the PDF reader silences
# stderr while poppler runs (and its SIGALRM watchdog is off: libFuzzer's -timeout
# does that job here). A crash file, once
# understood, is copied into the corpus under a name that says what it is, where
# `make test` replays it for ever (t9000-replay-NAME.t).

B ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_RSS_MB ?= 2048
FUZZ_TIMEOUT ?= 10
FUZZ_CC ?= clang
# KEEP_GOING=1: fork mode that records a crash and goes on (to fuzz past a known bug).
FUZZ_FLAGS ?= $(if $(KEEP_GOING),-fork=1 -ignore_crashes=1 -ignore_ooms=1 -ignore_timeouts=1)
ALL_TARGETS := $(patsubst tests/fuzz/fuzz-%.c,%,$(sort $(wildcard tests/fuzz/fuzz-*.c)))
FUZZ_TARGETS ?= $(ALL_TARGETS)

VERSION := $(shell cat VERSION)
PKGS := poppler-glib icu-uc icu-i18n libxml-2.0 sqlite3 lcms2 nettle  # as in the Makefile
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
# FUZZ_SAN_OFF=nonnull-attribute (say) turns one check off, to fuzz past a known bug.
FUZZ_SAN_OFF ?=
FSAN := -fsanitize=address,undefined -fno-sanitize-recover=undefined \
	$(if $(FUZZ_SAN_OFF),-fno-sanitize=$(FUZZ_SAN_OFF))
# Not -Werror: a new clang warning in someone's file must not stop the fuzzing.
FUZZ_CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -O1 -g \
	-fno-omit-frame-pointer $(FSAN) -fsanitize=fuzzer-no-link -Wall -Wextra \
	-Ilib -I$(B)/gen -DATTEST_VERSION='"$(VERSION)"' $(PKG_CFLAGS)
FUZZ_LDFLAGS := $(FSAN) -fsanitize=fuzzer
FUZZ_LIBS := $(PKG_LIBS) -lm

# objects per sanitizer set (make does not track flags); work corpora and logs in W
W := $(B)/libfuzzer
O := $(W)$(if $(FUZZ_SAN_OFF),-no-$(FUZZ_SAN_OFF))
LIB_SRC := $(sort $(wildcard lib/*.c))
INGEST_SRC := $(sort $(filter-out ingest/main.c,$(wildcard ingest/*.c)))
EXTRACT_SRC := $(sort $(filter-out extract/main.c,$(wildcard extract/*.c)))
obj = $(patsubst %.c,$(O)/%.o,$(1))

# What each target links beyond its own file: only the stages it exercises, so that
# a stage under construction elsewhere does not stop the other targets.
SRC_text := $(INGEST_SRC) $(LIB_SRC)
SRC_html := $(INGEST_SRC) $(LIB_SRC)
SRC_pdf := $(INGEST_SRC) $(LIB_SRC)
SRC_document := $(LIB_SRC)
SRC_facts := $(LIB_SRC)
SRC_lexicon := extract/lexicon.c $(LIB_SRC)
SRC_dates := $(EXTRACT_SRC) $(LIB_SRC)
SRC_figures := $(EXTRACT_SRC) $(LIB_SRC)
# PDF inputs stay small: poppler is slow, and big files add nothing a small one lacks.
MAXLEN_pdf := -max_len=65536
MAXLEN_dates := -max_len=2048
MAXLEN_figures := -max_len=2048
export MAXLEN_pdf MAXLEN_dates MAXLEN_figures

.PHONY: all build run merge
.DELETE_ON_ERROR:

all: run

build: $(foreach t,$(FUZZ_TARGETS),$(O)/fuzz-$(t))

$(O)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CLANG   $<"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -MMD -MP -c $< -o $@

$(B)/gen/schema_sql.h: store/schema.sql
	@$(MAKE) --no-print-directory B=$(B) $@

define target_rule
$(O)/fuzz-$(1): $(call obj,tests/fuzz/fuzz-$(1).c $(SRC_$(1)))
	@echo "  LINK    $$@"
	@$$(FUZZ_CC) $$(FUZZ_LDFLAGS) -o $$@ $$^ $$(FUZZ_LIBS)
endef
$(foreach t,$(ALL_TARGETS),$(eval $(call target_rule,$(t))))

# One target after the other; a crash stops `make fuzz` with the file's name.
run: build
	@failed=; for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(W)/work/$$t $(W)/crashes/$$t; \
	  rm -f $(W)/crashes/$$t/sanitizer.*; \
	  echo "fuzz: $$t for $(FUZZ_SECONDS) s"; \
	  if ATTEST_LEXICON=$(CURDIR)/lexicon ATTEST_PDF_TIMEOUT=0 \
	    ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1:log_path=$(CURDIR)/$(W)/crashes/$$t/sanitizer \
	    UBSAN_OPTIONS=print_stacktrace=1:log_path=$(CURDIR)/$(W)/crashes/$$t/sanitizer \
	    $(O)/fuzz-$$t -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=$(FUZZ_RSS_MB) \
	    -timeout=$(FUZZ_TIMEOUT) -print_final_stats=1 $(FUZZ_FLAGS) $$(eval echo \$${MAXLEN_$$t:-}) \
	    -artifact_prefix=$(W)/crashes/$$t/ $(W)/work/$$t tests/fuzz/corpus/$$t \
	    >$(W)/$$t.log 2>&1; then :; else \
	    failed="$$failed $$t"; \
	    echo "fuzz: $$t FAILED, see $(W)/$$t.log:"; \
	    grep -E '^(==[0-9]+==ERROR|SUMMARY|artifact_prefix|Test unit written|fuzz: invariant)' $(W)/$$t.log | sort | uniq -c | sort -rn | head -5; \
	    cat $(W)/crashes/$$t/sanitizer.* 2>/dev/null | grep -E 'ERROR|runtime error' | sort | uniq -c | head -5; \
	    [ -n "$(KEEP_GOING)" ] || exit 1; \
	  fi; \
	  { grep -E '^stat::(number_of_executed_units|peak_rss_mb)' $(W)/$$t.log; \
	    grep -E '^#[0-9]+: cov' $(W)/$$t.log | tail -1 | sed 's/^#\([0-9]*\):.*/executions (fork mode): \1/'; \
	    echo "crash files: $$(ls $(W)/crashes/$$t | grep -c '^crash-')"; \
	  } | sed "s/^/  $$t: /"; \
	done; \
	[ -z "$$failed" ] || { echo "fuzz: failed:$$failed"; exit 1; }

# Minimise (work corpus + committed seeds) into the committed corpus folder.
merge: build
	@set -e; for t in $(FUZZ_TARGETS); do \
	  rm -rf $(W)/merged/$$t; mkdir -p $(W)/merged/$$t $(W)/work/$$t; \
	  ATTEST_LEXICON=$(CURDIR)/lexicon $(O)/fuzz-$$t -merge=1 -rss_limit_mb=$(FUZZ_RSS_MB) \
	    -timeout=$(FUZZ_TIMEOUT) $(W)/merged/$$t tests/fuzz/corpus/$$t $(W)/work/$$t \
	    >$(W)/$$t.merge.log 2>&1; \
	  echo "merge: $$t: $$(ls $(W)/merged/$$t | wc -l) files in $(W)/merged/$$t"; \
	done

-include $(shell find $(O) -name '*.d' 2>/dev/null)
