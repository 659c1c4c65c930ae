"""Models derived from the local model once and cached under the data dir (onnx, static).

A derived model (an ONNX export, a distilled static model) is built into a temporary folder
beside the cache and renamed into place, so a crash leaves no half-written folder and every
later process, or one racing this one, reuses the finished copy. The folder is named by the
source model's folder and a fingerprint of its files and of the recipe, so an upgraded model
or a changed recipe gets a fresh build and an unchanged one reuses the old.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from ingest.errors import ModelError


def cache_folder(model_path: str | Path, cache_dir: Path, recipe: str, kind: str = "") -> Path:
    """``<cache_dir>/<model>[-<kind>]-<fingerprint>`` for the model at ``model_path``.

    The fingerprint covers ``recipe`` (bump it when the build changes), the model's path and
    its files' names, sizes and times.
    """
    source = Path(model_path).resolve()
    digest = hashlib.sha256(f"{recipe}\n{source}\n".encode())
    for f in sorted(p for p in source.rglob("*") if p.is_file()):
        stat = f.stat()
        digest.update(f"{f.relative_to(source)}\t{stat.st_size}\t{stat.st_mtime_ns}\n".encode())
    name = source.parent.name if source.name == "model" else source.name
    parts = [name, kind, digest.hexdigest()[:12]] if kind else [name, digest.hexdigest()[:12]]
    return cache_dir / "-".join(parts)


def build_once(
    final: Path, ready_file: str, build: Callable[[Path], None], what: str, fallback: str
) -> Path:
    """``final``, built by ``build(tmp)`` into a temporary folder first unless it is there.

    ``ready_file`` is a file the finished folder holds; ``what`` says what the build does
    ("export the embedding model X to onnx") and ``fallback`` what the user can set instead,
    both for the error message.
    """
    if (final / ready_file).exists():
        return final
    cache_dir = final.parent
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".build-", dir=cache_dir))
    except OSError as exc:
        raise ModelError(
            f"cannot write the model cache in {cache_dir}: {exc}; "
            f"make the data dir writable or {fallback}"
        ) from exc
    try:
        try:
            build(tmp)
        except ModelError:
            raise
        except Exception as exc:  # torch, onnxruntime, model2vec raise many kinds; name the build
            raise ModelError(f"cannot {what}: {exc}; {fallback}") from exc
        try:
            tmp.rename(final)
        except OSError:
            if not (final / ready_file).exists():  # not another process's finished build
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return final
