#!/usr/bin/env python3
"""mkpattern.py OUT PAGES - a file whose 32-bit little-endian word i is
(i * 2654435761 + 12345) mod 2^32, for checking that the boot image reaches
the kernel intact (kern/bootimage.c's ktest computes the same)."""

import struct
import sys

out, pages = sys.argv[1], int(sys.argv[2])
words = pages * 1024
with open(out, "wb") as f:
    f.write(b"".join(struct.pack("<I", (i * 2654435761 + 12345) & 0xffffffff)
                     for i in range(words)))
