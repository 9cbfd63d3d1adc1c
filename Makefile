# attest: the only Makefile. Objects go to $(B)/, programs to $(BIN)/.
#   make            build (installs missing Debian packages first when run as root)
#   make test       build and run the TAP suite under prove
#   make demo       build and run `attest inbox` on examples/inbox (or INBOX=dir)
#   make asan       the suite under AddressSanitizer + UBSan, in build-asan/
#   make fuzz       libFuzzer targets (clang), in build-fuzz/
#   make bench      speed and memory against named baselines
#   make install    PREFIX=/usr/local

B ?= build
BIN ?= bin
PREFIX ?= /usr/local
VERSION := $(shell cat VERSION)
PKGS := poppler-glib icu-uc icu-i18n libxml-2.0 sqlite3 lcms2 nettle
DEB_PKGS := build-essential pkg-config libpoppler-glib-dev libicu-dev libxml2-dev liblcms2-dev nettle-dev \
	libmimalloc-dev libsqlite3-dev sqlite3 libxml2-utils poppler-utils perl python3 procps
TOOLS := pkg-config sqlite3 xmllint prove pdftotext pdfunite python3 pgrep cc

CC ?= cc
OPT ?= -O2 -g
SAN ?=
WARN := -Wall -Wextra -Werror -Wshadow -Wvla -Wstrict-prototypes -Wmissing-prototypes \
	-Wformat=2 -Wdate-time
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
# lcms2: its header only; ingest defines cmsOpenProfileFromMem so that poppler
# parses no colour profile (ingest/pdf_reader.c)
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(OPT) $(SAN) $(WARN) \
	-ffile-prefix-map=$(CURDIR)=. -Ilib -I$(B)/gen -DATTEST_VERSION='"$(VERSION)"' \
	$(PKG_CFLAGS) $(CFLAGS)
# --as-needed: each program loads only the libraries it calls (attest-load has no
# use for poppler), which is measurable on small documents
ALL_LDFLAGS = $(SAN) -Wl,--as-needed $(LDFLAGS)
LIBS = $(PKG_LIBS) -lm -pthread
# The PDF readers put the libraries that define most of the symbols bound at
# start-up (poppler, libc, libstdc++, glib, ICU: 8,000 of 12,800) first in the
# search order. poppler-glib brings ~50 libraries, all bound at load (Debian links
# them -z now), and each lookup walks them in order: 21.1 M -> 18.3 M instructions
# to start, about 0.7 ms of a 13 ms run on a 3-page PDF.
PDF_LIBS = -Wl,--no-as-needed $(shell pkg-config --libs poppler 2>/dev/null) -lc -lstdc++ \
	$(shell pkg-config --libs glib-2.0 icu-uc 2>/dev/null) -Wl,--as-needed

