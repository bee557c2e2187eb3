"""Attribution entries (tokenizer/release.py) and the data card's attribution section (tokenizer/attribution.py)."""

from __future__ import annotations

import json

from tokenizer import attribution, release


def so_doc(parts):
    return {"source": "stackoverflow", "repo": "conlang.meta.stackexchange.com", "path": "questions/7",
            "url": "https://conlang.meta.stackexchange.com/questions/7", "license": "CC-BY-SA-4.0", "parts": parts}


def part(kind, post_id, author, author_id, license_=None, created="2019-06-01T00:00:00.000"):
    return {"kind": kind, "post_id": post_id, "author": author, "author_id": author_id,
            "content_license": license_, "created_at": created}


CODE_EVIDENCE = json.dumps([
    {"file": "LICENSE", "kind": "license_file", "expression": "MIT", "verdict": "permissive"},
    {"host_field": "license", "expression": "MIT", "verdict": "permissive"},
])


def test_stackoverflow_entry_credits_every_part():
    entry = release.attribution_entry(so_doc([
        part("q", 7, "Adam Lear", 1, "CC BY-SA 4.0"),
        part("a", 8, None, 42, None, created="2012-01-01T00:00:00.000"),  # no name: by user id
        part("c", 9, None, None, None, created="2010-01-01T00:00:00.000"),  # deleted account
    ]))
    assert entry["parts"] == [
        {"kind": "q", "post_id": 7, "author": "Adam Lear", "user_id": 1,
         "profile_url": "https://conlang.meta.stackexchange.com/users/1", "license": "CC-BY-SA-4.0"},
        {"kind": "a", "post_id": 8, "author": None, "user_id": 42,
         "profile_url": "https://conlang.meta.stackexchange.com/users/42", "license": "CC-BY-SA-3.0"},
        {"kind": "c", "post_id": 9, "author": None, "user_id": None, "profile_url": None, "license": "CC-BY-SA-2.5"},
    ]
    assert entry["authors"] == ["Adam Lear"] and entry["post_ids"] == [7, 8, 9]


def test_code_entry_names_url_licence_and_licence_files():
    docs = [{"source": "github", "repo": "octo/hello", "license": "MIT", "license_evidence": CODE_EVIDENCE},
            {"source": "github", "repo": "octo/hello", "license": "MIT AND BSD-3-Clause",
             "license_evidence": json.dumps([{"file": "vendor/x/COPYING", "expression": "BSD-3-Clause"}])}]
    merged = release.merge_attribution(release.attribution_entry(d) for d in docs)
    assert merged["url"] == "https://github.com/octo/hello"
    assert merged["licenses"] == ["MIT", "MIT AND BSD-3-Clause"]
    assert merged["license_files"] == ["LICENSE", "vendor/x/COPYING"] and merged["documents"] == 2
    local = release.attribution_entry({"source": "local", "repo": "x", "license": None, "license_evidence": "not json",
                                       "url": "https://example.org/x"})
    assert (local["url"], local["license_files"], local["licenses"]) == ("https://example.org/x", [], ["unknown"])


def write_jsonl(path, entries):
    path.write_text("".join(json.dumps(e) + "\n" for e in entries))


def test_card_section_with_names(tmp_path):
    path = tmp_path / "attribution.jsonl"
    write_jsonl(path, [
        release.attribution_entry({"source": "github", "repo": "octo/hello", "license": "MIT", "license_evidence": CODE_EVIDENCE}),
        release.attribution_entry(so_doc([part("q", 7, "Adam Lear", 1, "CC BY-SA 4.0"), part("a", 8, "Bo", 2, "CC BY-SA 3.0")])),
    ])
    summary = attribution.summarize(str(path))
    assert (summary["repositories"], summary["threads"], summary["parts"], summary["parts_named"]) == (1, 1, 2, 2)
    text = "\n".join(attribution.render_section(summary))
    assert "https://github.com/octo/hello" in text and "LICENSE" in text
    assert "Adam Lear" in text and "https://conlang.meta.stackexchange.com/users/1" in text
    assert "| CC-BY-SA-3.0 | 1 |" in text and "| CC-BY-SA-4.0 | 1 |" in text
    assert "attribution is by user id" not in text


def test_card_says_attribution_is_by_user_id_without_users_xml(tmp_path):
    path = tmp_path / "attribution.jsonl"
    write_jsonl(path, [release.attribution_entry(so_doc([part("q", 7, None, 5), part("a", 8, None, 6)]))])
    text = "\n".join(attribution.render_section(attribution.summarize(str(path))))
    assert "attribution is by user id" in text and "https://conlang.meta.stackexchange.com/users/6" in text
    assert attribution.summarize(str(tmp_path / "absent.jsonl")) is None
    assert "No `attribution.jsonl`" in "\n".join(attribution.render_section(None))
