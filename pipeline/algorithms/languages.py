"""Language by file extension (or by well-known file name): the table the build keeps files by.

InCoder chose its 28 languages by file extension (the InCoder paper, Fried et al. 2022, section 3; the paper's appendix lists
per-language sizes, Python and JavaScript first). ``INCODER_LANGUAGES`` is this project's
reconstruction of that list -- 28 mainstream languages; the exact membership was not checked against
the appendix table, so compare before claiming parity. ``EXTRA_LANGUAGES`` are common additions (build
files, docs and config formats that code models benefit from). A file
whose extension or name is not in the table gets no language and is rejected as
``unsupported_language``; ``FilterConfig.languages`` narrows the table further.

Extensions are matched lower-case, longest suffix first (``.d.ts`` is TypeScript, not ``.ts`` + D).
"""

from __future__ import annotations

# language -> extensions (with their dot, lower case). One language per extension.
INCODER_LANGUAGES: dict[str, tuple[str, ...]] = {
    "python": (".py", ".pyi", ".pyw"),
    "javascript": (".js", ".jsx", ".mjs", ".cjs"),
    "typescript": (".ts", ".tsx", ".d.ts", ".mts", ".cts"),
    "java": (".java",),
    "c": (".c", ".h"),
    "cpp": (".cpp", ".cc", ".cxx", ".c++", ".hpp", ".hh", ".hxx", ".h++", ".ipp", ".tpp"),
    "csharp": (".cs", ".csx"),
    "go": (".go",),
    "rust": (".rs",),
    "ruby": (".rb", ".rake", ".gemspec"),
    "php": (".php", ".phtml"),
    "scala": (".scala", ".sc"),
    "kotlin": (".kt", ".kts"),
    "swift": (".swift",),
    "shell": (".sh", ".bash", ".zsh", ".ksh"),
    "perl": (".pl", ".pm", ".t"),
    "lua": (".lua",),
    "r": (".r",),
    "julia": (".jl",),
    "haskell": (".hs", ".lhs"),
    "ocaml": (".ml", ".mli"),
    "erlang": (".erl", ".hrl"),
    "elixir": (".ex", ".exs"),
    "clojure": (".clj", ".cljs", ".cljc", ".edn"),
    "common-lisp": (".lisp", ".lsp", ".cl"),
    "html": (".html", ".htm", ".xhtml"),
    "css": (".css", ".scss", ".sass", ".less"),
    "sql": (".sql",),
}

EXTRA_LANGUAGES: dict[str, tuple[str, ...]] = {
    "objective-c": (".m", ".mm"),
    "dart": (".dart",),
    "groovy": (".groovy", ".gradle"),
    "powershell": (".ps1", ".psm1"),
    "fortran": (".f", ".f90", ".f95", ".f03", ".for"),
    "fsharp": (".fs", ".fsi", ".fsx"),
    "visual-basic": (".vb", ".bas"),
    "zig": (".zig",),
    "nim": (".nim",),
    "cython": (".pyx", ".pxd", ".pxi"),
    "cuda": (".cu", ".cuh"),
    "protobuf": (".proto",),
    "cmake": (".cmake",),
    "makefile": (".mk", ".mak"),
    "dockerfile": (".dockerfile",),
    "markdown": (".md", ".markdown"),
    "restructuredtext": (".rst",),
    "tex": (".tex", ".sty"),
    "yaml": (".yaml", ".yml"),
    "toml": (".toml",),
    "xml": (".xml", ".xsd", ".xsl"),
    "vue": (".vue",),
    "svelte": (".svelte",),
}

# Files recognised by their whole (lower-case) name rather than an extension.
FILENAMES: dict[str, str] = {
    "makefile": "makefile",
    "gnumakefile": "makefile",
    "dockerfile": "dockerfile",
    "cmakelists.txt": "cmake",
    "rakefile": "ruby",
    "gemfile": "ruby",
    "build.gradle": "groovy",
    "jenkinsfile": "groovy",
}

LANGUAGES: dict[str, tuple[str, ...]] = {**INCODER_LANGUAGES, **EXTRA_LANGUAGES}

EXTENSIONS: dict[str, str] = {ext: lang for lang, exts in LANGUAGES.items() for ext in exts}
assert len(EXTENSIONS) == sum(len(e) for e in LANGUAGES.values()), "an extension maps to two languages"
assert len(INCODER_LANGUAGES) == 28

_MAX_SUFFIX_DOTS = max(ext.count(".") for ext in EXTENSIONS)


def extension(path: str) -> str:
    """The file's last extension with its dot, lower case; ``""`` for none (``.bashrc`` has none)."""
    name = path.rsplit("/", 1)[-1]
    stem = name.lstrip(".")
    if "." not in stem:
        return ""
    return "." + stem.rsplit(".", 1)[-1].lower()


def language_for(path: str) -> str | None:
    """The language of ``path`` from the table, or ``None`` when the table does not know it."""
    name = path.rsplit("/", 1)[-1].lower()
    if name in FILENAMES:
        return FILENAMES[name]
    if name.startswith("dockerfile."):
        return "dockerfile"
    parts = name.lstrip(".").split(".")
    # Longest suffix first: ".d.ts" before ".ts".
    for dots in range(min(_MAX_SUFFIX_DOTS, len(parts) - 1), 0, -1):
        suffix = "." + ".".join(parts[-dots:])
        if suffix in EXTENSIONS:
            return EXTENSIONS[suffix]
    return None


def known_languages() -> list[str]:
    return sorted(LANGUAGES)
