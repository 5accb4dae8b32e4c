#!/usr/bin/env python3
"""Fails unless a PNG screenshot shows a page with charts: enough coloured (non-grey) and dark pixels in the
upper part where the charts are. Standard library only: decodes 8-bit RGB/RGBA PNGs with zlib. Also imported
by scripts/browser-check.py, which checks each chart's own screenshot with `ink`."""
import struct, sys, zlib

def pixels(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width, height, kind = 8, b"", 0, 0, 0
    while pos < len(data):
        length, tag = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if tag == b"IHDR":
            width, height, depth, kind = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and kind in (2, 6), "only 8-bit RGB/RGBA"
        elif tag == b"IDAT":
            idat += body
        pos += 12 + length
    channels = 3 if kind == 2 else 4
    raw, stride = zlib.decompress(idat), width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        filter_type = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b = previous[x]
            c = previous[x - channels] if x >= channels else 0
            if filter_type == 1: line[x] = (line[x] + a) & 255
            elif filter_type == 2: line[x] = (line[x] + b) & 255
            elif filter_type == 3: line[x] = (line[x] + (a + b) // 2) & 255
            elif filter_type == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        previous = line
    return width, height, channels, rows

def ink(path, upper_fraction=2 / 3):
    """(width, height, coloured samples, dark samples) over the top `upper_fraction` of the image, every 2nd
    pixel: coloured = channels differ by more than 40 (data in the palette), dark = all below 90 (text, axes)."""
    width, height, channels, rows = pixels(path)
    coloured = dark = 0
    for line in rows[: max(1, int(height * upper_fraction))]:
        for x in range(0, width * channels, channels * 2):
            r, g, b = line[x], line[x + 1], line[x + 2]
            if max(r, g, b) - min(r, g, b) > 40: coloured += 1
            if max(r, g, b) < 90: dark += 1
    return width, height, coloured, dark


if __name__ == "__main__":
    width, height, coloured, dark = ink(sys.argv[1])
    print(f"{sys.argv[1]}: {width}x{height}, coloured samples {coloured}, dark samples {dark}")
    if coloured < 2000 or dark < 2000:
        sys.exit("the page looks blank: charts missing or not drawn")
