-- discrepancies.sql: the `discrepancies` view (contract 3), run after schema.sql.
-- Pure SQL over the `facts` view, so that analysts can read and change it with the
-- plain sqlite3 CLI (no custom functions).
--
-- One row per pair of facts that cannot both be true. A false alarm costs a reader's
-- trust more than a missed conflict, so every rule below needs both sides to be
-- fully specified, and anything unsure is not compared.
--
-- Figures (reason "disjoint: A vs B (…)"):
--   * same measure (never NULL), same unit (persons and count are one), same scope
--     (NULL = the country of the report), same period kind (annual, partial, cumulative, stock, multi-year;
--     "average" is never compared), periods that overlap and have the same length
--     within 3 days (a nine-month figure is not compared with a full year, a stock at
--     February 2008 not with a stock at the end of 2006);
--   * from two different documents, or from one document when it credits the two
--     values to two different sources (attributed_to both set and different: "30
--     victims according to ICMPD" against the ministry's table). Two values of one
--     document without two named sources are nearly always a breakdown or a
--     sub-population that the extraction could not tell apart, so they are left out;
--   * disjoint intervals. A figure is an interval: [lo, hi] from the recogniser
--     (hedges: "up to" [0, v], "more than" (v, inf)), widened for hedges of the
--     "about" kind by 10 % and, unless the figure is a stated bound ("up to", "more
--     than"), for rounding by half a unit of the last non-zero digit of round
--     numbers (700,000 is read as 650,000..750,000); equal values never
--     conflict, "about 700,000" vs "686,586" does not, "up to 700,000" vs "800,000"
--     does.
-- Periods (reason "period differs: …"): the same exact count (at least 3, not a
--   round number) for the same measure, unit and scope, stated for overlapping but
--   different periods in two documents; value_a/value_b are the periods.
-- Laws (reason "adoption date differs" / "number differs"): the same canonical law,
--   both dated (disjoint date bounds) or both numbered (different numbers). Mentions
--   whose sentence speaks of amendments, accession, ratification, signature or entry
--   into force carry the date of that event, not the adoption date, and are left out;
--   so are international instruments (conventions, protocols, covenants, charters),
--   whose dates are those of the country's accession as often as their own.
-- Decrees (reason "signature date differs"): the same issuer and number with dates
--   in the same year but on different days (numbers restart each year, so the same
--   number in another year is another instrument unless the titles agree); and the
--   same issuer and title with different dates.
-- Each pair appears once (fact_a < fact_b).

--
-- How it runs (the rows are those of the plain pairwise self-joins): a store often
-- holds the same fact many times over (copies and versions of a report, the same law
-- cited in every document), and comparing every fact with every other one would be
-- quadratic in the store. So each rule first ranks its facts into classes of equal
-- compared attributes (cid: everything a rule tests but the fact's identity), pairs
-- the classes (few), and only then expands each matching pair of classes into its
-- pairs of facts (fact_a < fact_b, and the doc/source test, which is per fact). Every
-- test of a rule is symmetric in a and b, so the ordered class pairs, expanded with
-- fact_a < fact_b, give each pair of facts exactly once. Facts are read from the
-- tables (a fact of a current document), which is what the `facts` view holds,
-- without its citation columns, and through the covering indexes fact_cmp_* of
-- schema.sql, so that a rule never reads the wide fact rows.

DROP VIEW IF EXISTS discrepancies;
CREATE VIEW discrepancies AS
WITH cur AS NOT MATERIALIZED (
	SELECT f.fact_id, f.kind, d.name AS doc, f.doc_id, f.quote, f.sentence, f.value,
		f.unit, f.qualifier, f.approx, f.lo, f.hi, f.lo_open, f.hi_open, f.measure,
		f.period_from, f.period_to, f.period_kind, f.scope, f.attributed_to, f.date_from,
		f.date_to, f.canonical, f.number, f.issuer, f.title
	FROM fact f
	-- no join with block: every fact has its block (fact.block_id REFERENCES block ON
	-- DELETE CASCADE), and the join cost a seek into the wide block table per fact
	JOIN document d ON d.doc_id = f.doc_id AND d.retired = 0
),
fig AS MATERIALIZED (
	SELECT f.fact_id, f.doc, f.doc_id, f.quote, f.value, f.measure, f.scope, f.attributed_to,
		-- a count of people is a count: table cells often carry no unit word
		CASE WHEN f.unit IN ('persons', 'count') THEN 'count' ELSE f.unit END AS unit,
		f.period_from, f.period_to, f.period_kind,
		-- the interval: recogniser bounds, else what the hedge word implies
		CASE WHEN f.lo IS NOT NULL OR f.hi IS NOT NULL THEN f.lo
			WHEN f.qualifier IN ('up to', 'at most', 'less than', 'fewer than', 'under',
				'no more than', 'not more than', 'below', 'maximum') THEN NULL
			WHEN f.qualifier IN ('more than', 'over', 'at least', 'exceeding', 'above',
				'no less than', 'not less than', 'minimum', 'as high as') THEN f.value
			ELSE f.value END AS lo0,
		CASE WHEN f.lo IS NOT NULL OR f.hi IS NOT NULL THEN f.hi
			WHEN f.qualifier IN ('more than', 'over', 'at least', 'exceeding', 'above',
				'no less than', 'not less than', 'minimum', 'as high as') THEN NULL
			ELSE f.value END AS hi0,
		coalesce(f.lo_open, 0) AS lo_open, coalesce(f.hi_open, 0) AS hi_open,
		-- about-type hedges: 10 % either side
		CASE WHEN coalesce(f.approx, 0) = 1 AND coalesce(f.qualifier, '') NOT IN ('up to',
				'at most', 'less than', 'fewer than', 'under', 'no more than', 'not more than',
				'below', 'maximum', 'more than', 'over', 'at least', 'exceeding', 'above',
				'no less than', 'not less than', 'minimum', 'as high as')
			THEN abs(f.value) * 0.1 ELSE 0 END AS band,
		-- rounding: half a unit of the last non-zero digit of a round integer; a
		-- bound stated with "up to", "more than" … is taken as written
		CASE WHEN f.value <> CAST(f.value AS INTEGER) THEN 0
			WHEN coalesce(f.qualifier, '') IN ('up to', 'at most', 'less than', 'fewer than',
				'under', 'no more than', 'not more than', 'below', 'maximum', 'more than', 'over',
				'at least', 'exceeding', 'above', 'no less than', 'not less than', 'minimum',
				'as high as') THEN 0
			WHEN abs(f.value) >= 1000000 AND abs(CAST(f.value AS INTEGER)) % 1000000 = 0 THEN 500000
			WHEN abs(f.value) >= 100000 AND abs(CAST(f.value AS INTEGER)) % 100000 = 0 THEN 50000
			WHEN abs(f.value) >= 10000 AND abs(CAST(f.value AS INTEGER)) % 10000 = 0 THEN 5000
			WHEN abs(f.value) >= 1000 AND abs(CAST(f.value AS INTEGER)) % 1000 = 0 THEN 500
			WHEN abs(f.value) >= 100 AND abs(CAST(f.value AS INTEGER)) % 100 = 0 THEN 50
			ELSE 0 END AS round_half
	FROM cur f
	WHERE f.kind = 'figure' AND f.measure IS NOT NULL AND f.value IS NOT NULL
		AND f.unit IS NOT NULL AND f.period_from IS NOT NULL AND f.period_to IS NOT NULL
		AND f.period_kind IS NOT NULL AND f.period_kind <> 'average'
),
-- the classes: one row per distinct set of compared columns (plen, elo, ehi and
-- lo_floor follow from the others), numbered; a DISTINCT of the few classes and a
-- join back cost far less than a window over every figure
ivk AS MATERIALIZED (
	SELECT row_number() OVER () AS cid, k.*,
		julianday(k.period_to) - julianday(k.period_from) AS plen,
		CASE WHEN lo0 IS NULL THEN NULL ELSE lo0 - band - round_half END AS elo,
		CASE WHEN hi0 IS NULL THEN NULL ELSE hi0 + band + round_half END AS ehi,
		-- "up to" without recogniser bounds means [0, v]
		CASE WHEN lo0 IS NULL AND hi0 IS NOT NULL AND value >= 0 THEN 0 ELSE NULL END AS lo_floor
	FROM (SELECT DISTINCT measure, unit, scope, period_kind, period_from, period_to, value,
		lo0, hi0, lo_open, hi_open, band, round_half, attributed_to FROM fig) k
),
-- the figures with their class
ivc AS MATERIALIZED (
	SELECT f.fact_id, f.doc, f.doc_id, f.quote, k.cid
	FROM fig f JOIN ivk k ON k.measure = f.measure AND k.unit = f.unit
		AND k.scope IS f.scope AND k.period_kind = f.period_kind
		AND k.period_from = f.period_from AND k.period_to = f.period_to
		AND k.value = f.value AND k.lo0 IS f.lo0 AND k.hi0 IS f.hi0
		AND k.lo_open = f.lo_open AND k.hi_open = f.hi_open AND k.band = f.band
		AND k.round_half = f.round_half AND k.attributed_to IS f.attributed_to
),
-- pairs of classes whose figures are disjoint (the doc/source test is per fact)
disjoint AS MATERIALIZED (
	SELECT a.cid AS ca, b.cid AS cb, a.measure AS measure,
		max(a.period_from, b.period_from) AS period_from,
		min(a.period_to, b.period_to) AS period_to,
		a.value AS value_a, b.value AS value_b,
		printf('disjoint: %s vs %s (%s)', a.value, b.value,
			CASE WHEN a.band > 0 OR b.band > 0 THEN 'about ±10%'
				WHEN a.round_half > 0 OR b.round_half > 0
				THEN 'rounded ±' || max(a.round_half, b.round_half)
				ELSE 'about ±0' END) AS reason,
		-- one document may conflict with itself only through two named sources
		coalesce(a.attributed_to <> b.attributed_to, 0) AS two_sources
	FROM ivk a JOIN ivk b
		ON a.measure = b.measure AND a.unit = b.unit AND a.scope IS b.scope
		AND a.period_kind = b.period_kind
		AND a.period_from <= b.period_to AND b.period_from <= a.period_to
		AND abs(a.plen - b.plen) <= 3
	WHERE a.value <> b.value
		AND ((a.ehi IS NOT NULL AND coalesce(b.elo, b.lo_floor) IS NOT NULL
			AND (a.ehi < coalesce(b.elo, b.lo_floor)
				OR (a.ehi = coalesce(b.elo, b.lo_floor) AND (a.hi_open OR b.lo_open))))
		OR (b.ehi IS NOT NULL AND coalesce(a.elo, a.lo_floor) IS NOT NULL
			AND (b.ehi < coalesce(a.elo, a.lo_floor)
				OR (b.ehi = coalesce(a.elo, a.lo_floor) AND (b.hi_open OR a.lo_open)))))
),
-- pairs of classes of one exact count over overlapping, different periods
period AS MATERIALIZED (
	SELECT a.cid AS ca, b.cid AS cb, a.measure AS measure,
		min(a.period_from, b.period_from) AS period_from,
		max(a.period_to, b.period_to) AS period_to,
		a.period_from || '/' || a.period_to AS value_a,
		b.period_from || '/' || b.period_to AS value_b,
		printf('period differs: %s for %s..%s vs %s..%s', a.value, a.period_from,
			a.period_to, b.period_from, b.period_to) AS reason
	FROM ivk a JOIN ivk b
		ON a.measure = b.measure AND a.unit = b.unit AND a.scope IS b.scope
		AND a.value = b.value AND a.band = 0 AND b.band = 0 AND a.round_half = 0 AND b.round_half = 0
		AND a.lo0 = a.value AND a.hi0 = a.value AND b.lo0 = b.value AND b.hi0 = b.value
	WHERE a.value >= 3
		AND (a.period_from <> b.period_from OR a.period_to <> b.period_to)
		AND a.period_from <= b.period_to AND b.period_from <= a.period_to
),
-- near: the words around the mention (50 characters before it to 60 after, which
-- holds "of 25 June 1996", "as amended on …"): an amendment or a ratification
-- spoken of elsewhere in a long sentence says nothing about this mention.
-- Materialized so that near is computed once per mention, not once per test below.
lawn AS MATERIALIZED (
		-- only the columns the rule reads, all of them in the index fact_cmp_law
		SELECT c.fact_id, c.doc, c.doc_id, c.quote, c.canonical, c.date_from, c.date_to,
			c.number, lower(CASE WHEN instr(c.sentence, c.quote) > 0
			THEN substr(c.sentence, max(1, instr(c.sentence, c.quote) - 50), length(c.quote) + 110)
			ELSE coalesce(c.sentence, '') END) AS near
		FROM cur c
		-- "+canonical": read through the small covering partial index fact_cmp_law
		-- (whose test is the first one below), not fact_canonical, which holds every
		-- law mention
		WHERE c.kind = 'law' AND +c.canonical IS NOT NULL
			-- a pair needs both dated or both numbered: other mentions never pair
			AND (c.date_from IS NOT NULL OR c.number IS NOT NULL)
),
-- near and lower(canonical) are lower case (ASCII, as SQLite's LIKE folds): instr finds
-- exactly what NOT LIKE '%word%' did, without LIKE's folding of every character
law AS MATERIALIZED (
	SELECT f.* FROM lawn f
	WHERE ((f.date_from IS NOT NULL AND f.date_to IS NOT NULL) OR f.number IS NOT NULL)
		AND instr(lower(f.canonical), 'convention') = 0 AND instr(lower(f.canonical), 'protocol') = 0
		AND instr(lower(f.canonical), 'covenant') = 0 AND instr(lower(f.canonical), 'charter') = 0
		AND instr(lower(f.canonical), 'agreement') = 0 AND instr(lower(f.canonical), 'treaty') = 0
		AND instr(f.near, 'amend') = 0
		AND instr(f.near, 'accession') = 0
		AND instr(f.near, 'acceded') = 0
		AND instr(f.near, 'ratif') = 0
		AND instr(f.near, 'entry into force') = 0
		AND instr(f.near, 'entered into force') = 0
		AND instr(f.near, 'addition') = 0
),
-- classes as for figures: the distinct compared columns, numbered, joined back
lawk AS MATERIALIZED (
	SELECT row_number() OVER () AS cid, k.*
	FROM (SELECT DISTINCT canonical, date_from, date_to, number FROM law) k
),
lawc AS MATERIALIZED (
	SELECT f.fact_id, f.doc, f.doc_id, f.quote, k.cid
	FROM law f JOIN lawk k ON k.canonical = f.canonical AND k.date_from IS f.date_from
		AND k.date_to IS f.date_to AND k.number IS f.number
),
lawp AS MATERIALIZED (
	SELECT a.cid AS ca, b.cid AS cb, a.canonical AS measure, a.date_from AS period_from,
		a.date_to AS period_to, a.date_from AS value_a, b.date_from AS value_b,
		CASE WHEN a.date_from IS NOT NULL AND b.date_from IS NOT NULL
				AND (a.date_to < b.date_from OR b.date_to < a.date_from)
			THEN 'adoption date differs' ELSE 'number differs' END AS reason
	FROM lawk a JOIN lawk b ON a.canonical = b.canonical
	WHERE (a.date_from IS NOT NULL AND b.date_from IS NOT NULL AND a.date_to IS NOT NULL
			AND b.date_to IS NOT NULL
			AND (a.date_to < b.date_from OR b.date_to < a.date_from))
		OR (a.number IS NOT NULL AND b.number IS NOT NULL
			AND upper(replace(replace(a.number, ' ', ''), '–', '-'))
				<> upper(replace(replace(b.number, ' ', ''), '–', '-')))
),
decree AS MATERIALIZED (
	-- only the columns the rule reads, all of them in the index fact_cmp_decree_dated
	SELECT f.fact_id, f.doc, f.doc_id, f.quote, f.issuer, f.number, f.title, f.date_from,
		f.date_to FROM cur f
	WHERE f.kind = 'decree' AND f.issuer IS NOT NULL AND f.date_from IS NOT NULL
		AND f.date_to IS NOT NULL
		-- a pair needs a number or a title on both sides
		AND (f.number IS NOT NULL OR f.title IS NOT NULL)
		AND instr(lower(coalesce(f.sentence, '')), 'amend') = 0
),
deck AS MATERIALIZED (
	SELECT row_number() OVER () AS cid, k.*
	FROM (SELECT DISTINCT issuer, number, title, date_from, date_to FROM decree) k
),
decc AS MATERIALIZED (
	SELECT f.fact_id, f.doc, f.doc_id, f.quote, k.cid
	FROM decree f JOIN deck k ON k.issuer = f.issuer AND k.number IS f.number
		AND k.title IS f.title AND k.date_from = f.date_from AND k.date_to = f.date_to
),
decp AS MATERIALIZED (
	SELECT a.cid AS ca, b.cid AS cb, a.issuer || ' ' || coalesce(a.number, a.title) AS measure,
		a.date_from AS period_from, a.date_to AS period_to, a.date_from AS value_a,
		b.date_from AS value_b
	FROM deck a JOIN deck b ON a.issuer = b.issuer
	WHERE (a.date_to < b.date_from OR b.date_to < a.date_from)
		AND ((a.number IS NOT NULL AND a.number = b.number
				AND (substr(a.date_from, 1, 4) = substr(b.date_from, 1, 4)
					OR (a.title IS NOT NULL AND lower(a.title) = lower(b.title))))
			OR (a.number IS NULL AND b.number IS NULL AND a.title IS NOT NULL
				AND lower(a.title) = lower(b.title)))
)
-- Every output column but the facts' own (id, document, quote) is one of the class
-- pair, computed above once per pair of classes rather than once per pair of facts.
SELECT p.measure AS measure, p.period_from AS period_from, p.period_to AS period_to,
	a.fact_id AS fact_a, a.doc AS doc_a, a.quote AS quote_a, p.value_a AS value_a,
	b.fact_id AS fact_b, b.doc AS doc_b, b.quote AS quote_b, p.value_b AS value_b,
	p.reason AS reason
FROM disjoint p
JOIN ivc a ON a.cid = p.ca
JOIN ivc b ON b.cid = p.cb AND a.fact_id < b.fact_id
	AND (a.doc_id <> b.doc_id OR p.two_sources)
UNION ALL
SELECT p.measure, p.period_from, p.period_to,
	a.fact_id, a.doc, a.quote, p.value_a,
	b.fact_id, b.doc, b.quote, p.value_b, p.reason
FROM period p
JOIN ivc a ON a.cid = p.ca
JOIN ivc b ON b.cid = p.cb AND a.fact_id < b.fact_id AND a.doc_id <> b.doc_id
UNION ALL
SELECT p.measure, p.period_from, p.period_to,
	a.fact_id, a.doc, a.quote, p.value_a,
	b.fact_id, b.doc, b.quote, p.value_b, p.reason
FROM lawp p
JOIN lawc a ON a.cid = p.ca
JOIN lawc b ON b.cid = p.cb AND a.fact_id < b.fact_id
UNION ALL
SELECT p.measure, p.period_from, p.period_to,
	a.fact_id, a.doc, a.quote, p.value_a,
	b.fact_id, b.doc, b.quote, p.value_b, 'signature date differs'
FROM decp p
JOIN decc a ON a.cid = p.ca
JOIN decc b ON b.cid = p.cb AND a.fact_id < b.fact_id;
