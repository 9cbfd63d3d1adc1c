#!/usr/bin/env python3
"""make-seeds.py: writes the hand-made seed inputs of tests/fuzz/corpus/ (run from the
top of the tree). The texts are our own, in the style of treaty-body reports; nothing
is copied from a corpus. Re-running overwrites the seed-* files only: regression
cases (crash-*, issue-*) and merged inputs are left alone."""
import os, zlib

TOP = os.getcwd()
C = os.path.join(TOP, "tests", "fuzz", "corpus")

def put(target, name, data):
    d = os.path.join(C, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(d, "seed-" + name), "wb") as f:
        f.write(data)

def fixture(target, path):
    with open(os.path.join(TOP, path), "rb") as f:
        put(target, "fixture-" + os.path.basename(path), f.read())

PARA = ("46. The Committee notes that, according to the State party, 1,245 migrant workers "
        "were registered between 1 January 2019 and 31 March 2020, and that about 700,000 "
        "nationals lived abroad in 2021.\n")
WRAPPED = ("II. Information on articles of the Convention\n\n"
           "12. The Migration Code (Law No. 2013-17 of 2 July 2013) was amended\n"
           "by Decree No. 145 of 14 February 2018; since then more than 3 000\n"
           "persons have obtained residence permits.¹\n\n"
           "(a) in the period 2015–2017, some 12 per cent of applicants;\n"
           "(b) at least two thirds of the cases in 2016/17.\n\n"
           "¹ Source: State Migration Service, annual report 2018.\n")
TABLE = "Year\t2015\t2016\t2017\nArrivals\t1 204\t1 530\t2 011\nReturns\t301\t288\t\u2014\n"

# ---- text: decode_text + text reader ----
for p in ("formfeeds.txt", "paged.txt", "wrapped.txt"):
    fixture("text", "tests/fixtures/ingest/" + p)
put("text", "para.txt", PARA)
put("text", "wrapped-footnote.txt", WRAPPED)
put("text", "table.txt", "Table 3. Arrivals by year\n\n" + TABLE)
put("text", "formfeed-pages.txt", "CMW/C/XYZ/1\fPage two heading\n\n5. Text on page two.\f\f7. After an empty page.\n")
put("text", "crlf.txt", PARA.replace("\n", "\r\n") * 2)
put("text", "utf16le-bom.txt", b"\xff\xfe" + (PARA + "Ещё 15 мая 2019 года.\n").encode("utf-16-le"))
put("text", "utf16be-bom.txt", b"\xfe\xff" + PARA.encode("utf-16-be"))
put("text", "latin1.txt", ("Le Comité note qu'en février 2019, près de 3 500 étrangers "
                          "étaient détenus.\n").encode("latin-1"))
