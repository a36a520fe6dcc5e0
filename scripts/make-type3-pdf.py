#!/usr/bin/env python3
"""Set a Markdown plan (the seed) as a PDF whose text is all Type 3 glyphs,
as Chromium writes pages set in Noto/Source Han CJK fonts: simple Type 3
fonts of up to 255 glyphs each, glyph space 1000 units to the em as in
Noto CJK (FontMatrix 1/1000), /Widths in those units, and a ToUnicode map that maps
ideographs with a Kangxi radical or CJK radical-supplement form to that
form (⼀ for 一, ⼯ for 工, ⻓ for 长), as these fonts' cmaps lead Chromium
to do. The glyph programs are empty: only the text layer matters here.

Headings (#) are set larger and centred, **bold** and list bullets (- )
dropped, ~~struck~~ text with a line through it; lines wrap at the margin.

Usage: make-type3-pdf.py SEED.md RADICALS.tsv OUT.pdf   (stdlib only)
"""

import re
import sys
import zlib

PAGE_W, PAGE_H = 595.2756, 841.8898
SIZE, LEADING, MARGIN = 11, 18, 72
UNITS = 1000


def em_width(ch):
    """Advance in ems: full width for CJK and full-width forms, else half."""
    return 1.0 if ord(ch) >= 0x2E80 else 0.5


def segments(line):
    line = line.replace("**", "")
    return [(p, i % 2 == 1) for i, p in enumerate(re.split(r"~~", line)) if p]


def layout(src):
    """Pages of lines; a line is (y, size, [(x, ch, struck)])."""
    pages, page, y = [], [], PAGE_H - MARGIN
    cur = None

    def newline(step=LEADING):
        nonlocal y, page, cur
        if cur and cur[2]:
            page.append(cur)
        y -= step
        if y < MARGIN:
            pages.append(page)
            page, y = [], PAGE_H - MARGIN
        cur = None

    for raw in open(src, encoding="utf-8").read().splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            text = line.lstrip("#").strip().replace("**", "")
            size = SIZE + 4
            x = max(MARGIN, (PAGE_W - sum(em_width(c) for c in text) * size) / 2)
            cur = (y, size, [])
            for ch in text:
                cur[2].append((x, ch, False))
                x += em_width(ch) * size
            newline(LEADING + 8)
            continue
        if line.startswith("- "):
            line = line[2:]
        x = MARGIN + 2 * SIZE
        cur = (y, SIZE, [])
        for text, struck in segments(line):
            for ch in text:
                w = em_width(ch) * SIZE
                if x + w > PAGE_W - MARGIN:
                    newline()
                    cur = (y, SIZE, [])
                    x = MARGIN
                cur[2].append((x, ch, struck))
                x += w
        newline()
    pages.append(page)
    return pages


def main():
    src, radicals, dst = sys.argv[1:4]
    # Unified ideograph → its radical form (the first listed, Kangxi and
    # supplement ranges only), from the generated table.
    form = {}
    for row in open(radicals, encoding="utf-8"):
        if row.startswith("#"):
            continue
        f, u = (int(h, 16) for h in row.split())
        if 0x2E80 <= f <= 0x2FD5 and chr(u) not in form:
            form[chr(u)] = chr(f)
    pages = layout(src)
    chars = sorted({ch for page in pages for _, _, glyphs in page for _, ch, _ in glyphs})
    fonts = [chars[i:i + 255] for i in range(0, len(chars), 255)]
    where = {ch: (f, k + 1) for f, fc in enumerate(fonts) for k, ch in enumerate(fc)}

    objs = {}
    n = [0]

    def new(body):
        n[0] += 1
        objs[n[0]] = body
        return n[0]

    catalog, pages_id = new(None), new(None)
    proc = new(b"<< /Length 9 >>\nstream\n1000 0 d0\nendstream")
    font_ids = []
    for fc in fonts:
        lines = ["/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
                 "1 begincodespacerange <00> <FF> endcodespacerange",
                 "%d beginbfchar" % len(fc)]
        for k, ch in enumerate(fc):
            mapped = form.get(ch, ch)
            lines.append("<%02X> <%s>" % (k + 1, mapped.encode("utf-16-be").hex().upper()))
        lines += ["endbfchar", "endcmap CMapName currentdict /CMap defineresource pop end end"]
        cmap = "\n".join(lines).encode()
        tu = new(b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream")
        names = b" ".join(b"/g%d" % (k + 1) for k in range(len(fc)))
        procs = b" ".join(b"/g%d %d 0 R" % (k + 1, proc) for k in range(len(fc)))
        widths = b" ".join(b"%d" % int(em_width(ch) * UNITS) for ch in fc)
        font_ids.append(new(
            b"<< /Type /Font /Subtype /Type3 /FontBBox [0 -120 1000 880] /FontMatrix [%.8f 0 0 %.8f 0 0] "
            % (1 / UNITS, 1 / UNITS)
            + b"/CharProcs << %s >> /Encoding << /Type /Encoding /Differences [1 %s] >> " % (procs, names)
            + b"/FirstChar 1 /LastChar %d /Widths [%s] /ToUnicode %d 0 R /Resources << >> >>" % (len(fc), widths, tu)))
    font_res = b" ".join(b"/T%d %d 0 R" % (i, fid) for i, fid in enumerate(font_ids))
    kids = []
    for page in pages:
        ops = []
        for y, size, glyphs in page:
            # Runs of one font, each placed at its first glyph.
            i = 0
            while i < len(glyphs):
                f = where[glyphs[i][1]][0]
                j = i
                while j < len(glyphs) and where[glyphs[j][1]][0] == f:
                    j += 1
                hexs = "".join("%02X" % where[ch][1] for _, ch, _ in glyphs[i:j])
                ops.append(b"BT /T%d %g Tf 1 0 0 1 %.3f %.3f Tm <%s> Tj ET" % (f, size, glyphs[i][0], y, hexs.encode()))
                i = j
            for x, ch, struck in glyphs:
                if struck:
                    w = em_width(ch) * size
                    ops.append(b"0.6 w %.3f %.3f m %.3f %.3f l S" % (x, y + size * 0.35, x + w, y + size * 0.35))
        content = zlib.compress(b"\n".join(ops), 9)
        c = new(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream")
        kids.append(new(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.4f %.4f] /Resources << /Font << %s >> >> /Contents %d 0 R >>"
            % (pages_id, PAGE_W, PAGE_H, font_res, c)))
    objs[catalog] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id
    objs[pages_id] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for k in sorted(objs):
        offsets[k] = len(out)
        out += b"%d 0 obj\n" % k + objs[k] + b"\nendobj\n"
    xref, size = len(out), max(objs) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    out += b"".join(b"%010d 00000 n \n" % offsets[k] for k in range(1, size))
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, catalog, xref)
    open(dst, "wb").write(bytes(out))


if __name__ == "__main__":
    main()
