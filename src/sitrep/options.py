"""What a build can be told, in one typed, validated object with documented defaults.

`sitrep build` makes a `BuildOptions` from an optional TOML config file (`--config FILE`, keys as the field
names below, `[lexicons]` as a table) overridden by the flags given on the command line; `sitrep.build.build`
takes one. Each field's `doc` is the flag's help text and the config file's documentation (docs/extending.md),
so the three cannot disagree. What travels to the workers is the smaller `ArticleOptions`.
"""

from __future__ import annotations

import tomllib
import types
import typing
from collections.abc import Mapping
from dataclasses import MISSING, dataclass, field, fields
from pathlib import Path
from typing import Any

from sitrep import registry
from sitrep.ingest.web import Limits


def _doc(text: str) -> dict[str, str]:
    return {"doc": text}


@dataclass(frozen=True)
class BuildOptions:
    """Options of one build; every field has the default `sitrep build` uses."""

    manifest: Path | None = field(default=None, metadata=_doc("CSV: path_or_url, outlet, url, published, title."))
    ratings: Path | None = field(default=None, metadata=_doc("CSV of outlet ratings: outlet, rating, source."))
    engine: str = field(default="local", metadata=_doc("Engine: local, ray or a plug-in (sitrep plugins)."))
    processes: int = field(default=1, metadata=_doc("Worker processes (local) or Ray workers."))
    address: str | None = field(default=None, metadata=_doc("Ray cluster address (engine ray)."))
    batch_size: int = field(default=32, metadata=_doc("Documents per batch; a batch is committed whole."))
    input_seconds: float = field(default=60.0, metadata=_doc("Seconds one input may take in one stage (0: no limit)."))
    max_bytes: int = field(default=20_000_000, metadata=_doc("Largest input (file, download, decompressed) in bytes."))
    timeout: float = field(default=20.0, metadata=_doc("Seconds before a URL fetch gives up."))
    allow_private: bool = field(default=False, metadata=_doc("Allow fetching loopback/private/link-local addresses."))
    lexicons: Mapping[str, Path] = field(
        default_factory=dict, metadata=_doc("Data files replaced for this build: NAME=PATH (names: sitrep plugins).")
    )

    def __post_init__(self) -> None:
        for name, low in (("processes", 1), ("batch_size", 1), ("max_bytes", 1)):
            if getattr(self, name) < low:
                raise ValueError(f"{name} must be at least {low}, not {getattr(self, name)}")
        for name in ("input_seconds", "timeout"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative")
        if self.engine not in registry.names("engines"):
            raise ValueError(f"unknown engine {self.engine!r}; choose from {', '.join(registry.names('engines'))}")
        if self.address and self.engine == "local":
            raise ValueError("address only applies to a cluster engine such as ray")
        for name in ("manifest", "ratings"):
            path = getattr(self, name)
            if path is not None and not Path(path).is_file():
                raise ValueError(f"{name} {path} not found")
        known = registry.entries("lexicons")
        for name, path in self.lexicons.items():
            if name not in known:
                raise ValueError(f"no data file named {name!r} to replace; `sitrep plugins` lists them")
            if not Path(path).is_file():
                raise ValueError(f"lexicon {name}: {path} not found")

    @property
    def limits(self) -> Limits:
        return Limits(max_bytes=self.max_bytes, timeout=self.timeout, allow_private=self.allow_private)

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any], base: Path = Path(".")) -> BuildOptions:
        """Options from plain values (a config file, flags), each checked against its field's type; relative
        paths are taken from `base` (the config file's folder), so a config means the same from anywhere."""
        by_name = {f.name: f for f in fields(cls)}
        hints = typing.get_type_hints(cls)
        unknown = sorted(set(values) - set(by_name))
        if unknown:
            raise ValueError(f"unknown option(s) {', '.join(unknown)}; options: {', '.join(by_name)}")
        out: dict[str, Any] = {}
        for name, value in values.items():
            out[name] = _typed(name, value, hints[name], base)
        return cls(**out)

    @classmethod
    def from_toml(cls, path: Path, overrides: Mapping[str, Any] | None = None) -> BuildOptions:
        """Options from a TOML file, with `overrides` (the flags given) winning over the file."""
        try:
            values = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ValueError(f"config {path}: {exc}") from exc
        merged = cls.from_mapping(values, Path(path).parent)
        return merged.replace(**(overrides or {}))

    def replace(self, **changes: Any) -> BuildOptions:
        """A copy with some fields changed, the changes checked like `from_mapping` checks them."""
        current = {f.name: getattr(self, f.name) for f in fields(self)}
        return BuildOptions.from_mapping({**current, **changes})

    def for_articles(self, manifest: Mapping[str, Mapping[str, str]]) -> ArticleOptions:
        return ArticleOptions(manifest=manifest, input_seconds=self.input_seconds, lexicons=dict(self.lexicons))


def _typed(name: str, value: Any, hint: Any, base: Path) -> Any:
    """`value` as the type `hint` names, or a ValueError saying which option is wrong and how."""
    args = typing.get_args(hint)
    if isinstance(hint, types.UnionType) and type(None) in args:
        if value is None:
            return None
        hint = next(a for a in args if a is not type(None))
    if hint is Path:
        if not isinstance(value, str | Path):
            raise ValueError(f"option {name} must be a path, not {value!r}")
        return base / Path(value).expanduser()
    if typing.get_origin(hint) is Mapping:
        if not isinstance(value, Mapping):
            raise ValueError(f"option {name} must be a table of NAME = PATH")
        return {str(k): _typed(f"{name}.{k}", v, Path, base) for k, v in value.items()}
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if not isinstance(value, hint) or (hint is int and isinstance(value, bool)):
        raise ValueError(f"option {name} must be {hint.__name__}, not {value!r}")
    return value


def markdown() -> str:
    """The options table of docs/extending.md, from the fields themselves (a test keeps the two in step)."""
    lines = ["| option | default | meaning |", "|---|---|---|"]
    for f in fields(BuildOptions):
        default = "none" if f.default in (None, MISSING) else f"`{f.default}`"
        lines.append(f"| `{f.name}` | {default} | {f.metadata['doc']} |")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class ArticleOptions:
    """What the per-article stages of a build are told; sent to every worker, so plain and picklable.

    `manifest` maps an input (path or URL) to the metadata a manifest CSV gives it; `input_seconds` bounds
    each stage on one input; `lexicons` are the data files this build replaces (`BuildOptions.lexicons`).
    """

    manifest: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    input_seconds: float = 60.0
    lexicons: Mapping[str, Path] = field(default_factory=dict)


if __name__ == "__main__":
    print(markdown(), end="")
