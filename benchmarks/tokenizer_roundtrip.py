"""Exact round trip of IncoderTokenizer on every .py file of the stdlib and this environment's
site-packages: files, failures, bytes/token and encode+decode speed, against
sentencepiece without the project's escaping (the baseline, run side by side on the same files).

  .venv/bin/python benchmarks/tokenizer_roundtrip.py                    # trains a 16k model on a stdlib sample
  .venv/bin/python benchmarks/tokenizer_roundtrip.py --model OUT/tokenizer/spm.model
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from tokenizer_common import python_files, read_text, split_corpus  # noqa: E402

from tokenizer import spm  # noqa: E402
from tokenizer.spm import IncoderTokenizer  # noqa: E402


def _check_files(job: tuple[bytes, list[str]]) -> dict:
    """Round-trip one chunk of files; times are CPU seconds of this process (per core)."""
    model, paths = job
    tok = IncoderTokenizer(model_proto=model)
    raw = tok._sp  # the baseline: the same model without the escape layer
    out = {"checked": 0, "undecodable": 0, "failures": 0, "raw_failures": 0, "tokens": 0, "bytes": 0,
           "ours_s": 0.0, "raw_s": 0.0, "examples": []}
    for path in paths:
        text = read_text(Path(path))
        if text is None:
            out["undecodable"] += 1
            continue
        out["checked"] += 1
        out["bytes"] += len(text.encode("utf-8"))
        start = time.process_time()
        ids = tok.encode(text)
        back = tok.decode(ids)
        out["ours_s"] += time.process_time() - start
        out["tokens"] += len(ids)
        if back != text:
            out["failures"] += 1
            out["examples"].append(path)
        start = time.process_time()
        raw_back = raw.decode(raw.encode(text))
        out["raw_s"] += time.process_time() - start
        if raw_back != text:
            out["raw_failures"] += 1
            out["examples"].append("baseline: " + path)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", help="spm.model to test (default: train one on a stdlib sample)")
    parser.add_argument("--vocab-size", type=int, default=16000)
    parser.add_argument("--train-mb", type=float, default=8.0)
    parser.add_argument("--max-files", type=int, default=0, help="test only the first N files (0: all)")
    parser.add_argument("--no-site-packages", action="store_true")
    parser.add_argument("--workers", type=int, default=1, help="processes (times are CPU seconds per core)")
    args = parser.parse_args()

    if args.model:
        tok = IncoderTokenizer(args.model)
    else:
        train, _ = split_corpus(python_files(include_site_packages=False), args.train_mb, 0)
        start = time.perf_counter()
        tok = IncoderTokenizer(model_proto=spm.train_model(train, args.vocab_size, num_threads=2))
        print(f"trained vocab {args.vocab_size} on {len(train)} stdlib files ({args.train_mb} MB) "
              f"in {time.perf_counter() - start:.1f} s")
    files = python_files(include_site_packages=not args.no_site_packages)
    if args.max_files:
        files = files[: args.max_files]
    chunks = [(tok.model_proto, [str(p) for p in files[i:: args.workers]]) for i in range(args.workers)]
    if args.workers > 1:
        with multiprocessing.Pool(args.workers) as pool:
            parts = pool.map(_check_files, chunks)
    else:
        parts = [_check_files(chunks[0])]
    total = {key: sum(part[key] for part in parts) for key in parts[0] if key != "examples"}
    examples = [e for part in parts for e in part["examples"] if not e.startswith("baseline: ")][:5]
    raw_examples = [e[len("baseline: "):] for part in parts for e in part["examples"] if e.startswith("baseline: ")][:5]
    checked, undecodable, failures, raw_failures = (total[k] for k in ("checked", "undecodable", "failures", "raw_failures"))
    nbytes, tokens, ours_s, raw_s = total["bytes"], total["tokens"], total["ours_s"], total["raw_s"]
    print(f"files: {len(files)} (.py), checked {checked}, not UTF-8 {undecodable}")
    print(f"IncoderTokenizer exact round trip: {checked - failures}/{checked} files, failures {failures} {examples}")
    print(f"baseline (sentencepiece, no escape): {checked - raw_failures}/{checked} files exact, e.g. {raw_examples}")
    print(f"bytes/token: {nbytes / max(1, tokens):.3f} over {nbytes / 1e6:.1f} MB")
    print(f"encode+decode per core (CPU time): IncoderTokenizer {nbytes / 1e6 / ours_s:.2f} MB/s, baseline {nbytes / 1e6 / raw_s:.2f} MB/s "
          f"(ratio {raw_s / ours_s:.2f}x of baseline speed)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
