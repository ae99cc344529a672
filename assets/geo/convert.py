#!/usr/bin/env python3
"""Converts world-atlas countries-50m.json (Natural Earth 1:50m, TopoJSON) once into
assets/geo/countries.json: the countries of Europe, Russia and their neighbours, as rings
of (lon, lat) in hundredths of a degree, simplified (Douglas-Peucker, 0.03 deg).

    cd /tmp && npm pack world-atlas && mkdir wa && tar xzf world-atlas-*.tgz -C wa
    python3 assets/geo/convert.py /tmp/wa/package/countries-50m.json assets/geo/countries.json
"""
import json
import sys

TOLERANCE = 0.03  # degrees
MIN_AREA = 0.02  # square degrees: smaller islands are dropped
# a polygon is kept when its centroid falls in this box (Europe, Russia, neighbours)
LON = (-30.0, 192.0)
LAT = (24.0, 84.0)
# a country is kept when the centroid of its largest polygon falls in this box
KEEP_LON = (-26.0, 150.0)
KEEP_LAT = (25.0, 82.0)


def decode_arcs(topo):
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def ring_of(indexes, arcs):
    pts = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        pts.extend(arc if not pts else arc[1:])
    return pts


def area_centroid(ring):
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        c = x0 * y1 - x1 * y0
        a += c
        cx += (x0 + x1) * c
        cy += (y0 + y1) * c
    if abs(a) < 1e-12:
        xs = [p[0] for p in ring]
        ys = [p[1] for p in ring]
        return 0.0, (sum(xs) / len(xs), sum(ys) / len(ys))
    return abs(a) / 2, (cx / (3 * a), cy / (3 * a))


def simplify(pts, tol):
    if len(pts) < 4:
        return pts
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        a, b = stack.pop()
        (x0, y0), (x1, y1) = pts[a], pts[b]
        dx, dy = x1 - x0, y1 - y0
        norm = (dx * dx + dy * dy) ** 0.5
        best, best_d = None, tol
        for i in range(a + 1, b):
            x, y = pts[i]
            if norm == 0:
                d = ((x - x0) ** 2 + (y - y0) ** 2) ** 0.5
            else:
                d = abs(dy * x - dx * y + x1 * y0 - y1 * x0) / norm
            if d > best_d:
                best, best_d = i, d
        if best is not None:
            keep[best] = True
            stack.append((a, best))
            stack.append((best, b))
    return [p for p, k in zip(pts, keep) if k]


def main(src, dst):
    topo = json.load(open(src))
    arcs = decode_arcs(topo)
    out = []
    for geom in topo["objects"]["countries"]["geometries"]:
        kind = geom.get("type")
        if kind == "Polygon":
            polys = [geom["arcs"]]
        elif kind == "MultiPolygon":
            polys = geom["arcs"]
        else:
            continue
        rings = []
        largest = (0.0, None)
        for poly in polys:
            for k, idx in enumerate(poly):
                ring = ring_of(idx, arcs)
                # pieces east of the antimeridian (Chukotka) go on the Russian side
                xs = [p[0] for p in ring]
                if max(xs) < -150.0:
                    ring = [(x + 360.0, y) for x, y in ring]
                elif max(xs) - min(xs) > 300.0:  # a ring cut along the antimeridian
                    ring = [(x + 360.0 if x < 0 else x, y) for x, y in ring]
                area, (cx, cy) = area_centroid(ring)
                if k == 0 and area > largest[0]:
                    largest = (area, (cx, cy))
                if not (LON[0] <= cx <= LON[1] and LAT[0] <= cy <= LAT[1]):
                    continue
                if area < MIN_AREA:
                    continue
                ring = simplify(ring, TOLERANCE)
                if len(ring) < 4:
                    continue
                flat = []
                for x, y in ring:
                    flat += [round(x * 100), round(y * 100)]
                rings.append(flat)
        if largest[1] is None or not rings:
            continue
        cx, cy = largest[1]
        if not (KEEP_LON[0] <= cx <= KEEP_LON[1] and KEEP_LAT[0] <= cy <= KEEP_LAT[1]):
            continue
        out.append({"name": geom["properties"]["name"], "iso_n3": geom.get("id", ""), "rings": rings})
    out.sort(key=lambda c: c["name"])
    doc = {
        "source": "Natural Earth 1:50m Admin 0 countries (public domain), via the npm package "
        "world-atlas 2.0.2 countries-50m.json (ISC licence, Mike Bostock); converted by "
        "assets/geo/convert.py: Europe, Russia and neighbours, simplified to 0.03 deg, "
        "coordinates in hundredths of a degree (lon, lat).",
        "countries": out,
    }
    with open(dst, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
    print(len(out), "countries", sum(len(r) // 2 for c in out for r in c["rings"]), "points")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
