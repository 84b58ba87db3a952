"""``cartel-atlas ingest``, ``quarantine list|retry`` and ``watch`` from the command line."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cartel_atlas.serve.cli.app import app

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "src" / "cartel_atlas" / "samples" / "reports"
CLI = Path(sys.executable).parent / "cartel-atlas"
REPORTS = ["lagos-de-moreno-2023-en", "culiacan-chapitos-mayiza-2024-es", "marro-detencion-2020-es"]

runner = CliRunner()


def _reports(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in REPORTS:
        shutil.copy(SAMPLES / f"{name}.txt", folder / f"{name}.txt")
        shutil.copy(SAMPLES / f"{name}.meta.json", folder / f"{name}.meta.json")
    return folder


def _json(args: list[str]) -> dict:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output + repr(result.exception)
    return json.loads(result.stdout)


def test_ingest_json_summary_counts_new_then_duplicate_documents(
    tmp_path: Path, sqlite_url: str
) -> None:
    folder = _reports(tmp_path / "in")
    first = _json(["ingest", str(folder), "--database", sqlite_url])
    assert first["status"] == "finished"
    assert first["documents"]["new"] == len(REPORTS)
    assert first["facts"]["total"] > 0
    assert first["quarantined"]["total"] == 0
    second = _json(["ingest", str(folder), "--database", sqlite_url])
    assert second["documents"] == {
        "new": 0,
        "duplicate": len(REPORTS),
        "near_duplicate": 0,
        "relinked": 0,
    }
    assert second["facts"]["total"] == 0


def test_ingest_prints_a_summary_table_by_default(tmp_path: Path, sqlite_url: str) -> None:
    folder = _reports(tmp_path / "in")
    (folder / "empty.txt").write_text("\n")
    result = runner.invoke(app, ["ingest", str(folder), "--database", sqlite_url])
    assert result.exit_code == 0, result.output
    assert "documents new" in result.stdout
    assert "Quarantined by reason" in result.stdout
    assert "empty" in result.stdout
    assert "Facts added by kind" in result.stdout


def test_quarantine_list_shows_bad_inputs_and_retry_resolves_a_fixed_file(
    tmp_path: Path, sqlite_url: str
) -> None:
    folder = _reports(tmp_path / "in")
    (folder / "empty.txt").write_text("   \n")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02 not text \x00" * 10)
    (folder / "long.txt").write_text("Demasiado largo para esta prueba. " * 1000)
    summary = _json(["ingest", str(folder), "--database", sqlite_url, "--max-bytes", "20000"])
    assert summary["quarantined"]["by_reason"] == {"binary": 1, "empty": 1, "oversized": 1}
    assert summary["documents"]["new"] == len(REPORTS)

    table = runner.invoke(app, ["quarantine", "list", "--database", sqlite_url])
    assert table.exit_code == 0, table.output
    for word in ("empty.txt", "binary.txt", "long.txt", "empty", "binary", "oversized"):
        assert word in table.stdout.replace("\n", ""), word
    rows = _json(["quarantine", "list", "--database", sqlite_url])
    by_file = {Path(r["uri"]).name: r for r in rows}
    assert set(by_file) == {"empty.txt", "binary.txt", "long.txt"}

    (folder / "empty.txt").write_text(
        (SAMPLES / "cotija-mayor-killed-2024-en.txt").read_text(encoding="utf-8")
    )
    fixed = by_file["empty.txt"]["id"]
    retried = _json(["quarantine", "retry", str(fixed), "--database", sqlite_url])
    assert retried["resolved"] == [fixed]
    assert retried["summary"]["documents"]["new"] == 1
    still = _json(["quarantine", "retry", "--database", sqlite_url, "--max-bytes", "20000"])
    assert sorted(still["still_failing"]) == sorted(
        [by_file["binary.txt"]["id"], by_file["long.txt"]["id"]]
    )
    open_rows = _json(["quarantine", "list", "--database", sqlite_url])
    assert {Path(r["uri"]).name for r in open_rows} == {"binary.txt", "long.txt"}
    all_rows = _json(["quarantine", "list", "--all", "--database", sqlite_url])
    resolved = [r for r in all_rows if r["resolved_at"]]
    assert [r["id"] for r in resolved] == [fixed]


def test_ingest_reads_standard_input(tmp_path: Path, sqlite_url: str) -> None:
    text = (SAMPLES / "lagos-de-moreno-2023-en.txt").read_text(encoding="utf-8")
    result = runner.invoke(app, ["ingest", "-", "--database", sqlite_url, "--json"], input=text)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["documents"]["new"] == 1


def test_ingest_of_a_missing_path_fails_with_one_line_naming_it(
    tmp_path: Path, sqlite_url: str
) -> None:
    missing = tmp_path / "no-such-folder"
    proc = subprocess.run(
        [str(CLI), "ingest", str(missing), "--database", sqlite_url],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert str(missing) in proc.stderr
    assert "Traceback" not in proc.stderr


def test_watch_once_reads_a_saved_feed_file(tmp_path: Path, sqlite_url: str) -> None:
    feed = tmp_path / "desk.rss"
    feed.write_text(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        "<title>Mesa local</title><language>es</language>"
        "<item><title>Balacera en Zamora</title><guid>zamora-1</guid>"
        "<description>Hombres armados atacaron una patrulla en Zamora, Michoacán, la noche "
        "del domingo; dos policías resultaron heridos.</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    first = _json(["watch", str(feed), "--once", "--database", sqlite_url])
    assert first["feeds"][0]["new_items"] == 1
    assert first["documents"]["new"] == 1
    second = _json(["watch", str(feed), "--once", "--database", sqlite_url])
    assert second["feeds"][0]["status"] == "not_modified"


@pytest.mark.parametrize("every", ["soon", "0m", "-5s"])
def test_watch_rejects_a_bad_interval(every: str, sqlite_url: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["watch", str(tmp_path), "--every", every, "--once"])
    assert result.exit_code != 0


def test_ingest_of_a_url_needs_allow_private_for_a_loopback_server(
    tmp_path: Path, sqlite_url: str
) -> None:
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    site = tmp_path / "site"
    site.mkdir()
    text = (SAMPLES / "lagos-de-moreno-2023-en.txt").read_text(encoding="utf-8")
    title, _, body = text.partition("\n")
    paras = "".join(f"<p>{p}</p>" for p in body.split("\n") if p.strip())
    (site / "story.html").write_text(
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
        f"</head><body><article><h1>{title}</h1>{paras}</article></body></html>",
        encoding="utf-8",
    )

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/story.html"
    try:
        refused = _json(["ingest", url, "--database", sqlite_url])
        assert refused["quarantined"]["by_reason"] == {"blocked_address": 1}
        fetched = _json(["ingest", url, "--database", sqlite_url, "--allow-private"])
        assert fetched["documents"]["new"] == 1
        retried = _json(["quarantine", "retry", "--database", sqlite_url, "--allow-private"])
        assert len(retried["resolved"]) == 1
    finally:
        httpd.shutdown()
        httpd.server_close()
