"""Benchmark: Posts.xml throughput per core, and the speed-up of splitting one file across 2 workers.

    .venv/bin/python benchmarks/so_parse.py [--mb 40] [--workers 2] [--repeat 3]

Generates a synthetic Posts.xml of about ``--mb`` MB with ``pipeline.sources.so_sample`` (so nothing
depends on downloaded data), then, side by side in one process:

1. **parse MB/s per core**: ``StackExchangeRowSource`` reading the whole file as one range and
   parsing every row into a post dict (the work of ``ReadStackOverflow``'s read + ``ParseRows``),
   against the baseline ``xml.etree.ElementTree.iterparse`` over the same file (the standard
   streaming parse, which cannot be split). Printed as MB/s and as ratio ours / baseline.
2. **HTML conversion MB/s per core**: ``html_to_text`` over the bodies (the next cost per post).
3. **split speed-up**: the file split by ``StackExchangeRowSource.split`` into ``--workers`` byte
   ranges, each read and parsed by its own process, against one process reading the whole file.
   Printed as the ratio of wall times (ideal = number of workers, when that many cores are free);
   the row counts of both runs are checked to be equal.
"""

from __future__ import annotations

import argparse
import itertools
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.algorithms.so_html import html_to_text  # noqa: E402
from pipeline.sources import so_sample  # noqa: E402
from pipeline.sources.stackoverflow import DumpFile, StackExchangeRowSource, parse_post, parse_row  # noqa: E402


def make_posts(path: Path, target_mb: int) -> int:
    """Write a Posts.xml of about ``target_mb`` MB (one synthetic site's rows, repeated)."""
    site = so_sample.generate_site("bench.example", 400, modern=True, seed=7)
    rows = [so_sample._row(p) for p in site["posts"]]  # noqa: SLF001 -- the generator's own row writer
    block = "\r\n".join(rows).encode()
    with open(path, "wb") as out:
        out.write(b'\xef\xbb\xbf<?xml version="1.0" encoding="utf-8"?>\r\n<posts>\r\n')
        copies = max(1, target_mb * (1 << 20) // len(block))
        for _ in range(copies):
            out.write(block + b"\r\n")
        out.write(b"</posts>\r\n")
    return path.stat().st_size


def read_range(args: tuple[object, int | None, int | None]) -> int:
    """Read and parse the rows of one byte range of a (split) source; returns the row count."""
    source, start, stop = args
    count = 0
    for _, row in source.read(source.get_range_tracker(start, stop)):
        parse_post(parse_row(row.data))
        count += 1
    return count


def iterparse_baseline(path: str) -> int:
    count = 0
    for _, element in ET.iterparse(path, events=("end",)):
        if element.tag == "row":
            dict(element.attrib)
            count += 1
        element.clear()
    return count


def best_of(repeat: int, fn, *args):  # noqa: ANN001, ANN201
    """Mean wall seconds over ``repeat`` runs (never the best run) and the last result; logs the spread."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn(*args)
        times.append(time.perf_counter() - start)
    spread = statistics.stdev(times) if len(times) > 1 else 0.0
    print(f"  ({getattr(fn, '__name__', 'run')}: {statistics.fmean(times):.3f} s +- {spread:.3f} over {repeat} runs)")
    return statistics.fmean(times), result


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--mb", type=int, default=40, help="size of the generated Posts.xml")
    parser.add_argument("--workers", type=int, default=2, help="byte ranges / processes for the split run")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (mean and spread)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "Posts.xml"
        size = make_posts(path, args.mb)
        mb = size / (1 << 20)
        print(f"Posts.xml: {mb:.1f} MB, cpus available: {os.cpu_count()}")

        source = StackExchangeRowSource(DumpFile("bench.example", "Posts", str(path)))
        ours_s, rows = best_of(args.repeat, read_range, (source, None, None))
        base_s, base_rows = best_of(args.repeat, iterparse_baseline, str(path))
        assert rows == base_rows, (rows, base_rows)
        print(
            f"parse, 1 core:  ours {mb / ours_s:7.1f} MB/s   iterparse baseline {mb / base_s:7.1f} MB/s"
            f"   ratio {base_s / ours_s:.2f}x   ({rows} rows)"
        )

        rows_read = source.read(source.get_range_tracker(None, None))
        bodies = [parse_post(parse_row(r.data))["body"] or "" for _, r in itertools.islice(rows_read, 20000)]
        body_mb = sum(len(b.encode()) for b in bodies) / (1 << 20)
        html_s, _ = best_of(args.repeat, lambda: [html_to_text(b) for b in bodies])
        print(f"html_to_text, 1 core: {body_mb / html_s:7.1f} MB/s of body HTML ({len(bodies)} bodies)")

        bundles = list(source.split(desired_bundle_size=-(-size // args.workers)))
        ranges = [(b.source, b.start_position, b.stop_position) for b in bundles]
        ctx = multiprocessing.get_context("spawn")
        with ctx.Pool(len(ranges)) as pool:
            pool.map(read_range, ranges)  # warm the workers (imports) before timing
            split_s, counts = best_of(args.repeat, pool.map, read_range, ranges)
        with ctx.Pool(1) as pool:
            first = bundles[0]
            pool.map(read_range, [(first.source, first.start_position, first.start_position + 1)])
            one_s, one = best_of(args.repeat, pool.map, read_range, [(source, None, None)])
        assert sum(counts) == one[0] == rows, (counts, one, rows)
        print(
            f"split across {len(ranges)} processes: {split_s:.2f} s vs 1 process {one_s:.2f} s"
            f"   speed-up {one_s / split_s:.2f}x   ({mb / split_s / len(ranges):.1f} MB/s per worker)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
