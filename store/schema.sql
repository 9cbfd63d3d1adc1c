-- schema.sql: the attest store (SQLite 3.40+, FTS5, JSON1). Embedded in attest-load and
-- attest (build/gen/schema_sql.h) and run by store_open() when a store is created or
-- when its recorded schema differs from this text. Every statement is therefore
-- idempotent: tables and indexes use IF NOT EXISTS, views are dropped and re-created.
--
-- Versioning: PRAGMA user_version holds the schema version (STORE_SCHEMA_VERSION in
-- store/store.h). A change that alters a TABLE bumps the version and adds a migration
-- step in store/db.c; a change to a VIEW needs neither (the text hash in meta makes the
-- next open re-run this file). An older program refuses a store of a newer version.
--
-- Model: a document is a content (SHA-256 of the original bytes); a file is a name
-- under which the inbox held that content. Several names may share one document; a
-- name whose content changes points at a new document (version + 1) and the old
-- document is retired when no current name is left pointing at it. Retired documents
-- keep their text and facts (history) but leave the `facts` view.
--
-- The stable face for analysts and tests are the views `facts`, `citations`,
-- `discrepancies`, `documents`, `rejects` and the FTS table `block_fts`
-- (DESIGN.md, contract 3). Tables may change; views keep their columns.

-- Key/value facts about the store itself.
CREATE TABLE IF NOT EXISTS meta(
	key TEXT PRIMARY KEY,    -- 'schema_version', 'schema_sha256', 'created_by'
	value TEXT
);

-- One row per distinct content.
CREATE TABLE IF NOT EXISTS document(
	doc_id INTEGER PRIMARY KEY,
	sha256 TEXT NOT NULL UNIQUE,  -- hex SHA-256 of the original bytes (the identity)
	name TEXT NOT NULL,           -- inbox name under which it was first loaded
	media_type TEXT,              -- text/plain, text/html, application/pdf
	title TEXT,                   -- ingest's title guess, NULL when unknown
	lang TEXT,                    -- language guess (BCP 47), NULL when unknown
	date TEXT,                    -- publication date, ISO (YYYY, YYYY-MM or YYYY-MM-DD)
	symbol TEXT,                  -- UN document symbol, e.g. CMW/C/AZE/2
	author TEXT,                  -- author or publisher as ingest found it, e.g. IOM
	publisher TEXT,               -- guessed at load when author is NULL: the organisation the
	                              -- first three blocks name most often (acronym if known);
	                              -- schema version 2
	npages INTEGER NOT NULL DEFAULT 0,  -- 0 for unpaged text
	retired INTEGER NOT NULL DEFAULT 0, -- 1 once no current file name holds this content
	superseded_by INTEGER REFERENCES document(doc_id), -- the newer version, when retired
	loaded_at TEXT NOT NULL,      -- UTC ISO time of the load ($ATTEST_NOW when set)
	extracted_at TEXT             -- UTC ISO time of the last extraction (load or reextract)
);

-- Names under which the inbox held a document, with the stat data that lets
-- `attest inbox` skip unchanged files without hashing them.
CREATE TABLE IF NOT EXISTS file(
	file_id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,           -- path relative to the inbox folder, as found
	doc_id INTEGER NOT NULL REFERENCES document(doc_id) ON DELETE CASCADE,
	version INTEGER NOT NULL,     -- 1 for the first content seen under name, then 2, …
	current INTEGER NOT NULL DEFAULT 1, -- 1 for the latest version of name (one per name)
	size INTEGER,                 -- bytes when last seen; NULL when unknown (attest-load alone)
	mtime_ns INTEGER,             -- st_mtim in nanoseconds when last seen
	seen_at TEXT NOT NULL,        -- UTC ISO time this version was recorded
	UNIQUE(name, version)
);
CREATE UNIQUE INDEX IF NOT EXISTS file_current ON file(name) WHERE current = 1;
CREATE INDEX IF NOT EXISTS file_doc ON file(doc_id);

