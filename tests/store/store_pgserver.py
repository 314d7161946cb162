"""A throwaway PostgreSQL server for the tests: initdb into a temp dir, 127.0.0.1 only.

Outside CI a missing PostgreSQL installation skips the PostgreSQL half of the tests with a
message; with ``CI=true`` it is a failure.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _bindir() -> Path | None:
    env = os.environ.get("SITREPS_PG_BINDIR")
    if env:
        return Path(env)
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    if found:
        return Path(found[0]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _unavailable(message: str) -> None:
    if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
        pytest.fail(f"PostgreSQL is required in CI: {message}")
    pytest.skip(f"PostgreSQL not available: {message}")


def _as_postgres(cmd: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


@contextmanager
def postgres_server() -> Iterator[str]:
    """Start a server; yields a ``postgresql://`` URL of an admin connection (db postgres)."""
    bindir = _bindir()
    if bindir is None or not (bindir / "initdb").exists():
        _unavailable("initdb not found (apt-get install postgresql postgresql-15-postgis-3)")
        raise AssertionError("unreachable")
    if os.geteuid() == 0:
        try:
            subprocess.run(["id", "postgres"], check=True, capture_output=True)
        except subprocess.CalledProcessError:
            _unavailable("no 'postgres' OS user to run the server as")
    tmp = Path(tempfile.mkdtemp(prefix="sitreps-pg-"))
    datadir = tmp / "data"
    if os.geteuid() == 0:
        shutil.chown(tmp, "postgres", "postgres")
    port = _free_port()
    log = tmp / "server.log"
    try:
        subprocess.run(
            _as_postgres(
                [
                    str(bindir / "initdb"),
                    "-D",
                    str(datadir),
                    "-A",
                    "trust",
                    "-U",
                    "postgres",
                    "-E",
                    "UTF8",
                    "--no-sync",
                ]
            ),
            check=True,
            capture_output=True,
        )
        subprocess.run(
            _as_postgres(
                [
                    str(bindir / "pg_ctl"),
                    "-D",
                    str(datadir),
                    "-l",
                    str(log),
                    "-w",
                    "-o",
                    f"-h 127.0.0.1 -p {port} -k {tmp} -F -c fsync=off",
                    "start",
                ]
            ),
            check=True,
            capture_output=True,
        )
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    except subprocess.CalledProcessError as exc:
        detail = (exc.stderr or b"").decode(errors="replace")
        if log.exists():
            detail += log.read_text(errors="replace")
        pytest.fail(f"cannot start PostgreSQL: {detail}")
    finally:
        subprocess.run(
            _as_postgres(
                [str(bindir / "pg_ctl"), "-D", str(datadir), "-m", "immediate", "-w", "stop"]
            ),
            capture_output=True,
            check=False,
        )
        time.sleep(0.1)
        shutil.rmtree(tmp, ignore_errors=True)


def create_database(admin_url: str, name: str) -> str:
    """Create an empty database; returns its URL."""
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return admin_url.rsplit("/", 1)[0] + f"/{name}"


_SERVER: dict[str, object] = {}


def shared_admin_url() -> str:
    """One server per test process, started on first use and stopped at exit."""
    if "url" not in _SERVER:
        import atexit

        ctx = postgres_server()
        _SERVER["url"] = ctx.__enter__()
        atexit.register(ctx.__exit__, None, None, None)
    return str(_SERVER["url"])
