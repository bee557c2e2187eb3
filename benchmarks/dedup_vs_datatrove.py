"""Near-dedup side by side with a real peer: our ``DedupNear`` stage vs datatrove's MinHash deduplication.

Same real corpus as ``near_dedup_quality.py`` (vendored and standalone copies of the same Python
packages, stdlib modules of several Python versions; exact duplicates removed first), same truth
(exact Jaccard of every pair's shingle sets), same scoring: recall per Jaccard band, wrong removals
(a removal is right when J(removed, its kept copy) >= threshold, directly or through a chain of such
pairs), the chained share, and documents per CPU second of the dedup part (one core, in-process).

datatrove (pinned in the ``bench`` extra: ``pip install -e '.[bench]'``, never a runtime dependency)
runs its four MinHash steps (signatures, buckets, clusters, filter) with ``LocalPipelineExecutor`` on
one worker, with our settings where it allows them:
- 5-grams of the same word tokens: our BigCode tokenizer (``pipeline.algorithms.shingles.tokenize``) as
  its ``WordTokenizer``, lower-casing on and its other text normalisations (punctuation, digits,
  diacritics, whitespace) off, so both sides shingle the same tokens;
- 25 buckets x 10 hashes (our 25 bands x 10 rows), 32-bit hashes, seed 1;
- SHA-1 shingle hashes: datatrove's other choice, xxhash, is an optional package not installed here.
It cannot verify candidates by Jaccard (no such step), which ours does by default.

Goal: ahead on quality (recall and wrong removals) and on speed; the script exits 1 otherwise.

    pip install -e '.[bench]'
    .venv/bin/python benchmarks/dedup_vs_datatrove.py [--max-docs N] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.append(str(Path(__file__).resolve().parent))  # after the stdlib: a benchmark may shadow a module name

from near_dedup_quality import exact_pairs, load_corpus, print_results, run_stage, score, timed_runs  # noqa: E402

from pipeline.algorithms.shingles import tokenize  # noqa: E402
from pipeline.config import NearDedupConfig  # noqa: E402

try:
    from datatrove.data import Document
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.dedup.minhash import (
        MinhashConfig,
        MinhashDedupBuckets,
        MinhashDedupCluster,
        MinhashDedupFilter,
        MinhashDedupSignature,
    )
    from datatrove.pipeline.writers import JsonlWriter
    from datatrove.utils.hashing import HashConfig
    from datatrove.utils.text import TextNormConfig
    from datatrove.utils.word_tokenizers import WordTokenizer
except ImportError:  # the bench extra is not installed
    WordTokenizer = object  # type: ignore[assignment,misc]
    LocalPipelineExecutor = None


class BigCodeWords(WordTokenizer):
    """Our shingling's word tokens (lower-cased by datatrove's normaliser), as datatrove's tokenizer."""

    def __init__(self) -> None:
        super().__init__("code")

    def word_tokenize(self, text: str) -> list[str]:
        return [t.decode("utf-8", "replace") for t in tokenize(text, lowercase=False)]

    def sent_tokenize(self, text: str) -> list[str]:
        return text.splitlines()

    def span_tokenize(self, text: str) -> list[tuple[int, int]]:
        raise NotImplementedError("not used by MinHash deduplication")


