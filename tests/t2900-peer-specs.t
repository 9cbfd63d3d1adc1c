#!/bin/sh
# t2900-peer-specs: runs the English date and number specs of Microsoft's
# Recognizers-Text ($SHARED/peer/recognizers-text) through attest-extract and prints
# the pass rate per spec file as TAP diagnostics. It does not fail on misses: the
# specs cover far more (relative dates, times, ordinals) than report text needs.
# Counted: cases whose expected values are absolute (a date whose text has a
# four-digit year, and for extractor specs only the span; a number),
# each expected result passing when a fact of the kind overlaps its span with the
# same value.
. "$(dirname "$0")/lib.sh"

SPECS=$SHARED/peer/recognizers-text/Specs
[ -d "$SPECS" ] || skip_all "no peer specs in $SPECS"
command -v python3 >/dev/null 2>&1 || skip_all "no python3"
command -v attest-extract >/dev/null 2>&1 || skip_all "no attest-extract"

cat >"$TMP/peer.py" <<'PY'
import html, json, re, subprocess, sys
specs, tmp = sys.argv[1], sys.argv[2]
files = [("DateTime/English/DateParser.json", "date"),
         ("DateTime/English/DatePeriodParser.json", "date"),
         ("DateTime/English/DateExtractor.json", "date"),
         ("DateTime/English/DatePeriodExtractor.json", "date"),
         ("Number/English/NumberModel.json", "figure"),
         ("Number/English/PercentModel.json", "figure"),
         ("NumberWithUnit/English/CurrencyModel.json", "figure")]

def want_of(kind, r):
    if kind == "date":
        if "Value" not in r:  # an extractor spec: the span is all it states
            return "*" if re.search(r"\b\d{4}\b", r.get("Text", "")) else None
        v = (r.get("Value") or {}).get("Timex", "")
        # absolute dates only: resolved relative ones ("tomorrow") need a reference day
        if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", v) and re.search(r"\d{4}", r.get("Text", "")):
            return v
        return None
    res = r.get("Resolution") or {}
    v = res.get("value")
    try:
        return float(str(v).replace(",", "").rstrip("%")) if v is not None else None
    except ValueError:
        return None

def iso_ok(want, f):
    if want == "*":
        return True
    lo = f.get("date_from", "")
    if len(want) == 4:
        return lo == want + "-01-01" and f.get("date_to") == want + "-12-31"
    if len(want) == 7:
        return lo == want + "-01"
    return lo == want and f.get("date_to") == want

total_pass = total = 0
for path, kind in files:
    cases = json.load(open(f"{specs}/{path}", encoding="utf-8"))
    items = []
    for c in cases:
        if c.get("NotSupportedByDesign"):
            continue
        wants = []
        for r in c.get("Results", []):
            w = want_of(kind, r)
            start = r.get("Start", 0)
            end = start + r["Length"] if "Length" in r else r.get("End", start) + 1
            if w is not None:
                wants.append((start, end, w))
        if wants and len(wants) == len(c.get("Results", [])):
            items.append((c["Input"], wants))
    blocks = "".join(f'<block id="{i+1}" kind="paragraph">{html.escape(t, quote=False)}</block>\n'
                     for i, (t, _) in enumerate(items))
    doc = ('<?xml version="1.0" encoding="UTF-8"?>\n<document version="1" sha256="%s" '
           'source="peer.txt" media-type="text/plain" pages="0">\n<meta><lang>en</lang></meta>\n'
           '<page>\n%s</page>\n</document>\n' % ("0" * 64, blocks))
    p = subprocess.run(["attest-extract", "--facts-only"], input=doc.encode(), capture_output=True)
    facts = {}
    for line in p.stdout.decode().splitlines():
        if line.startswith("#"):
            continue
        c = line.split("\t")
        if len(c) < 5 or c[3] != kind:
            continue
        f = dict(kv.split("=", 1) for kv in c[5:] if "=" in kv)
        f["start"], f["end"] = int(c[1]), int(c[2])
        facts.setdefault(int(c[0]), []).append(f)
    ok = n = 0
    for i, (_, wants) in enumerate(items):
        for (s, e, w) in wants:
            n += 1
            for f in facts.get(i + 1, []):
                if f["start"] < e and s < f["end"]:
                    if (kind == "date" and iso_ok(w, f)) or (kind == "figure" and
                            abs(float(f.get("value", "nan")) - w) <= 1e-6 * max(1, abs(w))):
                        ok += 1
                        break
    total_pass += ok
    total += n
    print(f"{path}\t{ok}\t{n}")
print(f"TOTAL\t{total_pass}\t{total}")
PY

if python3 "$TMP/peer.py" "$SPECS" "$TMP" >"$TMP/rates" 2>"$TMP/err"; then
	_report 0 "peer specs ran"
else
	_report 1 "peer specs ran"
	sed 's/^/# /' "$TMP/err"
fi
while IFS="$(printf '\t')" read -r f p n; do
	echo "# $f: $p of $n pass ($(awk "BEGIN { printf \"%.1f\", $n ? 100 * $p / $n : 0 }")%)"
done <"$TMP/rates"
# Misses are reported, not failed (these specs are other projects' conventions), but
# the overall rate may not fall below a floor under today's 57.3% (357 of 623 cases):
# a drop means a recogniser regressed.
total=$(awk -F'\t' '$1 == "TOTAL" { printf "%d", $3 ? 1000 * $2 / $3 : 0 }' "$TMP/rates")
test_ok "overall pass rate ($total per mille) stays at or above 550 per mille" test "${total:-0}" -ge 550
done_testing
