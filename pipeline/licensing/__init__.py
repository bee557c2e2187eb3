"""Licence detection (issue 3): scancode wrapper, repository/file decisions, ``incoder license scan``.

- ``scancode_runner``: scancode-toolkit's index loaded once per process, one text scanned under a deadline.
- ``detect``: ``LicenseDetector`` -- folder licence maps of a repository and per-file decisions.
- ``cli``: ``incoder license scan PATH...``.
- ``build_fastpath``: regenerates ``data/fastpath.json`` from the installed scancode-toolkit.

The policy and the fast path themselves are plain algorithms in ``pipeline.algorithms.license_policy``,
``license_fastpath`` and ``license_files``; the Beam stage is ``pipeline.stages.detect_licenses``.
"""
