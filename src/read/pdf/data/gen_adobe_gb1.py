#!/usr/bin/env python3
"""Build adobe-gb1.bin: CID -> Unicode for the Adobe-GB1 character collection.

Source: poppler-data's cidToUnicode/Adobe-GB1 (Adobe's CMap resources, BSD-3),
one hex code point per line, line N = CID N (0 = unmapped). Output: one
little-endian 24-bit code point per CID. Run:
    python3 gen_adobe_gb1.py /usr/share/poppler/cidToUnicode/Adobe-GB1 adobe-gb1.bin
"""
import sys

src, dst = sys.argv[1], sys.argv[2]
out = bytearray()
with open(src) as f:
    for line in f:
        line = line.strip()
        cp = int(line, 16) if line else 0
        out += cp.to_bytes(3, "little")
with open(dst, "wb") as f:
    f.write(out)
print(len(out) // 3, "CIDs")
