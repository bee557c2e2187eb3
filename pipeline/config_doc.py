"""Generate ``docs/config.md``, the config reference, from the pydantic models' own field descriptions.

The reference is never written by hand, so it cannot drift from the code: ``tests/pipeline/
test_config_doc.py`` fails when the committed file differs from what this module generates.

    python -m pipeline.config_doc --write     # regenerate docs/config.md after changing a config model
"""

from __future__ import annotations

import argparse
import sys
import types
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from pipeline.config import ProjectConfig
from training.model_config import PRESETS, ModelConfig

DOC = Path(__file__).resolve().parents[1] / "docs" / "config.md"

HEADER = """# Config reference

Generated from the config models by `python -m pipeline.config_doc --write`; do not edit by hand.
A config file is one YAML mapping; unknown keys are errors naming their dotted path. Every key below can
also be set on the command line: `--set build.near_dedup.threshold=0.8`. Derived defaults are filled in at
load time and shown in the resolved `OUT/config.yaml`: `train.run_dir` (`<output_dir>/train`),
`train.release_dir` (`<output_dir>/release`), `evaluate.out_dir` (`<output_dir>/eval`), and every stage seed
left null (`build.near_dedup.seed`, `tokenizer.seed`, `release.seed`, `train.seed`), which takes the
top-level `seed`. An explicit value in the file wins.
"""


def _models(annotation: Any) -> list[type[BaseModel]]:
    """The config models an annotation holds (through ``X | None``, ``list[X]``, unions, ``Annotated``)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    out: list[type[BaseModel]] = []
    for arg in typing.get_args(annotation):
        out.extend(_models(arg))
    return out


def _type_name(annotation: Any) -> str:
    if annotation is type(None):
        return "None"
    if isinstance(annotation, type):
        return annotation.__name__
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _type_name(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return " \\| ".join(_type_name(a) for a in typing.get_args(annotation))
    if origin is typing.Literal:
        return " \\| ".join(repr(a) for a in typing.get_args(annotation))
    if origin is not None:
        args = ", ".join(_type_name(a) for a in typing.get_args(annotation))
        return f"{getattr(origin, '__name__', str(origin))}[{args}]"
    return str(annotation).replace("typing.", "")


def _default(field: Any) -> str:
    if field.default is PydanticUndefined and field.default_factory is None:
        return "required"
    value = field.default_factory() if field.default_factory is not None else field.default
    if isinstance(value, BaseModel):
        return "(section)"
    text = repr(value)
    return f"`{text}`" if len(text) <= 40 else f"`{text[:37]}...`"


def _section(path: str, model: type[BaseModel], seen: set[tuple[str, type]]) -> list[str]:
    if (path, model) in seen:
        return []
    seen.add((path, model))
    doc = " ".join((model.__doc__ or "").split())
    lines = [f"## `{path}` ({model.__name__})" if path else f"## Top level ({model.__name__})", ""]
    if doc:
        lines += [doc, ""]
    lines += ["| key | type | default | description |", "|---|---|---|---|"]
    nested: list[tuple[str, type[BaseModel]]] = []
    for name, field in model.model_fields.items():
        subs = _models(field.annotation)
        summary = (subs[0].__doc__ or "").strip().split("\n")[0] if len(subs) == 1 else ""
        description = " ".join((field.description or summary).split()).replace("|", "\\|")
        lines.append(f"| `{name}` | {_type_name(field.annotation)} | {_default(field)} | {description} |")
        key = f"{path}.{name}" if path else name
        for sub in subs:
            nested.append((key if len(subs) == 1 else f"{key}[] (kind {_kind(sub)})", sub))
    lines.append("")
    for sub_path, sub in nested:
        lines += _section(sub_path, sub, seen)
    return lines


def _kind(model: type[BaseModel]) -> str:
    field = model.model_fields.get("kind")
    args = typing.get_args(field.annotation) if field is not None else ()
    return " / ".join(map(str, args)) or model.__name__


def generate() -> str:
    lines = [HEADER]
    lines += _section("", ProjectConfig, set())
    # ``train.model`` is a free mapping validated against ModelConfig on top of ``train.preset``.
    lines += _section("train.model", ModelConfig, set())
    lines += ["Presets (`train.preset`), each a set of `train.model` values:", ""]
    lines += [f"- `{name}`: " + ", ".join(f"{k}={v}" for k, v in values.items()) for name, values in PRESETS.items()]
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true", help=f"write {DOC} (default: print to stdout)")
    args = parser.parse_args(argv)
    text = generate()
    if args.write:
        DOC.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
