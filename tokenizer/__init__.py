"""incoder tokenizer: sentencepiece for code, InCoder's document format, release shards."""