put("text", "cp1251.txt", "Закон № 123 от 5 марта 2014 года о миграции.\n".encode("cp1251"))
put("text", "markdown.txt", "# Concluding observations\n\n**12.** The *State party* should:\n\n* adopt the law;\n* report by 2025.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
put("text", "labels.txt", "46.\n\nA label alone on its line, then the paragraph.\n\n47.  Another [3] with a marker[4].\n\n[3] Footnote body.\n")
put("text", "utf8-bom-nbsp.txt", "\ufeff1\u00a0245 persons; 3\u202f000 in 2020\u20132021.\n")

# ---- html ----
for p in ("report.html", "xxe.html"):
    fixture("html", "tests/fixtures/ingest/" + p)
put("html", "table.html", "<html><head><title>Report</title></head><body><h1>Annex</h1><table><thead><tr><th>Year</th><th>Arrivals</th></tr></thead><tbody><tr><td>2019</td><td>1,204</td></tr><tr><td colspan=2>Total 2,011</td></tr></tbody></table></body></html>")
put("html", "lists.html", "<html><body><p>12. The Committee <b>recommends</b> that:<sup>3</sup></p><ol><li>the law of 2 July 2013 be amended;</li><li>about 3,000 cases<a href='#fn3'>[3]</a> be reviewed.</li></ol><div class=footnote id=fn3><p>3 Source: ministry.</p></div></body></html>")
put("html", "broken.html", "<html><body><p>Unclosed <i>italic <b>bold</p><table><tr><td>cell<td>cell2</table><p>after &amp; &nbsp; &#x2014; &bogus; &#0; </body>")
put("html", "xhtml.html", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd\">\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>T</title></head><body><h2>I. Introduction</h2><p>1. Since 2010, 45 per cent.</p></body></html>")
put("html", "latin1-meta.html", "<html><head><meta charset=\"iso-8859-1\"></head><body><p>Comit\xe9: 3\xa0500 \xe9trangers en f\xe9vrier 2019.</p></body></html>".encode("latin-1"))
put("html", "script-style.html", "<html><head><style>p{}</style><script>var x='<p>no</p>';</script></head><body><noscript>n</noscript><p>Visible text of 12 words here.</p><!-- comment --></body></html>")

# ---- document: contract 1 XML ----
for p in ("formfeeds.xml", "paged.xml", "report.xml", "wrapped.xml", "xxe.xml"):
    fixture("document", "tests/fixtures/ingest/" + p)
SHA = "4c2f822d1ba9a51de59ff77993627909a62898cb962b4054daaafd63315dd1e1"
put("document", "table-refs.xml", '<?xml version="1.0" encoding="UTF-8"?>\n<document version="1" sha256="%s" source="a.html" media-type="text/html" pages="0"><meta><title>T</title><date>2024-03-06</date><symbol>CMW/C/XYZ/2</symbol></meta><page><block id="1" kind="table"><row header="1"><cell>Year</cell><cell>2015</cell></row><row><cell>Arrivals</cell><cell>1 204</cell></row></block><block id="2" kind="paragraph" label="3">Text<note-ref n="2"/> more<note-ref n="a"/>.</block><block id="3" kind="footnote" label="2">Source.</block></page></document>\n' % SHA)
put("document", "bad-ids.xml", '<?xml version="1.0"?><document version="1" sha256="%s" source="x" media-type="text/plain" pages="1"><page n="1"><block id="2" kind="paragraph">x</block></page></document>' % SHA)
put("document", "doctype.xml", '<?xml version="1.0"?><!DOCTYPE document [<!ENTITY e "eee">]><document version="1"><page><block id="1" kind="paragraph">&e;</block></page></document>')
put("document", "version2.xml", '<document version="2" pages="x"><page n="-1"><block id="1" kind="nonsense" label="">\t</block></page></document>')

# ---- facts: contract 2 stream ----
doc = open(os.path.join(TOP, "tests/fixtures/ingest/paged.xml"), "rb").read()
FACTS = ("2\t75\t79\tdate\t2022\tdate_from=2022-01-01\tdate_to=2022-12-31\tprecision=year\n"
         "2\t20\t61\torg\tInternational Organization for Migration\tcanonical=International Organization for Migration\tacronym=IOM\n")
put("facts", "with-document.tsv", b"# attest-facts 1\ndocument " + str(len(doc)).encode() + b"\n" + doc + b"\n" + FACTS.encode())
put("facts", "facts-only.tsv", "# attest-facts 1\n# a comment\n" + FACTS +
    "7\t12\t25\tfigure\t1\\t245 persons\tvalue=1245\tunit=person\tqualifier=exact\tlo=1245\thi=1245\n"
    "9\t0\t3\tlaw\tback\\\\slash\\nnewline\tcanonical=Law\\r\n")
put("facts", "bad-count.tsv", "# attest-facts 1\ndocument 99999\n<document/>\n")
put("facts", "bad-columns.tsv", "# attest-facts 1\n1\t2\n1\tx\t3\tdate\tq\n1\t5\t3\tfigure\tq\tnoequals\n")
put("facts", "version9.tsv", "# attest-facts 9\n")

# ---- lexicon: TSV tables ----
put("lexicon", "orgs.tsv", "# organisations: canonical name, aliases, acronyms\ncanonical\taliases\tacronym\ttype\nInternational Organization for Migration\tIOM|the Organization\tIOM\tigo\nOffice of the United Nations High Commissioner for Refugees\tUNHCR|UN Refugee Agency\tUNHCR\tun\n")
put("lexicon", "months.tsv", "month\tnames\n1\tJanuary|Jan.|janvier|января\n2\tFebruary|Feb.\n")
put("lexicon", "ragged.tsv", "a\tb\tc\n1\t2\n1\t2\t3\t4\n\n# trailing\n")
put("lexicon", "crlf-bom.tsv", "\ufeffkey\tvalue\r\nx\t|||\r\n")
put("lexicon", "empty-header.tsv", "# only comments\n#\n")

# ---- dates / figures: sentences ----
SENT = [
    ("range", "between 1 January 2019 and 31 March 2020"),
    ("month-year", "In March 2007 and in mid-2010, the Committee met."),
    ("iso", "Adopted on 2014-03-05, published 05/03/2014 and 5.3.2014."),
    ("period", "during the period 2015–2017 and in 2016/17, as well as the 1990s"),
    ("ordinal", "on the 19th of March 2007, on March 19, 2007 and on 1er mai 2019"),
    ("foreign", "le 15 février 2019 ; 5 марта 2014 года; 3. Oktober 1990"),
    ("figures", "about 700,000 nationals; more than 3 000 persons; 12 per cent; 1.15 million"),
    ("words", "two thirds of some two hundred and fifty cases; at least a dozen; up to 15%"),
    ("law", "Law No. 592-IQ of 2 July 2013 and Decree No. 145 of 14 February 2018, article 144-1"),
    ("money", "US$ 1.5 billion, EUR 300,000 and 12.5 km\u00b2 in 2020"),
    ("table", "Year\t2015\t2016\nArrivals\t1 204\t1 530\nReturns\t301\t\u2014"),
    ("odd", "from 31 February 2019 to 0 March 0000, 32/13/2019, 99999999 and 1e308 and -5"),
    ("unterminated", "from 12 to; between 2019 and; 2015\u2013; \u20132017; 1,2,3,4,5,6"),
]
for name, s in SENT:
    put("dates", name + ".txt", s)
    put("figures", name + ".txt", s)

# ---- pdf: tiny hand-made files ----
def pdf(pages, compress=False, extra_obj=b"", info=None, broken=None):
    objs = []
    kids = []
    n = 3  # 1 catalog, 2 pages, then page/content pairs, then font
    font = 3 + 2 * len(pages)
    for text in pages:
        content = b"BT /F1 12 Tf 72 720 Td 14 TL " + b" ".join(
            b"(" + line.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b") '"
            for line in text.split(b"\n")) + b" ET"
        if compress:
            data = zlib.compress(content)
            stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"
        else:
            stream = b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"
        kids.append(n)
        objs.append((n, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R /Resources << /Font << /F1 %d 0 R >> >> >>" % (n + 1, font)))
        objs.append((n + 1, stream))
        n += 2
    objs.append((font, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"))
    objs.insert(0, (2, b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids) + b"] /Count %d >>" % len(pages)))
    objs.insert(0, (1, b"<< /Type /Catalog /Pages 2 0 R >>"))
    if info:
        objs.append((font + 1, info))
    out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offs = {}
    for num, body in sorted(objs):
        offs[num] = len(out)
        out += b"%d 0 obj\n" % num + body + b"\nendobj\n"
    out += extra_obj
    xref = len(out)
    size = max(offs) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for i in range(1, size):
        out += b"%010d 00000 n \n" % offs.get(i, 0)
    trailer = b"<< /Size %d /Root 1 0 R" % size
    if info:
        trailer += b" /Info %d 0 R" % (font + 1)
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    if broken == "truncate":
        out = out[: len(out) * 2 // 3]
    elif broken == "xref":
        out = out.replace(b"xref\n0", b"xref\n7")
    return out

P1 = b"CMW/C/XYZ/1\n12. Since 1 January 2019, about 700,000 persons\nhave left; more than 3 000 returned.\n\xb9 Source: ministry."
P2 = b"Page 2\n13. The Law No. 2013-17 of 2 July 2013 was amended.\nYear 2015 2016\nArrivals 1 204 1 530"
put("pdf", "one-page.pdf", pdf([P1]))
put("pdf", "two-pages-flate.pdf", pdf([P1, P2], compress=True, info=b"<< /Title (A report) /Author (IOM) >>"))
put("pdf", "empty-page.pdf", pdf([b""]))
put("pdf", "truncated.pdf", pdf([P1, P2], broken="truncate"))
put("pdf", "bad-xref.pdf", pdf([P1], broken="xref"))
put("pdf", "not-pdf.pdf", b"%PDF-1.7\nthis is not a PDF body\n%%EOF\n")
