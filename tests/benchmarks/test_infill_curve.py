"""The infill curve's training-file diagnostic: tasks come only from documents in the release's train split."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

sys.path.append(str(Path(__file__).resolve().parents[2] / "benchmarks"))  # after the stdlib's modules

from infill_curve import training_documents  # noqa: E402

from training.synthetic import write_release  # noqa: E402


def test_training_documents_are_the_build_documents_of_the_train_split(tmp_path):
    docs = [np.array([0, 5, 6], dtype=np.int32) for _ in range(4)]
    write_release(str(tmp_path / "release"), {"train": docs, "validation": docs[:2]}, vocab_size=16)
    # write_release names rows "<split>-<part>-<row>": train-0-0000000 .. train-1-0000001
    ids = ["train-1-0000001", "validation-0-0000000", "train-0-0000000", "elsewhere"]
    build = tmp_path / "documents"
    build.mkdir()
    table = pa.table({"id": ids, "lang": ["python"] * 4, "content": [f"x = {i}\n" for i in range(4)]})
    pq.write_table(table, build / "part-00000-of-00001.parquet")
    got = training_documents(str(tmp_path / "release"), str(build))
    assert [d["id"] for d in got] == ["train-0-0000000", "train-1-0000001"]
    assert got[0]["content"] == "x = 2\n"
