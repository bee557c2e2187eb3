"""``pipeline.licensing.cache``: the evidence cache, the notice block of a head, and ``CachedReader``."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from pipeline.config import LicenseConfig
from pipeline.licensing import policy as lp
from pipeline.licensing.cache import (
    CachedReader,
    LicenseCache,
    config_fingerprint,
    normalise_text,
    notice_block,
)

PYGMENTS_HEAD = '''"""
    pygments.lexers.{name}
    ~~~~~~~~~~~~~~~~~~~~~~

    Lexers for {name}.

    :copyright: Copyright 2006-2024 by the Pygments team, see AUTHORS.
    :license: BSD, see LICENSE for details.
"""

import re
from pygments.lexer import {name}Lexer
'''

BSD_DOCSTRING = '''"""
Copyright (c) 2012, Example Inc.

Redistribution and use in source and binary forms, with or without modification, are permitted.

Neither the name of Example Inc. nor the names of its contributors may be used to endorse products.

THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS "AS IS".
"""

def f():
    return 1
'''


class FakeReader:
    """A ``TextReader`` double: counts reads, answers MIT evidence stamped with ``where``."""

    def __init__(self, exact_rules: tuple[str, ...] = ()) -> None:
        self.calls: list[tuple[str, str, str]] = []
        rules = [SimpleNamespace(rule=SimpleNamespace(license_expression=k)) for k in exact_rules]
        index = SimpleNamespace(match=lambda query_string, approximate, deadline: rules if query_string else [])
        self.runner = SimpleNamespace(load=lambda: SimpleNamespace(index=index))
        self.verdict = lp.PERMISSIVE

    def _answer(self, method: str, text: str, where: dict, kind: str) -> list[dict]:
        self.calls.append((method, kind, text))
        return [{**where, "kind": kind, "expression": "MIT", "verdict": self.verdict, "residue": ["x"]}]

    def read(self, text, where, kind, fast=True):
        return self._answer("read", text, where, kind)

    def scancode(self, text, where, kind):
        return self._answer("scancode", text, where, kind)

    def evidence(self, *args):
        return "passed through"


def cached(reader: FakeReader, size: int = 16) -> CachedReader:
    return CachedReader(reader, LicenseCache(size), config_fingerprint(LicenseConfig()))


def test_normalise_text_drops_line_ends_and_trailing_blanks():
    assert normalise_text("MIT License  \r\n\r\nCopyright\t\r\n") == "MIT License\n\nCopyright"


def test_cache_restamps_where_and_copies():
    cache = LicenseCache(2)
    key = cache.key("cfg", "read", "license", "True", "text")
    assert cache.get(key, {"file": "a"}) is None
    cache.put(key, [{"file": "LICENSE", "folder": "", "expression": "MIT", "residue": ["r"]}])
    hit = cache.get(key, {"file": "sub/LICENSE", "folder": "sub"})
    assert hit == [{"file": "sub/LICENSE", "folder": "sub", "expression": "MIT", "residue": ["r"]}]
    hit[0]["residue"].append("mutated")
    assert cache.get(key, {"host_field": "host_license", "folder": ""})[0]["residue"] == ["r"]
    assert (cache.hits, cache.misses) == (2, 1)


def test_cache_is_bounded_and_never_keeps_failures():
    cache = LicenseCache(2)
    keys = [cache.key(str(i)) for i in range(3)]
    for key in keys:
        cache.put(key, [{"verdict": lp.PERMISSIVE}])
    assert len(cache) == 2 and cache.get(keys[0], {}) is None and cache.get(keys[2], {}) is not None
    for failure in (lp.SCAN_ERROR, lp.SCAN_TIMEOUT):
        cache.put(cache.key(failure), [{"verdict": failure}])
        assert cache.get(cache.key(failure), {}) is None
    off = LicenseCache(0)
    off.put(keys[0], [{"verdict": lp.PERMISSIVE}])
    assert len(off) == 0


def test_fingerprint_covers_every_decision_setting_but_the_cache_size():
    base = config_fingerprint(LicenseConfig())
    assert config_fingerprint(LicenseConfig(cache_entries=1)) == base
    assert config_fingerprint(LicenseConfig(allow=["MIT"])) != base
    assert config_fingerprint(LicenseConfig(min_score=90)) != base
    assert config_fingerprint(LicenseConfig(file_headers=False)) != base


def test_notice_block_is_the_keyword_paragraphs_and_what_lies_between():
    block = notice_block(PYGMENTS_HEAD.format(name="Python"))
    assert block.text == ('    :copyright: Copyright 2006-2024 by the Pygments team, see AUTHORS.\n'
                          '    :license: BSD, see LICENSE for details.\n"""')
    assert (block.start, block.end) == (6, 8)
    assert "pygments.lexers.Python" in block.rest and "import re" in block.rest
    assert notice_block(PYGMENTS_HEAD.format(name="C")).text == block.text
    bsd = notice_block(BSD_DOCSTRING)
    # The paragraph without a keyword (clause 3) lies between two that have one: it is read.
    assert "Neither the name" in bsd.text and "def f" not in bsd.text
    assert notice_block("import os\n\nx = 1\n") is None


