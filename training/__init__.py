"""incoder training: causal-masking decoder-only transformers on release shards."""
