"""Faults at the store: damaged, missing or unwritable, disk full, a server that goes away.

Each gives one clear error that says what to do, loses nothing already written, and the
next run (or the next question, once the server is back) works.
"""

from __future__ import annotations

import errno
import os
import random
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from chromadb.api.models.Collection import Collection

from bot.cli import EXIT_ERROR, EXIT_OK, main
from bot.service import Quotecheck
from ingest.config import load_settings
from ingest.errors import StoreError
from tests.conftest import REPO, SAMPLES, start_chroma
from tests.fictional_corpus import write_corpus
from tests.ports import free_port
from tests.store_audit import audit


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().err


def test_damaged_store_is_a_one_line_error(tmp_path: Path, capsys: Any) -> None:
    store = tmp_path / "bad" / "chroma"
    store.mkdir(parents=True)
    (store / "chroma.sqlite3").write_bytes(b"not a database" * 5000)
    code, err = _cli(capsys, "--data-dir", str(tmp_path / "bad"), "stats")
    assert code == EXIT_ERROR and err.count("\n") == 1
    assert "cannot open the store" in err and "move" in err and "ingest your files again" in err


def test_unwritable_data_dir_is_a_one_line_error(tmp_path: Path, capsys: Any) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    code, err = _cli(capsys, "--data-dir", str(blocker / "data"), "ingest", str(SAMPLES))
    assert code == EXIT_ERROR and err.count("\n") == 1
    assert "not writable" in err and "--data-dir" in err


def test_a_runaway_vector_index_file_is_refused_before_chroma_loads_it(
    tmp_path: Path, capsys: Any
) -> None:
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "ingest", str(SAMPLES)]) == EXIT_OK
    segment = data / "chroma" / "00000000-0000-0000-0000-00000000beef"
    segment.mkdir()
    (segment / "data_level0.bin").write_bytes(b"\0" * 4096)
    with (segment / "link_lists.bin").open("wb") as f:
        f.truncate(8 * 2**30)  # sparse, as chroma-core/chroma#7510 leaves it
    capsys.readouterr()
    code, err = _cli(capsys, "--data-dir", str(data), "stats")
    assert code == EXIT_ERROR and err.count("\n") == 1
    assert "link_lists.bin is damaged (8.0 GiB" in err and "chroma#7510" in err
    assert "ingest your files again" in err
    with (segment / "link_lists.bin").open("wb") as f:
        f.truncate(4096)  # a healthy size opens as before
    assert _cli(capsys, "--data-dir", str(data), "stats")[0] == EXIT_OK


def test_missing_store_starts_empty(tmp_path: Path, capsys: Any) -> None:
    code = main(["--data-dir", str(tmp_path / "new"), "stats", "--json"])
    assert code == EXIT_OK and '"articles": 0' in capsys.readouterr().out


def test_disk_full_while_ingesting_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_corpus(tmp_path / "in", 200, per_file=20)
    real_upsert = Collection.upsert
    calls = {"n": 0}

    def upsert_until_full(self: Collection, *args: Any, **kwargs: Any) -> None:
        calls["n"] += 1
        if calls["n"] > 4:  # the first batch commits, the second dies half written
            raise OSError(errno.ENOSPC, "No space left on device")
        real_upsert(self, *args, **kwargs)

    monkeypatch.setattr(Collection, "upsert", upsert_until_full)
    service = Quotecheck(load_settings())
    summary = service.ingest([tmp_path / "in"])
    assert summary.fatal and "disk" in summary.fatal and "is full" in summary.fatal
    assert "run the same ingest again" in summary.fatal
    report = audit(service.store)
    assert report["leaked"] == 0 and report["problem_count"] == 0
    kept = report["articles"]

    monkeypatch.setattr(Collection, "upsert", real_upsert)  # space freed
    again = service.ingest([tmp_path / "in"])
    assert not again.fatal and again.failed == 0 and again.as_dict()["unchanged"] == kept
    final = audit(service.store)
    assert final["articles"] == 200 and final["problem_count"] == 0
    assert final["debris"] == {"passages": 0, "quotes": 0}


@pytest.mark.server
def test_server_going_away_mid_question_then_coming_back(tmp_path: Path) -> None:
    port = free_port()
    server = start_chroma(tmp_path / "server", port)
    try:
        service = Quotecheck(load_settings(chroma_host="127.0.0.1", chroma_port=port))
        assert service.ingest([SAMPLES]).failed == 0
        before = service.ask("Who said the dam held?").markdown
        counts = service.store.count()

        server.terminate()
        server.wait(timeout=20)
        with pytest.raises(StoreError) as down:  # (who-said answers from memory a while)
            service.ask("What happened at the dam?")  # a passage search
        message = str(down.value)
        assert "chroma run" in message and f"127.0.0.1:{port}" in message

        server = start_chroma(tmp_path / "server", port)
        assert service.store.count() == counts  # nothing lost
        assert service.ask("Who said the dam held?").markdown == before
    finally:
        server.terminate()
        server.wait(timeout=20)


