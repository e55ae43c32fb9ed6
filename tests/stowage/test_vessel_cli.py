"""``tradelane stow check`` end to end: exit 0, 1 and 2, text and JSON."""

from __future__ import annotations

import json

from vessel_small_ship import at, box, small_ship

from tradelane.cli import main
from tradelane.io.placement_csv import format_placements_csv, parse_placements_csv
from tradelane.io.vessel_profile import write_profile

GOOD = [at(box("A"), "0020002"), at(box("B"), "0060002"),
        at(box("G", t=12.0), "0020004"), at(box("H", t=12.0), "0060004")]


def _files(tmp_path, placements):
    ship, plan = tmp_path / "small.json", tmp_path / "plan.csv"
    write_profile(small_ship(), ship)
    plan.write_text(format_placements_csv(placements), encoding="utf-8")
    return str(ship), str(plan)


def test_sound_plan_exits_0_with_figures(tmp_path, capsys):
    ship, plan = _files(tmp_path, GOOD)
    assert main(["stow", "check", ship, plan, "--json", "--next-port-depth-m", "5"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["broken_rules"] == []
    for key in ("gm_m", "heel_deg", "trim_m", "draft_m", "max_bending_pct", "max_shear_pct"):
        assert isinstance(out[key], float)


def test_broken_rules_exit_1_with_positions(tmp_path, capsys):
    ship, plan = _files(tmp_path, [*GOOD, at(box("UP"), "0020084")])
    assert main(["stow", "check", ship, plan, "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert {"rule": "support", "position": "0020084"} in [
        {k: b[k] for k in ("rule", "position")} for b in out["broken_rules"]]
    assert main(["stow", "check", ship, plan]) == 1
    assert "support" in capsys.readouterr().out


def test_draft_flag(tmp_path, capsys):
    ship, plan = _files(tmp_path, GOOD)
    assert main(["stow", "check", ship, plan, "--next-port-depth-m", "1.5", "--port",
                 "CNTAO"]) == 1
    assert "draft" in capsys.readouterr().out


def test_unreadable_input_exits_2(tmp_path, capsys):
    ship, plan = _files(tmp_path, GOOD)
    bad = tmp_path / "bad.csv"
    bad.write_text("number,iso_type,vgm_t,pol,pod,position\nX1,42G1,-3,CNTAO,USSAV,0020002\n",
                   encoding="utf-8")
    assert main(["stow", "check", ship, str(bad)]) == 2
    err = capsys.readouterr().err
    assert "line 2" in err and "vgm_t" in err
    assert main(["stow", "check", "NOSUCH", plan]) == 2
    assert main(["stow", "check", ship, str(tmp_path / "missing.csv")]) == 2
    assert main(["stow", "check", ship, plan, "--ballast", "X"]) == 2


def test_shipped_a13_by_name(tmp_path, capsys):
    plan = tmp_path / "a13.csv"
    plan.write_text(format_placements_csv([at(box("A"), "0460002")]), encoding="utf-8")
    assert main(["stow", "check", "A13", str(plan), "--json"]) in (0, 1)
    out = json.loads(capsys.readouterr().out)
    assert out["gm_m"] > 5 and out["draft_m"] is not None


def test_placements_csv_round_trip_with_dg_and_reefers():
    from tradelane.domain.stowage import DangerousCargo

    placed = [at(box("R", "45R1", 20.0, reefer=True), "0020082"),
              at(box("D", "22G1", 12.0, dg=(DangerousCargo("3480", "9"),)), "0010002")]
    again = parse_placements_csv(format_placements_csv(placed))
    assert again == placed


def test_baplie_plan_with_dg_next_to_each_other_is_checked(tmp_path, capsys):
    """A BAPLIE written by our writer, read by ``stow check``: the DG rules of the real table
    run on the profile (class 3 paint beside class 5.1 in the same hold: not segregated)."""
    from tradelane.domain.stowage import DangerousCargo
    from tradelane.io.baplie import format_baplie

    paint = box("P", t=12.0, dg=(DangerousCargo("1263", "3"),))
    oxidiser = box("O", t=12.0, dg=(DangerousCargo("1479", "5.1"),))
    ship, _ = _files(tmp_path, GOOD)
    plan = tmp_path / "plan.edi"
    placements = [at(box("A"), "0020002"), at(paint, "0060002"),
                  at(box("G", t=12.0), "0020004"), at(oxidiser, "0060004")]
    plan.write_text(format_baplie(placements, vessel="SMALL", voyage="001E", port="CNTAO"),
                    encoding="utf-8")
    assert main(["stow", "check", ship, str(plan), "--json", "--next-port-depth-m", "5"]) == 1
    rules = {(b["rule"], b["position"]) for b in json.loads(capsys.readouterr().out)
             ["broken_rules"]}
    assert ("dg_segregation", "0060004") in rules or ("dg_segregation", "0060002") in rules, rules
    clean = tmp_path / "clean.edi"
    clean.write_text(format_baplie(GOOD, vessel="SMALL", voyage="001E", port="CNTAO"),
                     encoding="utf-8")
    assert main(["stow", "check", ship, str(clean), "--next-port-depth-m", "5"]) == 0
