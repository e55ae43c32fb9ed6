"""``tradelane sweep`` from the command line: a run in this process, and bad input as one
sentence with exit status 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from tradelane.cli import main
from tradelane.sweep import read_manifest, read_results

from .conftest import CASE_FILE, GRID, RUNS, WEEKS, same_bits


def _sweep(tmp_path: Path, grid: str, *extra: str) -> int:
    file = tmp_path / "grid.toml"
    file.write_text(grid)
    return main(["sweep", str(CASE_FILE), "--grid", str(file), "--runs", str(RUNS),
                 "--weeks", str(WEEKS), "--seed", "7", "--out", str(tmp_path / "out"), *extra])


def test_in_this_process(tmp_path: Path, serial: object,
                         capsys: pytest.CaptureFixture[str]) -> None:
    assert _sweep(tmp_path, GRID, "--workers", "0") == 0
    assert "8 cells run (0 already in" in capsys.readouterr().err
    assert same_bits(read_results(tmp_path / "out"), serial)
    manifest = read_manifest(tmp_path / "out")
    assert manifest["cells"] == 8 and manifest["runs"] == RUNS and manifest["seed"] == 7
    assert _sweep(tmp_path, GRID, "--workers", "0") == 0
    assert "0 cells run (8 already in" in capsys.readouterr().err


@pytest.mark.parametrize(("grid", "extra", "words"), [
    ('[axes]\n"fleet.ships" = []\n', (), 'error: axes."fleet.ships" = []: has no values.'),
    ('[axes]\n"fleet.shipz" = [12]\n', (),
     'error: axes."fleet.shipz" = 12: is not a key of the case file (fleet has:'),
    (GRID, ("--scheduler", "tcp://127.0.0.1:9"),
     "error: --scheduler = 'tcp://127.0.0.1:9': no Dask scheduler answered there"),
    (GRID, ("--scheduler", "8786"), "error: --scheduler = '8786': is not a Dask scheduler "
                                    "address such as tcp://127.0.0.1:8786."),
    (GRID, ("--workers", "-1"), "error: --workers = -1: must be 1 or more"),
    (GRID, ("--scenario", "nowhere.toml"), "error: --scenario = 'nowhere.toml': is not a "
                                          "scenario file."),
])
def test_bad_input_is_one_sentence_and_exit_2(tmp_path: Path, grid: str, extra: tuple[str],
                                             words: str,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert _sweep(tmp_path, grid, *extra) == 2
    err = capsys.readouterr().err
    assert err.startswith(words) and err.count("\n") == 1 and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_a_cell_that_cannot_be_sailed_names_its_values(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    grid = '[axes]\n"routing.options" = [["cape"]]\nrouting = ["suez"]\n'
    assert _sweep(tmp_path, grid, "--workers", "0") == 2
    err = capsys.readouterr().err.lstrip("\n")  # the progress bar's line, cut short
    assert err == ("error: routing = 'suez': is not one of the case's routing options "
                   '(cell 0: routing.options = ["cape"], routing = suez).\n')
