#!/usr/bin/env python3
# Draws the app icons web/static/icon-192.png and icon-512.png (the same picture as icon.svg: a
# white calendar sheet with a check mark on the office blue) with the standard library alone, so
# no image tool is needed. Run it again after changing the picture; the PNGs are committed.
import struct
import sys
import zlib
from pathlib import Path

BLUE = (10, 42, 90)
WHITE = (255, 255, 255)
GOLD = (199, 154, 0)


def pixel(x, y):
    """Colour at (x, y) in the unit square, matching icon.svg's 100x100 drawing."""
    u, v = x * 100, y * 100
    if 22 <= u <= 78 and 26 <= v <= 80:
        if v <= 38:
            return GOLD  # the calendar's top band
        # check mark: two thick strokes (34,60)-(46,70) and (46,70)-(68,46)
        for (ax, ay, bx, by) in ((34, 60, 46, 70), (46, 70, 68, 46)):
            dx, dy = bx - ax, by - ay
            t = max(0.0, min(1.0, ((u - ax) * dx + (v - ay) * dy) / (dx * dx + dy * dy)))
            if (u - ax - t * dx) ** 2 + (v - ay - t * dy) ** 2 <= 4.5 ** 2:
                return BLUE
        return WHITE
    return BLUE


def png(size):
    rows = bytearray()
    for y in range(size):
        rows.append(0)
        for x in range(size):
            rows.extend(pixel((x + 0.5) / size, (y + 0.5) / size))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(rows), 9))
            + chunk(b"IEND", b""))


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "web" / "static")
    for size in (192, 512):
        (out / f"icon-{size}.png").write_bytes(png(size))