-- The normalised text (contract 1), one row per block, so that re-extraction and
-- context never need the original file.
CREATE TABLE IF NOT EXISTS block(
	block_id INTEGER PRIMARY KEY,
	doc_id INTEGER NOT NULL REFERENCES document(doc_id) ON DELETE CASCADE,
	n INTEGER NOT NULL,           -- the block id of contract 1: 1..nblocks in document order
	kind TEXT NOT NULL,           -- heading, paragraph, list-item, table, footnote
	page INTEGER NOT NULL DEFAULT 0, -- 1-based page; 0 in unpaged documents
	label TEXT,                   -- the document's own paragraph label ("46"), or NULL
	text TEXT NOT NULL,           -- UTF-8 NFC; tables: cells joined by TAB, rows by LF
	header_rows INTEGER NOT NULL DEFAULT 0, -- tables: leading header rows
	UNIQUE(doc_id, n)
);

-- Footnote markers kept out of the block text (contract 1).
CREATE TABLE IF NOT EXISTS note_ref(
	block_id INTEGER NOT NULL REFERENCES block(block_id) ON DELETE CASCADE,
	seq INTEGER NOT NULL,         -- order within the block
	at INTEGER NOT NULL,          -- byte offset in block.text where the marker stood
	n TEXT NOT NULL,              -- the marker as printed: "2", "a", "*"
	PRIMARY KEY(block_id, seq)
);

-- Full-text index over the block text (external content: block). Phrase search:
--   SELECT … FROM block_fts JOIN block ON block.block_id = block_fts.rowid
--   WHERE block_fts MATCH '"victims of trafficking"'
CREATE VIRTUAL TABLE IF NOT EXISTS block_fts USING fts5(
	text, content='block', content_rowid='block_id', tokenize='unicode61 remove_diacritics 2'
);
-- FTS5 writes its pending terms out as a new segment (and merges segments) each
-- time they pass 'hashsize' bytes (1 MB by default); 16 MB means fewer segments and
-- merges for a large document (indexing an 8.5 MB text: 0.50 -> 0.43 s).
INSERT INTO block_fts(block_fts, rank) VALUES ('hashsize', 16777216);
-- Blocks are indexed by the load itself, one INSERT … SELECT per document (store/
-- load.c, block_index): a row trigger ran a sub-program with its own frame and
-- statement journal per block. Stores made before keep no such trigger.
DROP TRIGGER IF EXISTS block_ai;
CREATE TRIGGER IF NOT EXISTS block_ad AFTER DELETE ON block BEGIN
	INSERT INTO block_fts(block_fts, rowid, text) VALUES ('delete', old.block_id, old.text);
END;