LIB_SRC := $(sort $(wildcard lib/*.c))
INGEST_SRC := $(sort $(filter-out ingest/main.c,$(wildcard ingest/*.c)))
EXTRACT_SRC := $(sort $(filter-out extract/main.c,$(wildcard extract/*.c)))
STORE_SRC := $(sort $(filter-out store/main.c,$(wildcard store/*.c)))
DRIVER_SRC := $(sort $(wildcard driver/*.c))
TEST_SRC := $(sort $(wildcard tests/*.c))
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz-*.c))

obj = $(patsubst %.c,$(B)/%.o,$(1))
LIBA := $(B)/libattest.a
INGESTA := $(B)/libingest.a
EXTRACTA := $(B)/libextract.a
STOREA := $(B)/libstore.a
STAGE_LIBS := $(INGESTA) $(EXTRACTA) $(STOREA) $(LIBA)
PROGRAMS := $(BIN)/attest $(BIN)/attest-ingest $(BIN)/attest-extract $(BIN)/attest-load
TESTS := $(patsubst tests/%.c,$(B)/tests/%.t,$(TEST_SRC)) \
	$(patsubst tests/fuzz/fuzz-%.c,$(B)/tests/t9000-replay-%.t,$(FUZZ_SRC))

.PHONY: all programs deps test check asan fuzz bench demo install clean check-mem check-crash
.DEFAULT_GOAL := all
.DELETE_ON_ERROR:
.SECONDARY:

all: deps
	@$(MAKE) --no-print-directory programs

programs: $(PROGRAMS) $(TESTS)

# Missing system packages are installed when we are root, else the command is printed.
deps:
	@missing=; for p in $(PKGS); do pkg-config --exists $$p 2>/dev/null || missing=1; done; \
	for t in $(TOOLS); do command -v $$t >/dev/null 2>&1 || missing=1; done; \
	echo '#include <mimalloc.h>' | $(CC) -E - >/dev/null 2>&1 || missing=1; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing build dependencies: $(DEB_PKGS)"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DEB_PKGS)) >/dev/null || exit 3; \
	  else \
	    echo "missing build dependencies; run:"; \
	    echo "  sudo apt-get install -y $(DEB_PKGS)"; exit 3; \
	  fi; \
	fi

Q ?= @
$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

# The schema, then the other store/*.sql files (views kept in files of their own,
# e.g. discrepancies.sql), embedded as one string: each file must be re-runnable.
SCHEMA_SQL := store/schema.sql $(sort $(filter-out store/schema.sql,$(wildcard store/*.sql)))
$(B)/gen/schema_sql.h: $(SCHEMA_SQL)
	@mkdir -p $(dir $@)
	cat $(SCHEMA_SQL) | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' > $@.tmp
	{ echo '/* generated from store/schema.sql: do not edit */'; echo 'static const char schema_sql[] ='; cat $@.tmp; echo ';'; } > $@
	rm -f $@.tmp

$(call obj,$(STORE_SRC) store/main.c $(DRIVER_SRC)): $(B)/gen/schema_sql.h

$(LIBA): $(call obj,$(LIB_SRC))
$(INGESTA): $(call obj,$(INGEST_SRC))
$(EXTRACTA): $(call obj,$(EXTRACT_SRC))
$(STOREA): $(call obj,$(STORE_SRC))
$(B)/%.a:
	@mkdir -p $(dir $@)
	$(Q)rm -f $@
	$(Q)ar rcs $@ $^

$(BIN)/attest-ingest: $(call obj,ingest/main.c) $(INGESTA) $(LIBA)
$(BIN)/attest-extract: $(call obj,extract/main.c) $(EXTRACTA) $(LIBA)
$(BIN)/attest-load: $(call obj,store/main.c) $(STOREA) $(LIBA)
$(BIN)/attest: $(call obj,$(DRIVER_SRC)) $(STOREA) $(EXTRACTA) $(INGESTA) $(LIBA)
$(BIN)/attest: LIBS := $(PDF_LIBS) $(LIBS)
# mimalloc replaces malloc in attest-ingest, for poppler and glib as well (it comes
# first in the search order): poppler builds and frees a page's text objects page
# after page, about 1.3 million operator new calls on A/HRC/14/37. 705-page PDF: 2.24 s ->
# 1.92 s; the bench's 38 PDFs: 2.92 s -> 2.78 s (medians of 3 and 6 alternating runs).
# attest-extract and attest-load were no faster with it. Not under the sanitizers,
# which bring their own allocator.
MALLOC_LIBS = $(if $(SAN),,-Wl,--no-as-needed -lmimalloc -Wl,--as-needed)
$(BIN)/attest-ingest: LIBS := $(MALLOC_LIBS) $(PDF_LIBS) $(LIBS)
$(PROGRAMS):
	@mkdir -p $(dir $@)
	@echo "  LINK    $@"
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

# Tests and fuzz targets reach into the stages' own headers.
$(B)/tests/%.o: ALL_CFLAGS += -Iextract -Iingest -Istore

$(B)/tests/%.t: $(B)/tests/%.o $(STAGE_LIBS)
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

# Each fuzz target also builds as a replay test that runs its corpus (tests/fuzz/corpus/NAME).
$(B)/tests/t9000-replay-%.t: $(B)/tests/fuzz/fuzz-%.o $(B)/tests/fuzz/replay.o $(STAGE_LIBS)
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

check: programs
	ATTEST_BIN=$(abspath $(BIN)) ATTEST_BUILD=$(abspath $(B)) prove -j$$(nproc) tests/ $(B)/tests/

test: deps
	@$(MAKE) --no-print-directory check

asan: deps
	@$(MAKE) --no-print-directory check B=build-asan BIN=build-asan/bin OPT="-O1 -g -fno-omit-frame-pointer" \
	  SAN="-fsanitize=address,undefined -fno-sanitize-recover=all" \
	  ASAN_OPTIONS=detect_leaks=1 ATTEST_SANITIZED=1

# valgrind replaces glibc's malloc, not mimalloc's: its build links neither (MALLOC_LIBS=).
check-mem: asan
	@$(MAKE) --no-print-directory programs B=build-vg BIN=build-vg/bin MALLOC_LIBS=
	ATTEST_BIN=$(abspath build-vg/bin) ATTEST_BUILD=$(abspath build-vg) tests/valgrind.sh

check-crash: all
	ATTEST_BIN=$(abspath $(BIN)) tests/crash.sh

fuzz: deps
	@$(MAKE) --no-print-directory -f tests/fuzz/fuzz.mk B=build-fuzz

bench: deps
	@$(MAKE) --no-print-directory programs B=build-bench BIN=build-bench/bin OPT="-O2 -DNDEBUG"
	ATTEST_BIN=$(abspath build-bench/bin) bench/run.sh

INBOX ?= examples/inbox
demo: all
	@rm -f $(B)/demo.db $(B)/demo.db-wal $(B)/demo.db-shm
	$(BIN)/attest inbox $(INBOX) --db $(B)/demo.db || true
	@echo; $(BIN)/attest status --db $(B)/demo.db
	@echo; $(BIN)/attest conflicts --db $(B)/demo.db
	@echo; echo "the store is $(B)/demo.db: try  sqlite3 $(B)/demo.db 'select doc, kind, quote, citation from facts limit 10'"

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/attest/lexicon
	install -m 755 $(PROGRAMS) $(DESTDIR)$(PREFIX)/bin/
	install -m 644 lexicon/*.tsv $(DESTDIR)$(PREFIX)/share/attest/lexicon/

clean:
	rm -rf build build-asan build-fuzz build-bench build-vg bin

-include $(shell find $(B) -name '*.d' 2>/dev/null)
