"""A throwaway PostgreSQL for the tests of the shared word index (``ingest.pg_words``).

``initdb`` in a new temporary folder, ``pg_ctl start`` on a free local port, ``createdb``;
as the ``postgres`` user when run as root (PostgreSQL refuses to run as root). Durability is
off: the data lives as long as the test run. Used by the ``postgres_url`` fixture
(``tests/conftest.py``) and by ``.ci/run``::

    python tests/postgres.py start        # prints: FOLDER URL
    python tests/postgres.py stop FOLDER
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # also run as a script

from tests.ports import free_port

USER = DATABASE = "quotecheck"
_SETTINGS = (
    "-c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off "
    "-c synchronous_commit=off -c full_page_writes=off"
)


def binaries() -> Path | None:
    """The folder of ``pg_ctl`` and ``initdb``: on PATH, or Debian's newest version."""
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        return Path(found).resolve().parent  # Debian links some of them from elsewhere
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    return versions[-1].parent if versions else None


@dataclass(frozen=True)
class Server:
    folder: Path
    port: int

    @property
    def url(self) -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{DATABASE}"


def _as_owner(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


def _run(command: list[str]) -> None:
    done = subprocess.run(_as_owner(command), capture_output=True, text=True, timeout=120)
    if done.returncode:
        raise RuntimeError(f"{' '.join(command)} failed: {(done.stderr or done.stdout)[-1500:]}")


def start(bin_dir: Path, port: int | None = None) -> Server:
    """A new server in a new temporary folder (owned by ``postgres`` when run as root)."""
    folder = Path(tempfile.mkdtemp(prefix="quotecheck-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    server = Server(folder, port or free_port())
    data = str(folder / "data")
    options = f"{_SETTINGS} -p {server.port} -k {folder}"
    log = str(folder / "server.log")
    try:
        _run([str(bin_dir / "initdb"), "-D", data, "-U", USER, "-A", "trust", "-E", "UTF8"])
        _run([str(bin_dir / "pg_ctl"), "-D", data, "-o", options, "-l", log, "-w", "start"])
        createdb = bin_dir / "createdb"
        _run([str(createdb), "-h", "127.0.0.1", "-p", str(server.port), "-U", USER, DATABASE])
    except BaseException:
        stop(folder, bin_dir)
        raise
    return server


def stop(folder: Path, bin_dir: Path | None = None) -> None:
    """Stop the server of ``folder`` (fast: no waiting for clients) and delete the folder."""
    bin_dir = bin_dir or binaries()
    data = folder / "data"
    if bin_dir is not None and (data / "postmaster.pid").exists():
        _run([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"])
    shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str]) -> int:
    bin_dir = binaries()
    if bin_dir is None:
        print("no PostgreSQL binaries (initdb, pg_ctl): apt-get install postgresql")
        return 1
    if argv[:1] == ["start"]:
        server = start(bin_dir)
        print(server.folder, server.url)
        return 0
    if argv[:1] == ["stop"] and len(argv) == 2:
        stop(Path(argv[1]), bin_dir)
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
