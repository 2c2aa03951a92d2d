"""A cache of parsed, schema-valid documents that can never be stale.

An entry is keyed by the file's bytes, the schema it was checked against and the code and
libraries that read and checked it, so any change to one of them is a miss. Only documents that
passed their schema are stored (a file with problems is always read again, so every message is as
fresh as the file). Entries live in the user's cache folder; an entry or folder that cannot be
read or written is ignored and the file is read as if there were no cache. `--no-cache` (or
GAP_ANALYZER_NO_CACHE=1) turns it off.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
import sys
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from analyzer.documents import Document, display_name, read_bounded

ENV_OFF = "GAP_ANALYZER_NO_CACHE"
ENV_DIR = "GAP_ANALYZER_CACHE_DIR"
_HERE = Path(__file__).resolve().parent
_CODE = ("cache.py", "documents.py", "jsondoc.py", "contract.py")  # what reads and checks a file
_LIBRARIES = ("yaml", "jsonschema")
_enabled = True


def disable() -> None:
    """Read every file afresh in this process (the `--no-cache` option)."""
    global _enabled
    _enabled = False


def checked(path: Path, schema: Mapping[str, Any], read: Callable[[Path], Document],
            check: Callable[[Document, Mapping[str, Any]], list[Any]]) -> tuple[Document, list[Any]]:
    """`read(path)` and its schema problems `check(document, schema)`, or the cached result."""
    folder = _folder()
    name = display_name(path) if folder is not None else ""
    raw = _small_regular_file(path, name) if folder is not None else None
    if folder is None or raw is None:
        document = read(path)
        return document, check(document, schema)
    key = hashlib.sha256(b"\0".join((_code_fingerprint().encode(), _schema_fingerprint(schema), raw))).hexdigest()
    entry = folder / key[:2] / key
    hit = _load(entry)
    if hit is not None:
        data, lines, key_lines = hit
        if lines is None:  # JSON: lines are found from the text only if a problem needs one
            from analyzer.jsondoc import lazy_lines

            lines = lazy_lines(raw.decode("utf-8"))
        return Document(name, data, lines, key_lines), []
    document = read(path)
    problems = check(document, schema)
    if not problems:
        _store(entry, (document.data, document.lines if isinstance(document.lines, dict) else None,
                       dict(document.key_lines)))
    return document, problems


def _folder() -> Path | None:
    if not _enabled or os.environ.get(ENV_OFF, "") not in ("", "0"):
        return None
    if os.environ.get(ENV_DIR):
        return Path(os.environ[ENV_DIR])
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("gap-analyzer", appauthor=False))


def _small_regular_file(path: Path, name: str) -> bytes | None:
    """The bytes of a regular file within the size limit, read as the reader reads (non-blocking,
    bounded, and recorded among the files this run read); None (no caching) for anything else,
    which then takes the reader's own path and its error messages."""
    from analyzer.errors import InputError

    try:
        return read_bounded(path, name)
    except InputError:
        return None


@cache
def _code_fingerprint() -> str:
    """The reading code's own bytes and the library versions: a new release or an edited checkout
    never meets an entry an older one wrote."""
    from analyzer.documents import _C_LOADER

    digest = hashlib.sha256(f"{sys.version} libyaml={_C_LOADER is not None}".encode())
    for name in _CODE:
        digest.update((_HERE / name).read_bytes())
    for name in ("statute", "vocabulary", "framework", "rule", "report", "amendment", "cases", "published"):
        schema_file = _HERE / "schemas" / f"{name}.schema.json"
        if schema_file.is_file():
            digest.update(schema_file.read_bytes())
    for library in _LIBRARIES:
        digest.update(f"{library}={_version(library)}".encode())
    return digest.hexdigest()


def _version(library: str) -> str:
    """The installed distribution (its dist-info folder names the version) and the package's
    files' stamps, found without importing the library or reading package metadata (slow)."""
    from importlib.util import find_spec

    spec = find_spec(library)
    if spec is None or spec.origin is None:
        return "missing"
    package = Path(spec.origin).parent
    site = package.parent
    try:
        dists = sorted(n for n in os.listdir(site) if n.lower().startswith(tuple(_DISTS[library]))
                       and n.endswith((".dist-info", ".egg-info")))
        stamps = [f"{p.name}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in sorted(package.glob("*.py"))]
    except OSError:
        return "unreadable"
    return ",".join([*dists, *stamps])


_DISTS = {"yaml": ("pyyaml-",), "jsonschema": ("jsonschema-",)}


_schema_fingerprints: dict[int, tuple[Mapping[str, Any], bytes]] = {}


def _schema_fingerprint(schema: Mapping[str, Any]) -> bytes:
    """A digest of the schema's content (schemas built from the vocabulary differ per project)."""
    known = _schema_fingerprints.get(id(schema))
    if known is not None and known[0] is schema:
        return known[1]
    text = json.dumps(schema, sort_keys=True, default=str, ensure_ascii=False)
    digest = hashlib.sha256(text.encode()).digest()
    _schema_fingerprints[id(schema)] = (schema, digest)
    return digest


class _Unpickler(pickle.Unpickler):
    """Plain data only: dicts, lists, tuples, text, numbers and Decimal; nothing else is built."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == ("decimal", "Decimal"):
            from decimal import Decimal

            return Decimal
        raise pickle.UnpicklingError(f"{module}.{name} is not plain data")


def _load(entry: Path) -> tuple[Any, dict[Any, int] | None, dict[Any, int]] | None:
    try:
        data, lines, key_lines = _Unpickler(io.BytesIO(entry.read_bytes())).load()
    except Exception:  # missing, unreadable or damaged: read the file instead
        return None
    if (lines is None or isinstance(lines, dict)) and isinstance(key_lines, dict):
        return data, lines, key_lines
    return None


def _store(entry: Path, value: tuple[Any, dict[Any, int] | None, dict[Any, int]]) -> None:
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        temporary = entry.with_name(f"{entry.name}.{os.getpid()}.tmp")
        temporary.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(temporary, entry)
    except (OSError, pickle.PicklingError, RecursionError):
        pass  # a cache that cannot be written is no cache