-- One row per extracted fact (contract 2). Known field keys have their own columns
-- (NULL when the kind does not carry them); `extra` keeps the other key=value pairs
-- of the stream as a JSON object (the view fact_fields gives them all). The context
-- (the sentence cited) is kept as a span of block.text, not as text (but for laws and
-- decrees): the views fact_sentence and citations cut it out. Stored as text it was 29 MB of the bench
-- store's 116 MB, and the fields JSON another 15 MB (schema version 3).
CREATE TABLE IF NOT EXISTS fact(
	fact_id INTEGER PRIMARY KEY,  -- stable across reextract when the mention is unchanged
	doc_id INTEGER NOT NULL REFERENCES document(doc_id) ON DELETE CASCADE,
	block_id INTEGER NOT NULL REFERENCES block(block_id) ON DELETE CASCADE,
	kind TEXT NOT NULL CHECK (kind IN ('date', 'figure', 'law', 'decree', 'org')),
	start_cp INTEGER NOT NULL,    -- code-point offset in block.text where the quote starts
	end_cp INTEGER NOT NULL,      -- code-point offset just past the quote
	quote TEXT NOT NULL,          -- the mention exactly as in block.text
	ctx_start INTEGER NOT NULL,   -- code-point offset in block.text where the context starts:
	ctx_end INTEGER NOT NULL,     --   the sentence (or table row) around the quote, and where it
	ctx_cut INTEGER NOT NULL DEFAULT 0, -- ends; cut: 1 = cut before ("…"), 2 = after, 3 = both
	sentence TEXT,                -- laws and decrees: the context as text too, as fact_sentence
	                              -- shows it (the discrepancy rules read it for each mention,
	                              -- and a seek into the block for each cost 0.2 s over 10,000
	                              -- documents); NULL for the other kinds
	-- figures
	value NUMERIC,                   -- the number as written, normalised (1.15 million → 1150000)
	unit TEXT,                    -- persons, percent, USD, AZN, km2, years, days, months, hours, count, ratio, rate
	qualifier TEXT,               -- exact, about, at least, more than, up to, …
	approx INTEGER,               -- 1 when hedged
	lo NUMERIC,                      -- lower bound of the interval the figure implies (NULL: -inf)
	hi NUMERIC,                      -- upper bound (NULL: +inf)
	lo_open INTEGER,              -- 1 when lo itself is excluded ("more than")
	hi_open INTEGER,              -- 1 when hi itself is excluded ("less than")
	measure TEXT,                 -- measure key from lexicon/measures.tsv, NULL if none
	period_from TEXT,             -- ISO day: first day of the period the figure refers to
	period_to TEXT,               -- ISO day: last day of that period
	period_kind TEXT,             -- granularity: year, month, quarter, nine-months, cumulative, …
	scope TEXT,                   -- population or area the figure covers, NULL when general
	attributed_to TEXT,           -- organisation or author the document credits
	row_header TEXT,              -- tables: the row's header cell
	col_header TEXT,              -- tables: the column's header cell
	-- dates; laws and decrees: date of adoption or signature
	date_from TEXT,               -- ISO day, inclusive
	date_to TEXT,                 -- ISO day, inclusive
	precision TEXT,               -- day, month, year, decade, range
	-- laws, decrees, organisations
	canonical TEXT,               -- canonical name from the lexicon
	number TEXT,                  -- law or decree number as written ("592-IQ")
	article TEXT,                 -- laws: article referred to
	issuer TEXT,                  -- decrees: President, Cabinet of Ministers, …
	type TEXT,                    -- decrees: decree, order, decision, resolution, instruction
	title TEXT,                   -- decrees: title when given
	acronym TEXT,                 -- organisations
	org_type TEXT,                -- organisations: un, ngo, government, …
	extra TEXT                    -- the key=value pairs without a column, as JSON; NULL if none
);
CREATE INDEX IF NOT EXISTS fact_doc ON fact(doc_id, block_id, start_cp);
CREATE INDEX IF NOT EXISTS fact_block ON fact(block_id);
CREATE INDEX IF NOT EXISTS fact_measure ON fact(measure, period_from) WHERE measure IS NOT NULL;
-- fact_canonical (kind, canonical) is gone: no query reads it (the law rule of
-- discrepancies.sql reads fact_cmp_law), and every law, decree and organisation
-- mention paid for it on insert.
DROP INDEX IF EXISTS fact_canonical;
-- Replaced by the covering fact_cmp_law and fact_cmp_decree_dated below.
DROP INDEX IF EXISTS fact_law;
DROP INDEX IF EXISTS fact_issuer;
-- Covering indexes for the discrepancies view: every column its figure, law and decree
-- rules read, so that it reads these (small, sorted) instead of seeking each wide fact
-- row across the whole table. Maintained by SQLite on every insert,
-- update and delete of a fact; partial, so only the facts a rule can pair pay for them.
CREATE INDEX IF NOT EXISTS fact_cmp_figure ON fact(measure, unit, scope, period_kind,
	period_from, period_to, value, qualifier, approx, lo, hi, lo_open, hi_open,
	attributed_to, doc_id, quote, kind) WHERE kind = 'figure' AND measure IS NOT NULL;
