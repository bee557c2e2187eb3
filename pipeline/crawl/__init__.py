"""``incoder crawl``: GitHub/GitLab discovery, snapshot fetching and the resumable raw store.

- ``config``: ``CrawlConfig`` (the ``crawl:`` section)
- ``http``: token pool, per-worker pacing, retries with jittered backoff, token redaction
- ``github`` / ``gitlab``: host specifics (search slices, keyset listing, records, archive URLs)
- ``github_search``: faithful listing of one search slice (complete, split, or short with a cause)
- ``selection``: which listed repositories are kept, from listing data only
- ``discover``: discovery on the driver with checkpoints
- ``fetch``: one repository's snapshot, and the ``FetchSnapshots`` Beam stage
- ``refresh``: incremental re-crawl (new / changed / unchanged / gone)
- ``store``: raw store layout, manifest, ``repos.jsonl``
- ``progress``: live progress and the end-of-run summary
- ``cli``: the command (``run_crawl(cfg, beam_args)``)
"""
