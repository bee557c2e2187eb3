"""Licence detection (issue 3): scancode wrapper, repository/file decisions, ``incoder license scan``.

- ``scancode_runner``: scancode-toolkit's index loaded once per process, one text scanned under a deadline.
- ``detect``: ``LicenseDetector`` -- folder licence maps of a repository and per-file decisions.
- ``cli``: ``incoder license scan PATH...``.
- ``build_fastpath``: regenerates ``data/fastpath.json`` from the installed scancode-toolkit.

- ``policy``: the SPDX permissive policy and expression logic (plain functions, no Beam).
- ``fastpath``: exact normalised-text lookup of known licence texts; ``templates``: close-copy matcher.
- ``files``: which paths are licence-bearing and how READMEs/manifests declare a licence.

The Beam stage is ``pipeline.stages.detect_licenses``.
"""