CREATE INDEX IF NOT EXISTS fact_cmp_law ON fact(canonical, date_from, date_to, number,
	doc_id, quote, sentence, kind)
	WHERE kind = 'law' AND (date_from IS NOT NULL OR number IS NOT NULL);
-- Decrees: only those the rule can pair (issuer, dates, and a number or a title), about
-- half of the decree mentions; the WHERE is the decree rule's own, term for term.
CREATE INDEX IF NOT EXISTS fact_cmp_decree_dated ON fact(issuer, number, title, date_from,
	date_to, doc_id, quote, sentence, kind)
	WHERE kind = 'decree' AND issuer IS NOT NULL AND date_from IS NOT NULL
		AND date_to IS NOT NULL AND (number IS NOT NULL OR title IS NOT NULL);

-- One row per `attest inbox` run.
CREATE TABLE IF NOT EXISTS run(
	run_id INTEGER PRIMARY KEY,
	dir TEXT NOT NULL,            -- the inbox folder as given
	started_at TEXT NOT NULL,
	finished_at TEXT,             -- NULL while running or when the run was killed
	added INTEGER NOT NULL DEFAULT 0,
	renamed INTEGER NOT NULL DEFAULT 0,   -- known content under a new name
	unchanged INTEGER NOT NULL DEFAULT 0,
	rejected INTEGER NOT NULL DEFAULT 0,
	skipped INTEGER NOT NULL DEFAULT 0    -- not regular files, symlink loops
);

-- Files the inbox could not load, one row per name (the latest failure). A row goes
-- away when the name later loads. `attest inbox` does not retry a rejected file until
-- its size or mtime changes (or --retry is given).
CREATE TABLE IF NOT EXISTS reject(
	name TEXT PRIMARY KEY,        -- path relative to the inbox folder
	run_id INTEGER REFERENCES run(run_id) ON DELETE SET NULL,
	size INTEGER,
	mtime_ns INTEGER,
	sha256 TEXT,                  -- NULL when the file could not be read
	stage TEXT NOT NULL,          -- walk, read, ingest, extract, load
	status TEXT NOT NULL,         -- rejected (a stage failed) or skipped (not a document)
	reason TEXT NOT NULL,         -- one line: "attest-ingest: x.pdf: not a PDF", "timed out after 60 s"
	at TEXT NOT NULL              -- UTC ISO time of the failure
);

-- ---- views: the stable face (contract 3) ----

DROP VIEW IF EXISTS facts;
DROP VIEW IF EXISTS citations;
DROP VIEW IF EXISTS discrepancies;
DROP VIEW IF EXISTS documents;
DROP VIEW IF EXISTS rejects;
DROP VIEW IF EXISTS fact_sentence;
DROP VIEW IF EXISTS fact_fields;

-- The context of every fact as text: its span of the block, tabs and line ends
-- (table cells and rows) shown as spaces, "…" where cut.
CREATE VIEW fact_sentence AS
SELECT f.fact_id AS fact_id,
	CASE WHEN f.ctx_cut & 1 THEN '…' ELSE '' END
	|| replace(replace(substr(b.text, f.ctx_start + 1, f.ctx_end - f.ctx_start),
		char(9), ' '), char(10), ' ')
	|| CASE WHEN f.ctx_cut & 2 THEN '…' ELSE '' END AS sentence
FROM fact f JOIN block b ON b.block_id = f.block_id;

-- Every field of every fact as one JSON object: the columns that are set, then extra.
-- (json_patch onto {} drops the NULL columns.)
CREATE VIEW fact_fields AS
SELECT f.fact_id AS fact_id,
	json_patch(json_patch('{}', json_object(
		'value', f.value,
		'unit', f.unit,
		'qualifier', f.qualifier,
		'approx', f.approx,
		'lo', f.lo,
		'hi', f.hi,
		'lo_open', f.lo_open,
		'hi_open', f.hi_open,
		'measure', f.measure,
		'period_from', f.period_from,
		'period_to', f.period_to,
		'period_kind', f.period_kind,
		'scope', f.scope,
		'attributed_to', f.attributed_to,
		'row_header', f.row_header,
		'col_header', f.col_header,
		'date_from', f.date_from,
		'date_to', f.date_to,
		'precision', f.precision,
		'canonical', f.canonical,
		'number', f.number,
		'article', f.article,
		'issuer', f.issuer,
		'type', f.type,
		'title', f.title,
		'acronym', f.acronym,
		'org_type', f.org_type)), coalesce(f.extra, '{}')) AS fields