def run_datatrove(docs: list[dict], cfg: NearDedupConfig) -> dict[str, str]:
    """{removed id: kept id} from datatrove's four MinHash steps, one worker."""
    mh = MinhashConfig(
        n_grams=cfg.ngram, num_buckets=cfg.bands, hashes_per_bucket=cfg.rows, seed=1,
        norm_config=TextNormConfig(lowercase=True, norm_whitespace=False, remove_punctuation=False,
                                   norm_unicode_diacritics=False, norm_numbers=False),
        hash_config=HashConfig(precision=32, hash_fc="sha1"),
    )
    data = [Document(text=d["content"], id=d["id"]) for d in docs]
    with tempfile.TemporaryDirectory() as tmp:
        def execute(steps: list, tasks: int = 1) -> None:
            LocalPipelineExecutor(pipeline=steps, tasks=tasks, workers=1, logging_dir=f"{tmp}/logs/{len(steps)}"
                                  f"-{steps[-1].__class__.__name__}", skip_completed=False).run()

        execute([data, MinhashDedupSignature(output_folder=f"{tmp}/sigs", config=mh, language=BigCodeWords())])
        execute([MinhashDedupBuckets(input_folder=f"{tmp}/sigs", output_folder=f"{tmp}/buckets", config=mh)],
                tasks=mh.num_buckets)
        execute([MinhashDedupCluster(input_folder=f"{tmp}/buckets", output_folder=f"{tmp}/remove", config=mh,
                                     save_cluster_id=True)])
        kept: list[Document] = []

        def collect(stream, rank: int = 0, world_size: int = 1):
            for doc in stream:
                kept.append(doc)
                yield doc

        execute([data, MinhashDedupFilter(input_folder=f"{tmp}/remove", load_cluster_ids=True,
                                          exclusion_writer=JsonlWriter(f"{tmp}/removed", compression=None)),
                 collect])
        removed = [json.loads(line) for f in sorted(Path(f"{tmp}/removed").glob("*.jsonl"))
                   for line in f.read_text().splitlines()]
    keeper = {d.metadata.get("minhash_cluster_id"): d.id for d in kept
              if d.metadata.get("minhash_cluster_id", -1) != -1}
    return {r["id"]: keeper[r["metadata"]["minhash_cluster_id"]] for r in removed}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threshold", type=float, default=0.7)
    parser.add_argument("--max-docs", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=3, help="timed passes of each system (mean and spread)")
    args = parser.parse_args()
    if LocalPipelineExecutor is None:
        print("datatrove is not installed: pip install -e '.[bench]'", file=sys.stderr)
        return 2
    logging.getLogger("apache_beam").setLevel(logging.WARNING)
    from loguru import logger

    logger.remove()  # datatrove logs every step at INFO through loguru

    cfg = NearDedupConfig(threshold=args.threshold, seed=1)
    docs = load_corpus(args.max_docs)
    mb = sum(d["size_bytes"] for d in docs) / 1e6
    pairs, best = exact_pairs(docs, cfg)
    print(f"corpus: {len(docs)} distinct files ({mb:.1f} MB); {len(pairs)} pairs at exact Jaccard >= {cfg.threshold}")
    print(f"settings: 5-grams, {cfg.bands} bands x {cfg.rows} rows, one core; ours: hash={cfg.hash}, "
          f"verify_jaccard={cfg.verify_jaccard}; datatrove {_version()}: sha1, 32-bit, no verification")
    results = {}
    for name, fn in (("DedupNear (Beam, ours)", run_stage), ("datatrove MinHash (4 steps)", run_datatrove)):
        dropped, timing = timed_runs(fn, docs, cfg, args.repeat)
        results[name] = dict(score(docs, dropped, pairs, best, cfg.threshold), **timing)
    print_results(results, len(docs))
    ours, peer = results["DedupNear (Beam, ours)"], results["datatrove MinHash (4 steps)"]
    speed = peer["cpu"] / ours["cpu"]  # CPU seconds: both run in this process, on one core
    print(f"ours / datatrove: recall {ours['recall']:.4f} vs {peer['recall']:.4f}; wrong removals "
          f"{100 * ours['wrong_drop_share']:.2f}% vs {100 * peer['wrong_drop_share']:.2f}%; speed {speed:.2f}x")
    quality = ours["recall"] >= peer["recall"] and ours["wrong_drop_share"] <= peer["wrong_drop_share"]
    faster = speed >= 1.0
    print(f"goal ahead on quality: {'met' if quality else 'MISSED'}; ahead on speed: {'met' if faster else 'MISSED'}")
    return 0 if quality and faster else 1


def _version() -> str:
    from importlib.metadata import version

    return version("datatrove")


if __name__ == "__main__":
    sys.exit(main())