def test_reader_reads_a_text_once_per_content_kind_and_mode():
    fake = FakeReader()
    reader = cached(fake)
    first = reader.read("MIT License\r\nCopyright  \r\n", {"file": "LICENSE", "folder": ""}, "license")
    again = reader.read("MIT License\nCopyright\n", {"file": "a/LICENSE", "folder": "a"}, "license")
    assert len(fake.calls) == 1 and fake.calls[0][2] == "MIT License\nCopyright"
    assert first[0]["file"] == "LICENSE" and again[0]["file"] == "a/LICENSE" and again[0]["folder"] == "a"
    reader.read("MIT License\nCopyright\n", {"file": "README"}, "readme")
    reader.read("MIT License\nCopyright\n", {"file": "LICENSE"}, "license", fast=False)
    reader.scancode("MIT License\nCopyright\n", {"file": "LICENSE"}, "license")
    assert len(fake.calls) == 4
    assert reader.evidence() == "passed through"


def test_failures_are_read_again():
    fake = FakeReader()
    fake.verdict = lp.SCAN_TIMEOUT
    reader = cached(fake)
    reader.read("text", {"file": "LICENSE"}, "license")
    reader.read("text", {"file": "LICENSE"}, "license")
    assert len(fake.calls) == 2


def test_headers_share_one_read_of_their_notice_block():
    fake = FakeReader()
    reader = cached(fake)
    one = reader.header(PYGMENTS_HEAD.format(name="Python"), {"file": "python.py", "folder": None})
    two = reader.header(PYGMENTS_HEAD.format(name="C"), {"file": "c.py", "folder": None})
    assert [c[0] for c in fake.calls] == ["scancode"] and fake.calls[0][2].startswith("    :copyright:")
    assert one[0]["notice_lines"] == [7, 9] and two[0]["file"] == "c.py"
    assert (reader.blocks, reader.whole_heads, reader.cache.hits) == (2, 0, 1)


@pytest.mark.parametrize("rules, whole", [(("unknown-license-reference",), False),
                                          (("proprietary-license",), True)])
def test_a_rule_outside_the_block_sends_the_whole_head_to_scancode(rules, whole):
    fake = FakeReader(exact_rules=rules)
    reader = cached(fake)
    head = PYGMENTS_HEAD.format(name="Python")
    evidence = reader.header(head, {"file": "python.py", "folder": None})
    assert (fake.calls[0][2] == normalise_text(head)) is whole
    assert ("notice_lines" in evidence[0]) is not whole
    assert reader.whole_heads == int(whole)


GPL_C = '''/*
 * Frobnicator.
 *
 * This program is free software; you can redistribute it and/or modify it under the terms
 * of the GNU General Public License as published by the Free Software Foundation; either
 * version 2 of the License, or (at your option) any later version.
 */

/* Frobnicates widget {n}. */
#include <stdio.h>
int frob{n}(void) {{ return {n}; }}
'''

MIT_WITH_RIDER = '''# Copyright (c) 2020 Example
# Licensed under the MIT License.

# For non-commercial use only.

def f():
    return 1
'''


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_real_heads_decide_as_the_whole_head_does():
    """With scancode-toolkit: the notice block gives the whole head's decision, is read once for many
    files, and a restriction outside it that scancode knows sends the whole head to scancode."""
    from pipeline.licensing.detect import LicenseDetector, decide

    detector = LicenseDetector(LicenseConfig()).setup()
    whole = detector.reader._reader  # the uncached TextReader

    def both(path: str, text: str):
        block = decide(detector.header_evidence(path, text.encode()))
        full = decide(whole.scancode(normalise_text(text), {"file": path, "folder": None}, "header"))
        return (block.expression, block.verdict), (full.expression, full.verdict)

    for n in (1, 2, 3):
        block, full = both(f"frob{n}.c", GPL_C.format(n=n))
        assert block == full and block[1] == lp.NOT_PERMISSIVE
    assert detector.reader.blocks == 3 and detector.cache.hits == 2
    for name in ("Python", "C"):
        block, full = both(f"{name}.py", PYGMENTS_HEAD.format(name=name))
        assert block == full and block[1] == lp.PERMISSIVE
    block, full = both("rider.py", MIT_WITH_RIDER)
    assert detector.reader.whole_heads == 1
    assert block == full and block[1] != lp.PERMISSIVE