FROM fact f;

-- A ready-to-paste citation per fact:
--   [author, ]symbol-or-title[ (year)][, p. N][, para. L]: "sentence"
-- (the title falls back to the document's name; a UN symbol stands for the title)
CREATE VIEW citations AS
SELECT f.fact_id AS fact_id,
	d.name AS doc,
	-- the author or publisher, left out when it is the very name the title shows
	nullif(coalesce(d.author, d.publisher), coalesce(d.symbol, d.title, d.name)) AS author,
	d.title AS title,
	d.symbol AS symbol,
	d.date AS date,
	nullif(b.page, 0) AS page,
	b.label AS para,
	s.sentence AS sentence,
	y.year AS year,
	coalesce(nullif(coalesce(d.author, d.publisher), coalesce(d.symbol, d.title, d.name)) || ', ', '')
	|| coalesce(d.symbol, d.title, d.name)
	|| coalesce(' (' || y.year || ')', '')
	|| coalesce(', p. ' || nullif(b.page, 0), '')
	|| coalesce(', para. ' || b.label, '')
	|| ': "' || s.sentence || '"' AS citation
FROM fact f
JOIN document d ON d.doc_id = f.doc_id
JOIN block b ON b.block_id = f.block_id
JOIN fact_sentence s ON s.fact_id = f.fact_id
-- the year of publication, left out when the title already shows it
JOIN (SELECT doc_id, CASE WHEN date IS NULL
		OR instr(coalesce(symbol, title, name), substr(date, 1, 4)) > 0 THEN NULL
		ELSE substr(date, 1, 4) END AS year FROM document) y ON y.doc_id = d.doc_id;

-- One row per fact of a current (not retired) document.
CREATE VIEW facts AS
SELECT f.fact_id AS fact_id,
	d.name AS doc,
	f.kind AS kind,
	f.quote AS quote,
	nullif(b.page, 0) AS page,
	b.label AS para,
	f.value AS value,
	f.unit AS unit,
	f.approx AS approx,
	f.qualifier AS qualifier,
	f.date_from AS date_from,
	f.date_to AS date_to,
	f.measure AS measure,
	f.period_from AS period_from,
	f.period_to AS period_to,
	f.canonical AS canonical,
	f.number AS number,
	f.issuer AS issuer,
	f.attributed_to AS attributed_to,
	c.citation AS citation,
	-- beyond the contract
	f.lo AS lo, f.hi AS hi, f.lo_open AS lo_open, f.hi_open AS hi_open,
	f.period_kind AS period_kind, f.scope AS scope, f.precision AS precision,
	f.article AS article, f.type AS type, f.title AS title, f.acronym AS acronym,
	f.org_type AS org_type, f.row_header AS row_header, f.col_header AS col_header,
	c.sentence AS sentence, b.n AS block, f.start_cp AS start, f.end_cp AS "end",
	d.doc_id AS doc_id, d.sha256 AS sha256,
	(SELECT x.fields FROM fact_fields x WHERE x.fact_id = f.fact_id) AS fields
FROM fact f
JOIN document d ON d.doc_id = f.doc_id AND d.retired = 0
JOIN block b ON b.block_id = f.block_id
JOIN citations c ON c.fact_id = f.fact_id;

-- Pairs of facts of current documents that cannot both be true. This first version
-- is deliberately strict (a false alarm costs more than a miss):
-- figures: same measure, unit and scope, the SAME period (equal bounds, so equal
--   granularity) and disjoint intervals [lo, hi] (NULL bound = infinite, *_open
--   bounds excluded);
-- laws: same canonical name, both dated, disjoint date bounds ("adoption date
--   differs"), or both numbered with different numbers;
-- decrees: same issuer and number, both dated, disjoint date bounds.
-- Each pair appears once (fact_a < fact_b).
CREATE VIEW discrepancies AS
WITH cur AS (
	SELECT f.*, d.name AS doc FROM fact f JOIN document d ON d.doc_id = f.doc_id AND d.retired = 0
)
SELECT a.measure AS measure, a.period_from AS period_from, a.period_to AS period_to,
	a.fact_id AS fact_a, a.doc AS doc_a, a.quote AS quote_a, a.value AS value_a,
	b.fact_id AS fact_b, b.doc AS doc_b, b.quote AS quote_b, b.value AS value_b,
	printf('disjoint: %s vs %s', a.quote, b.quote) AS reason
FROM cur a JOIN cur b
	ON b.kind = 'figure' AND a.kind = 'figure' AND a.fact_id < b.fact_id
	AND a.measure = b.measure AND a.unit IS b.unit AND a.scope IS b.scope
	AND a.period_from = b.period_from AND a.period_to = b.period_to
	AND a.value IS NOT NULL AND b.value IS NOT NULL
WHERE (a.hi IS NOT NULL AND b.lo IS NOT NULL
		AND (a.hi < b.lo OR (a.hi = b.lo AND (coalesce(a.hi_open, 0) OR coalesce(b.lo_open, 0)))))
	OR (b.hi IS NOT NULL AND a.lo IS NOT NULL
		AND (b.hi < a.lo OR (b.hi = a.lo AND (coalesce(b.hi_open, 0) OR coalesce(a.lo_open, 0)))))
UNION ALL
SELECT a.canonical, a.date_from, a.date_to,
	a.fact_id, a.doc, a.quote, a.date_from,
	b.fact_id, b.doc, b.quote, b.date_from,
	CASE WHEN a.date_to < b.date_from OR b.date_to < a.date_from
		THEN 'adoption date differs' ELSE 'number differs' END
FROM cur a JOIN cur b
	ON a.kind = 'law' AND b.kind = 'law' AND a.fact_id < b.fact_id AND a.canonical = b.canonical
WHERE (a.date_from IS NOT NULL AND b.date_from IS NOT NULL
		AND (a.date_to < b.date_from OR b.date_to < a.date_from))
	OR (a.number IS NOT NULL AND b.number IS NOT NULL AND a.number <> b.number)
UNION ALL
SELECT a.issuer || ' ' || a.number, a.date_from, a.date_to,
	a.fact_id, a.doc, a.quote, a.date_from,
	b.fact_id, b.doc, b.quote, b.date_from,
	'signature date differs'
FROM cur a JOIN cur b
	ON a.kind = 'decree' AND b.kind = 'decree' AND a.fact_id < b.fact_id
	AND a.issuer = b.issuer AND a.number = b.number
WHERE a.date_from IS NOT NULL AND b.date_from IS NOT NULL
	AND (a.date_to < b.date_from OR b.date_to < a.date_from);

-- Documents with their current names (several when copies exist) and fact counts.
CREATE VIEW documents AS
SELECT d.doc_id, d.name, d.sha256, d.media_type, d.title, d.symbol, d.date,
	-- the author or publisher, left out when it is the very name the title shows
	nullif(coalesce(d.author, d.publisher), coalesce(d.symbol, d.title, d.name)) AS author,
	d.npages, d.retired, d.superseded_by, d.loaded_at,
	(SELECT group_concat(name, ' ') FROM (SELECT name FROM file
		WHERE file.doc_id = d.doc_id AND current = 1 ORDER BY name)) AS names,
	(SELECT count(*) FROM fact WHERE fact.doc_id = d.doc_id) AS nfacts
FROM document d;

-- Files that failed or were skipped, newest first.
CREATE VIEW rejects AS
SELECT name, stage, status, reason, size, sha256, at, run_id FROM reject ORDER BY at DESC, name;
