#!/usr/bin/env python3
"""Set a Markdown plan (the seed) in STSong-Light, one of the standard
Chinese fonts a PDF may name without embedding it or giving a ToUnicode
map, as reportlab and older Acrobat write them: a Type 0 font over
Adobe-GB1 CIDs with a predefined CMap and no font program.

  ucs2: reportlab's own output (UnicodeCIDFont, /Encoding /UniGB-UCS2-H);
  gbk:  the same layout written by this script with /Encoding /GBK-EUC-H
        (GBK bytes in the strings), as older Acrobat wrote it;
  gbk-rot90: as gbk, on landscape pages turned by /Rotate 90, the text set
        turned back so that it reads upright as displayed (as landscape
        pages are often made).

Headings (#) are set larger and centred, **bold** labels as they are (the
face has no bold), ~~struck~~ text with a line through it, list bullets
(- ) dropped; lines wrap at the margin as a word processor would, one
glyph per text object (as reportlab draws character by character here).

Usage: make-stsong-pdf.py ucs2|gbk|gbk-rot90 SEED.md OUT.pdf  (needs `pip install reportlab`)
"""

import re
import sys
import zlib

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont

FONT = "STSong-Light"
SIZE = 11
LEADING = 18
MARGIN = 72


def segments(line):
    """(text, struck) pieces of a Markdown line, markup removed."""
    line = line.replace("**", "")
    out = []
    for i, part in enumerate(re.split(r"~~", line)):
        if part:
            out.append((part, i % 2 == 1))
    return out


def layout(src):
    """Pages of (x, y, size, char, struck)."""
    width, height = A4
    pages, page = [], []
    y = height - MARGIN

    def newline(step=LEADING):
        nonlocal y, page
        y -= step
        if y < MARGIN:
            pages.append(page)
            page = []
            y = height - MARGIN

    for raw in open(src, encoding="utf-8").read().splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            text = line.lstrip("#").strip().replace("**", "")
            w = pdfmetrics.stringWidth(text, FONT, SIZE + 4)
            x = max(MARGIN, (width - w) / 2)
            for ch in text:
                page.append((x, y, SIZE + 4, ch, False))
                x += pdfmetrics.stringWidth(ch, FONT, SIZE + 4)
            newline(LEADING + 8)
            continue
        if line.startswith("- "):
            line = line[2:]
        x = MARGIN + 2 * SIZE  # first-line indent
        for text, struck in segments(line):
            for ch in text:
                w = pdfmetrics.stringWidth(ch, FONT, SIZE)
                if x + w > width - MARGIN:
                    newline()
                    x = MARGIN
                page.append((x, y, SIZE, ch, struck))
                x += w
        newline()
    pages.append(page)
    return pages


def write_reportlab(pages, dst):
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(dst, pagesize=A4, invariant=1)
    for page in pages:
        for x, y, size, ch, struck in page:
            c.setFont(FONT, size)
            c.drawString(x, y, ch)
            if struck:
                w = pdfmetrics.stringWidth(ch, FONT, size)
                c.setLineWidth(0.6)
                c.line(x, y + size * 0.35, x + w, y + size * 0.35)
        c.showPage()
    c.save()


def write_gbk(pages, dst, rotate=False):
    """A minimal PDF: STSong-Light, /GBK-EUC-H, no ToUnicode, no font file;
    with `rotate`, every page is turned by /Rotate 90 and its content drawn
    turned back: display (x, y) is user (W - y, x) on a W-wide page."""
    pw, ph = A4
    if rotate:
        pw, ph = ph, pw
    n_pages = len(pages)
    # Objects: 1 catalog, 2 pages, 3 type0 font, 4 CID font, 5 descriptor,
    # then a page and its content per page.
    objs = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        3: b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /GBK-EUC-H /DescendantFonts [4 0 R] >>",
        4: b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 5 0 R /DW 1000 /W [1 95 500] >>",
        5: b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
    }
    kids = []
    for i, page in enumerate(pages):
        pid, cid = 6 + 2 * i, 7 + 2 * i
        kids.append(b"%d 0 R" % pid)
        ops = []
        def user(x, y):
            return (pw - y, x) if rotate else (x, y)

        tm = b"0 1 -1 0" if rotate else b"1 0 0 1"
        for x, y, size, ch, struck in page:
            code = ch.encode("gbk")
            ux, uy = user(x, y)
            ops.append(b"BT /F1 %g Tf %s %.3f %.3f Tm <%s> Tj ET" % (size, tm, ux, uy, code.hex().upper().encode()))
            if struck:
                w = pdfmetrics.stringWidth(ch, FONT, size)
                (ax, ay), (bx, by) = user(x, y + size * 0.35), user(x + w, y + size * 0.35)
                ops.append(b"0.6 w %.3f %.3f m %.3f %.3f l S" % (ax, ay, bx, by))
        content = zlib.compress(b"\n".join(ops), 9)
        objs[pid] = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.4f %.4f] %s/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (pw, ph, b"/Rotate 90 " if rotate else b"", cid)
        objs[cid] = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream"
    objs[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), n_pages)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for k in sorted(objs):
        offsets[k] = len(out)
        out += b"%d 0 obj\n" % k + objs[k] + b"\nendobj\n"
    xref = len(out)
    size = max(objs) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for k in range(1, size):
        out += b"%010d 00000 n \n" % offsets[k]
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    open(dst, "wb").write(bytes(out))


def main():
    kind, src, dst = sys.argv[1:4]
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    pages = layout(src)
    if kind == "ucs2":
        write_reportlab(pages, dst)
    elif kind == "gbk":
        write_gbk(pages, dst)
    elif kind == "gbk-rot90":
        write_gbk(pages, dst, rotate=True)
    else:
        sys.exit("kind: ucs2, gbk or gbk-rot90")


if __name__ == "__main__":
    main()
