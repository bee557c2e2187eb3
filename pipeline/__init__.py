"""incoder corpus pipeline: Apache Beam stages from repositories and dumps to filtered parquet documents."""

__version__ = "0.1.0"
