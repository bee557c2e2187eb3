"""Nothing dropped unseen: a hostile source tree built end to end, every input found BY NAME in the output.

The test walks the tree itself (folders without following links, archives with tarfile/zipfile/py7zr)
and checks that each file, link, device, hidden entry and archive member appears in ``documents/`` or
``rejected/`` under its repository and path -- or, for an archive that cannot be read past some
point, that the archive itself has a rejected row. It also checks the opt-out list's effect.
"""

from __future__ import annotations

import json
import os
import tarfile
import zipfile
from pathlib import Path

import py7zr
import pytest

from pipeline.build import run_build
from pipeline.config import parse_config
from pipeline.sources.local import archive_kind, entry_stem
from tests.fakes.repos import PY_MODULE, make_7z, make_tar, make_zip, read_parts, tar_member

OFF = {"license": {"enabled": False}, "near_dedup": {"enabled": False}, "pii": {"enabled": False},
       "decontamination": {"enabled": False}}


def hostile_tree(root: Path) -> None:
    alpha = root / "alpha"
    (alpha / ".git" / "refs").mkdir(parents=True)
    (alpha / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (alpha / ".git" / "refs" / "main").write_text("0" * 40 + "\n")
    (alpha / ".github").mkdir()
    (alpha / ".github" / "ci.yml").write_text("on: push\n")
    (alpha / ".env").write_text("TOKEN=abc\n")
    (alpha / "mod.py").write_text(PY_MODULE)
    (alpha / "big.py").write_text("x = 1\n" * 50_000)  # over max_file_bytes
    (alpha / "link.py").symlink_to("/etc/passwd")
    os.mkfifo(alpha / "pipe")
    with open(os.path.join(os.fsencode(alpha), b"caf\xe9.py"), "wb") as handle:  # a name that is not UTF-8
        handle.write(b"y = 2\n")

    with tarfile.open(root / "beta.tar.gz", "w:gz") as tar:
        tar_member(tar, "beta-1/", type=tarfile.DIRTYPE)
        tar_member(tar, "beta-1/ok.py", PY_MODULE.encode())
        tar_member(tar, "beta-1/../../escape.py", b"x = 1\n")
        tar_member(tar, "beta-1/sym.py", type=tarfile.SYMTYPE, linkname="/etc/passwd")
        tar_member(tar, "beta-1/hard.py", type=tarfile.LNKTYPE, linkname="beta-1/ok.py")
        tar_member(tar, "beta-1/dev", type=tarfile.CHRTYPE)
        tar_member(tar, "beta-1/.git/config", b"[core]\n")
    make_tar(root / "gamma.tar.xz", [("g.py", PY_MODULE.encode()), ("notes.bin", bytes(range(256)))], mode="w:xz")
    make_tar(root / "delta.tar.bz2", [("d.js", b"export const d = 1;\n")], mode="w:bz2")
    make_zip(root / "eps.zip", [("eps/e.py", PY_MODULE.encode()), ("eps/../../z.py", b"x = 1\n")])
    (root / "zeta.7z").write_bytes(make_7z([("zeta/z.py", PY_MODULE.encode()), ("zeta/zz/zzzevil.py", b"boom")],
                                           {"zeta/zz/zzzevil.py": "zeta/../../evil.py"}))
    (root / "cut.tar.gz").write_bytes((root / "beta.tar.gz").read_bytes()[:60])
    (root / "broken.7z").write_bytes(b"7z\xbc\xaf\x27\x1c not really")
    (root / "stray.txt").write_text("not a repository\n")
    (root / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    (root / "linked").symlink_to(alpha, target_is_directory=True)
    private = root / "private"
    private.mkdir()
    (private / "secret.py").write_text("SECRET_ALGORITHM = 42\n")
    (root / "repos.jsonl").write_text(json.dumps({"name": "octo/private", "file": "private", "host": "github"}) + "\n")


def expected_inputs(root: Path) -> list[tuple[str, str, str]]:
    """(repository, member path, top-level entry name) of every input, found independently of the readers."""
    names = {"private": "octo/private"}
    out = []
    for entry in sorted(os.listdir(root)):
        full = root / entry
        if entry == "repos.jsonl":
            continue
        repo = names.get(entry, entry_stem(entry))
        kind = archive_kind(entry)
        if entry.startswith(".") or full.is_symlink() or (full.is_file() and kind is None):
            out.append((repo, entry, entry))
        elif full.is_dir():
            for dirpath, dirnames, filenames in os.walk(os.fsencode(full), followlinks=False):
                for name in filenames + [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]:
                    rel = os.path.relpath(os.path.join(dirpath, name), os.fsencode(full))
                    out.append((repo, rel.decode("utf-8", "backslashreplace"), entry))
        elif kind == "tar":
            try:
                with tarfile.open(full) as tar:
                    members = [m.name for m in tar.getmembers() if not m.isdir()]
            except (tarfile.TarError, EOFError):
                members = [entry]
            out += [(repo, m, entry) for m in members]
        elif kind == "zip":
            with zipfile.ZipFile(full) as archive:
                out += [(repo, m, entry) for m in archive.namelist()]
        else:
            try:
                with py7zr.SevenZipFile(full) as archive:
                    out += [(repo, i.filename, entry) for i in archive.list() if not i.is_directory]
            except py7zr.Bad7zFile:
                out.append((repo, entry, entry))
    return out


@pytest.mark.timeout(180)
def test_every_input_is_accounted_for_by_name(tmp_path):
    root = tmp_path / "repos"
    root.mkdir()
    hostile_tree(root)
    exclude = tmp_path / "optout.txt"
    exclude.write_text("# version: test-1\nowner:octo\n")
    out = tmp_path / "out"
    cfg = {"output_dir": str(out), "build": {
        "sources": [{"kind": "local", "path": str(root)}], "limits": {"max_file_bytes": 100_000},
        "exclude": str(exclude), "output": {"num_shards": 2}, **OFF}}
    stats = run_build(parse_config(cfg), [])

    docs = read_parts(out / "documents")
    rejected = read_parts(out / "rejected")
    rows = {(r["repo"], r["path"]) for r in docs + rejected}
    whole = {(r["repo"], r["path"]) for r in rejected}  # an archive row accounts for what it cut off
    missing = []
    for repo, member, entry in expected_inputs(root):
        stripped = member.split("/", 1)[1] if "/" in member else member
        if not ({(repo, member), (repo, stripped)} & rows) and (repo, entry) not in whole:
            missing.append((repo, member))
    assert not missing, f"inputs with no row: {missing}"
    assert len(docs) + len(rejected) == stats["accounting"]["documents_written"] + stats["accounting"]["rejected_written"]
    assert stats["accounting"]["balanced"]
    assert stats["accounting"]["skipped_without_record"] == 0  # every input has a row, not only a count

    reasons = {(r["repo"], r["path"]): r["reason"] for r in rejected}
    assert reasons[("alpha", "link.py")] == "symlink" and reasons[("alpha", "pipe")] == "device"
    assert reasons[("alpha", ".git/HEAD")] == "vcs_metadata" and reasons[("beta", ".git/config")] == "vcs_metadata"
    assert reasons[("alpha", "caf\\xe9.py")] == "invalid_name"
    assert reasons[(".DS_Store", ".DS_Store")] == "hidden_entry"
    assert reasons[("stray.txt", "stray.txt")] == "not_a_repository"
    assert reasons[("linked", "linked")] == "symlink"
    assert reasons[("zeta", "zeta/../../evil.py")] == "path_traversal"
    # The same module in four archive formats: one kept, the others exact duplicates of it.
    copies = [r for r in docs + rejected if r["path"] in ("ok.py", "g.py", "z.py", "e.py", "mod.py")]
    assert len(copies) == 5 and sorted(r.get("reason") or "kept" for r in copies) == ["exact_duplicate"] * 4 + ["kept"]
    assert ("delta", "d.js") in {(r["repo"], r["path"]) for r in docs}

    # The opted-out repository: rejected by name, with nothing of its content.
    (private,) = [r for r in rejected if r["repo"] == "octo/private"]
    assert (private["path"], private["reason"], private["content"], private["sha256"]) == ("secret.py", "opted_out", None, "")
    assert "line 2: owner:octo" in private["detail"]
    assert stats["opt_out"]["repository_files_removed"] == 1
    assert stats["opt_out"]["list"]["version"] == "test-1"
    # Dotfiles: read, counted, judged like any file.
    assert stats["stages"]["ReadRepositories"]["dotfiles"]["read"] == 2  # .github/ci.yml, .env
    assert sum(stats["stages"]["FilesToDocuments"]["dotfiles"].values()) == 2
