"""Which files an ingest reads, and opening one without trusting what it is.

Folders are walked recursively in sorted order; hidden files and folders, README files and
other suffixes are skipped. Only regular files are read: a FIFO, socket or device named
``x.txt`` is reported and never opened (opening a FIFO blocks until a writer comes). A
symbolic link loop or a broken link is reported for that file alone. In a folder, a file
link is followed only when its target stays inside the folder given, unless
``follow_links`` (``quotecheck ingest --follow-links``) says otherwise; links to folders are
not walked. A file named directly is always read (the user named it).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ingest.errors import InputError

SUPPORTED_SUFFIXES: tuple[str, ...] = (
    ".txt",
    ".md",
    ".markdown",
    ".html",
    ".htm",
    ".json",
    ".jsonl",
    ".pdf",
    ".docx",
)
LOOP = "is a symbolic link loop; fix or remove the link"

_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISDIR, "a folder"),
)


@dataclass(frozen=True)
class InputFile:
    """A file found for an ingest, or one found and refused (``skipped`` says why)."""

    path: Path
    skipped: str = ""


def _is_article_file(path: Path) -> bool:
    return (
        path.suffix.lower() in SUPPORTED_SUFFIXES
        and not path.name.startswith(".")
        and path.stem.lower() != "readme"
    )


def find_input_files(
    paths: Iterable[str | Path], *, follow_links: bool = False
) -> Iterator[InputFile]:
    """Every input file under ``paths``, each once; refused ones carry the reason.

    A path that does not exist raises ``InputError``.
    """
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        if not os.path.lexists(path):
            raise InputError(str(given), "no such file or folder; check the path")
        if path.is_dir():
            found = _walk(path, follow_links)
        else:
            found = iter([InputFile(path, _refusal(path) or "")])
        for item in found:
            key = _key(item.path)
            if key not in seen:
                seen.add(key)
                yield item


def iter_input_files(paths: Iterable[str | Path], *, follow_links: bool = False) -> Iterator[Path]:
    """The files under ``paths`` that an ingest would read (the refused ones left out)."""
    for item in find_input_files(paths, follow_links=follow_links):
        if not item.skipped:
            yield item.path


def _key(path: Path) -> Path:
    try:
        return path.resolve(strict=True)
    except (OSError, RuntimeError):  # a loop or a broken link: the link itself
        return path.absolute()


def _walk(folder: Path, follow_links: bool) -> Iterator[InputFile]:
    root = folder.resolve()
    for where, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            file = Path(where) / name
            if _is_article_file(file):
                yield InputFile(file, _refusal(file, None if follow_links else root) or "")


def _refusal(path: Path, inside: Path | None = None) -> str | None:
    """Why ``path`` is not read (a loop, a broken link, a link out of ``inside``, not a
    regular file), as an ``InputError`` message; None to read it."""
    try:
        target = path.resolve(strict=True) if path.is_symlink() else None
        mode = path.stat().st_mode
    except RuntimeError:  # Python 3.11's pathlib reports a loop so
        return str(InputError(str(path), LOOP))
    except OSError as exc:
        return str(InputError(str(path), _stat_problem(exc)))
    if target is not None and inside is not None and not target.is_relative_to(inside):
        return str(
            InputError(
                str(path),
                f"links to a file outside {inside} ({target}); skipped. Copy the file into "
                "the folder, or pass --follow-links to read it",
            )
        )
    kind = not_regular(mode)
    return str(InputError(str(path), kind)) if kind else None


def _stat_problem(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return LOOP
    if exc.errno == errno.ENOENT:
        return "is a broken link (its target does not exist); fix or remove the link"
    return f"cannot be read ({exc.strerror}); check the path and permissions"


def not_regular(mode: int) -> str:
    """The message for a file mode that is not a regular file's; "" for a regular file."""
    if stat.S_ISREG(mode):
        return ""
    kind = next((name for test, name in _KINDS if test(mode)), "not a file")
    return f"is {kind}, not a regular file; skipped unread (only regular files are read)"


def read_regular(path: Path, max_bytes: int, size_hint: str) -> bytes:
    """The bytes of a regular file no larger than ``max_bytes``; anything else an
    ``InputError`` raised before reading (``size_hint`` says how to raise the limit).

    The file is opened non-blocking and checked again through its handle, so a FIFO put in
    place after the walk cannot block the run either.
    """
    source = str(path)
    try:
        st = os.stat(path)
        kind = not_regular(st.st_mode)
        if kind:
            raise InputError(source, kind)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except RuntimeError:
        raise InputError(source, LOOP) from None
    except OSError as exc:
        raise InputError(source, _stat_problem(exc)) from exc
    with os.fdopen(fd, "rb") as handle:
        st = os.fstat(handle.fileno())
        kind = not_regular(st.st_mode)
        if kind:
            raise InputError(source, kind)
        if st.st_size > max_bytes:
            raise InputError(
                source,
                f"file is {st.st_size:,} bytes, over the limit of {max_bytes:,} bytes; split "
                f"it, or raise the limit with the setting {size_hint}",
            )
        try:
            return handle.read(max_bytes + 1)
        except OSError as exc:
            raise InputError(
                source, f"cannot be read ({exc.strerror}); check the path and permissions"
            ) from exc
