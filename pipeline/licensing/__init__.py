"""Licence detection: every piece of licence code lives here (docs/licensing.md).

- ``policy``: the SPDX permissive policy, expression logic, verdicts and rejected reasons (no Beam).
- ``files``: which paths are licence-bearing and how READMEs/manifests declare a licence.
- ``fastpath`` / ``templates``: exact and close copies of known licence texts; ``names``: licence names.
- ``residue``: the grammar of what may surround a licence (copyright statements, titles, scope notes).
- ``spans``: what scancode's matches explain (expression, offered choices, unexplained lines).
- ``evidence``: one licence-bearing text -> evidence (fast path, names, templates, scancode, residue).
- ``detect``: ``LicenseDetector`` -- folder licence maps of a repository and per-file decisions.
- ``scancode_runner``: scancode-toolkit's index loaded once per process, one text scanned under a deadline.
- ``scancode_data``: the licence texts and rules shipped with scancode-toolkit, read at run time.
- ``cli``: ``incoder license scan PATH...``.
- ``build_fastpath``: regenerates ``data/fastpath.json`` offline (never imported at run time).

The Beam stage is ``pipeline.stages.detect_licenses``.
"""