def _run(data: Path, *argv: str, script: str = "") -> subprocess.CompletedProcess[str]:
    """A fresh process, as a user runs it: a SIGSEGV shows as return code -11."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("QUOTECHECK_")}
    env.update(QUOTECHECK_DATA_DIR=str(data), QUOTECHECK_EMBED_MODEL="fake", HF_HUB_OFFLINE="1")
    env["QUOTECHECK_PORT"] = str(free_port())
    code = script or "import sys; from bot.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run(
        [sys.executable, "-c", code, *argv],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def persisted_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store big enough (over Chroma's 1,000-record sync threshold) to have HNSW files."""
    root = tmp_path_factory.mktemp("persisted")
    write_corpus(root / "in", 700, per_file=50)
    settings = load_settings(data_dir=root / "data", embed_model="fake")
    assert Quotecheck(settings).ingest([root / "in"]).failed == 0
    return root / "data"


def _copy(store: Path, tmp_path: Path) -> tuple[Path, Path]:
    data = tmp_path / "data"
    shutil.copytree(store, data)
    segment = max((data / "chroma").glob("*/data_level0.bin"), key=lambda p: p.stat().st_size)
    return data, segment.parent


def _collection_of(data: Path, segment: Path) -> str:
    with sqlite3.connect(data / "chroma" / "chroma.sqlite3") as con:
        (name,) = con.execute(
            "SELECT c.name FROM segments s JOIN collections c ON s.collection = c.id "
            "WHERE s.id = ?",
            (segment.name,),
        ).fetchone()
    return str(name)


@pytest.mark.parametrize("damaged", ["data_level0.bin", "link_lists.bin", "header.bin"])
def test_random_bytes_in_a_vector_index_are_one_line_not_a_crash(
    persisted_store: Path, tmp_path: Path, damaged: str
) -> None:
    data, segment = _copy(persisted_store, tmp_path)
    file = segment / damaged
    file.write_bytes(random.Random(22).randbytes(file.stat().st_size))
    name = _collection_of(data, segment)
    for argv in (["stats"], ["verify", "the wall held"], ["ask", "Who said the wall held?"]):
        run = _run(data, *argv)
        assert run.returncode == EXIT_ERROR, (argv, run.returncode, run.stderr[-500:])
        assert run.stderr.count("\n") == 1
        assert f"the vector index of collection {name} in {segment} is damaged" in run.stderr
        assert "would crash" in run.stderr and "ingest your files again" in run.stderr
    app = _run(
        data, script=f"import runpy; runpy.run_path({str(REPO / 'app.py')!r}, run_name='__main__')"
    )
    assert app.returncode == EXIT_ERROR and "is damaged" in app.stderr.splitlines()[-1]


def test_a_deleted_sqlite_beside_index_folders_is_an_error(
    persisted_store: Path, tmp_path: Path, capsys: Any
) -> None:
    data, _ = _copy(persisted_store, tmp_path)
    (data / "chroma" / "chroma.sqlite3").unlink()
    code, err = _cli(capsys, "--data-dir", str(data), "stats")
    assert code == EXIT_ERROR and err.count("\n") == 1
    assert "vector index folder(s) but no chroma.sqlite3" in err
    assert "Restore chroma.sqlite3 from a backup" in err
    assert not (data / "chroma" / "chroma.sqlite3").exists()  # no empty store made in its place


def test_a_healthy_persisted_store_passes_the_check(persisted_store: Path, capsys: Any) -> None:
    code = main(["--data-dir", str(persisted_store), "stats", "--json"])
    assert code == EXIT_OK and '"articles": 700' in capsys.readouterr().out


_KILLED_WRITER = """
import os, sqlite3, sys
con = sqlite3.connect(sys.argv[1])
con.execute("BEGIN")
con.execute("CREATE TABLE qc_killed_mid_write (x TEXT)")
con.executemany("INSERT INTO qc_killed_mid_write VALUES (?)", [("x" * 200,)] * 20000)
os.kill(os.getpid(), 9)
"""


def test_a_store_left_with_a_hot_journal_by_a_killed_writer_opens(
    persisted_store: Path, tmp_path: Path, capsys: Any
) -> None:
    """A writer killed mid-transaction leaves a hot journal; the store check must let SQLite
    roll it back as any open does, not call the store damaged (it opened read-only)."""
    data, _ = _copy(persisted_store, tmp_path)
    db = data / "chroma" / "chroma.sqlite3"
    subprocess.run([sys.executable, "-c", _KILLED_WRITER, str(db)], check=False)
    assert db.with_name(db.name + "-journal").exists() or db.with_name(db.name + "-wal").exists()
    code = main(["--data-dir", str(data), "stats", "--json"])
    assert code == EXIT_OK and '"articles": 700' in capsys.readouterr().out
    with sqlite3.connect(db) as con:  # the killed transaction was rolled back
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
    assert "qc_killed_mid_write" not in tables


def test_an_unchanged_store_is_not_read_again_at_open(
    persisted_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading every file costs a minute at 100,000 articles: an open after a passing check
    only looks at sizes and times, and any file changed since is read again, all of them."""
    import ingest.store_check as store_check

    data, segment = _copy(persisted_store, tmp_path)
    chroma = data / "chroma"
    store_check.check_store(chroma, full=True)
    assert (chroma / store_check.STAMP_NAME).exists()
    reads: list[Path] = []
    monkeypatch.setattr(store_check, "_check", reads.append)
    store_check.check_store(chroma)
    assert reads == []  # as stamped: nothing read
    level0 = segment / "data_level0.bin"
    st = level0.stat()
    os.utime(level0, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))  # written since
    store_check.check_store(chroma)
    assert reads == [chroma]
    store_check.check_store(chroma, full=True)  # quotecheck check: always read
    assert reads == [chroma, chroma]
