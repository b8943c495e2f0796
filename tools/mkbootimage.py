#!/usr/bin/env python3
"""mkbootimage.py - pack files into a Keel boot image (kern/bootimage.h).

    python3 tools/mkbootimage.py OUT NAME=PATH [NAME=PATH ...]

The boot loader hands the image to the kernel whole (QEMU -initrd, a GRUB
module).  Layout, every number little-endian so one image serves every arch:

    header   "KEELBOOT", u32 count, u32 version (1)
    entries  count x { char name[48] (NUL-padded), u64 offset, u64 size }
    files    each at a page-aligned offset, so that the kernel can map a
             file's pages straight from the image (the boot-image FCM)
"""

import struct
import sys
from pathlib import Path

MAGIC = b"KEELBOOT"
VERSION = 1
NAME_MAX = 48
PAGE = 4096


def pack(files):
    """files: list of (name, bytes). Returns the image."""
    header = MAGIC + struct.pack("<II", len(files), VERSION)
    table_size = len(files) * (NAME_MAX + 16)
    offset = -(-(len(header) + table_size) // PAGE) * PAGE
    table, data = b"", b""
    for name, content in files:
        raw = name.encode()
        if not raw or len(raw) >= NAME_MAX or b"\0" in raw:
            raise SystemExit(f"mkbootimage: bad file name {name!r}")
        table += raw.ljust(NAME_MAX, b"\0") + struct.pack("<QQ", offset, len(content))
        padded = content + b"\0" * (-len(content) % PAGE)
        data += padded
        offset += len(padded)
    image = header + table
    return image + b"\0" * (-len(image) % PAGE) + data


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    files = []
    for arg in sys.argv[2:]:
        name, _, path = arg.partition("=")
        files.append((name, Path(path).read_bytes()))
    Path(sys.argv[1]).write_bytes(pack(files))
    return 0


if __name__ == "__main__":
    sys.exit(main())
