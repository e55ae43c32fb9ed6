from __future__ import annotations

import csv
import json
import threading
import time

from tradelane.cli import main

TEXT = "3\n2\n0 0 5\n0 0\n10 20\n10 99999\n4 6\n100 100\n100 100 100 1 1 2\n"


def test_solve_json_and_plot(tmp_path, capsys):
    f = tmp_path / "tiny.txt"
    f.write_text(TEXT.replace("\n", "\r\n"), encoding="utf-8")
    svg = tmp_path / "plan.svg"
    assert main(["berth", "solve", str(f), "--time-limit-s", "10", "--json",
                 "--plot", str(svg)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["status"] == "optimal" and out["objective"] == 42 and out["bound"] == 42
    assert {a["ship"] for a in out["assignments"]} == {0, 1, 2}
    assert svg.read_text().startswith("<svg")


def test_solve_table(tmp_path, capsys):
    f = tmp_path / "tiny.txt"
    f.write_text(TEXT, encoding="utf-8")
    assert main(["berth", "solve", str(f), "--time-limit-s", "5", "--solver",
                 "cpsat-baseline"]) == 0
    assert "objective=42" in capsys.readouterr().out


def test_bad_file_exits_2(tmp_path, capsys):
    f = tmp_path / "bad.txt"
    f.write_text("3\n2\n0 zero 5\n", encoding="utf-8")
    assert main(["berth", "solve", str(f)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: bad.txt: line 3") and err.count("\n") == 1


def test_unknown_solver_exits_2(tmp_path, capsys):
    f = tmp_path / "tiny.txt"
    f.write_text(TEXT, encoding="utf-8")
    assert main(["berth", "solve", str(f), "--solver", "magic"]) == 2


def test_bench_writes_rows(tmp_path):
    (tmp_path / "set").mkdir()
    (tmp_path / "set" / "t1.txt").write_text(TEXT, encoding="utf-8")
    out = tmp_path / "b.csv"
    assert main(["bench", "berth", "--set", str(tmp_path / "set"), "--time-limit-s", "5",
                 "--out", str(out), "--solver", "exact", "--solver", "cpsat-baseline"]) == 0
    rows = list(csv.DictReader(out.open()))
    assert [r["solver"] for r in rows] == ["exact", "cpsat-baseline"]
    assert all(r["status"] == "optimal" and float(r["objective"]) == 42 for r in rows)
    assert rows[0]["reference_value"] == ""
    assert all(float(r["wall_s"]) >= float(r["runtime_s"]) and float(r["settle_s"]) >= 0
               for r in rows)


def test_bad_parameter_is_named_by_its_flag(tmp_path, capsys):
    f = tmp_path / "tiny.txt"
    f.write_text(TEXT, encoding="utf-8")
    assert main(["berth", "solve", str(f), "--time-limit-s", "0"]) == 2
    assert capsys.readouterr().err == (
        "error: --time-limit-s = 0.0: must be a positive number of seconds.\n")


def test_bench_charges_lingering_time_to_the_run_that_left_it(tmp_path, monkeypatch):
    """A solve that leaves a thread running: its wait lands in that row's settle_s and wall_s."""
    import tradelane_bench.berth as bench_berth
    from tradelane.solvers.highs import RUNTIME

    real_solve = bench_berth.solve

    def leaves_a_thread(inst, params):
        result = real_solve(inst, params)
        RUNTIME.start_lingering(threading.Thread(target=time.sleep, args=(0.4,), daemon=True))
        return result

    monkeypatch.setattr(bench_berth, "solve", leaves_a_thread)
    (tmp_path / "set").mkdir()
    (tmp_path / "set" / "t1.txt").write_text(TEXT, encoding="utf-8")
    out = tmp_path / "b.csv"
    assert main(["bench", "berth", "--set", str(tmp_path / "set"), "--time-limit-s", "5",
                 "--out", str(out), "--seeds", "2"]) == 0
    rows = list(csv.DictReader(out.open()))
    assert len(rows) == 2
    for r in rows:
        assert 0.35 <= float(r["settle_s"]) < 3.0
        assert float(r["wall_s"]) >= float(r["runtime_s"]) + float(r["settle_s"]) - 1e-3
