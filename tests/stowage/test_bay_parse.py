"""The single-bay instance format: tags with trailing spaces, optional blocks, bad lines."""

from __future__ import annotations

import pytest

from tradelane.domain.bay import BayPlacement, BaySlot
from tradelane.errors import InputError
from tradelane.io.bay_instance import format_bay_instance, parse_bay_instance
from tradelane.stowage.bay_generator import realistic_bay, small_bay

# 2 stacks × 3 tiers; two 40s and a reefer 20 to load; a 40 aboard in stack 1, tier 1.
# Tags carry trailing spaces, as public files do; a reference solution and #INFO follow.
TEXT = """2 3 1 2 6 1 3
#POD
3 5
#LOCATIONS
7
#CONTAINERS_TOLOAD
0 0 0 12000.00 2.59 40 5 0 7 0
0 0 0 9000.50 2.90 40 3 0 7 2
0 0 0 15000.00 2.59 20 3 1 7 0
#CONTAINERS_LOADED
1 1 0 20000.00 2.59 40 5 0 7 0
#STACKS
90000.000000 7.770000 7
90000.000000 8.000000 7
#CELLS
1 0 0 1 1 1 7
1 0 0 1 1 1 7
1 0 0 0 0 1 7
2 0 1 1 1 1 7
2 0 0 1 1 1 7
2 0 0 0 0 0 0
#SOLUTION-AFT
 0 0
 1 0
 4 3
#SOLUTION-FWD
 0 0
 1 0
 4 0
#INFO
cap20: 0  cap40: 2  reefer: 1
"""
# every tag (not #INFO) with trailing spaces, as public files have them
TEXT = "\n".join(line + "  " if line.startswith("#") and line != "#INFO" else line
                 for line in TEXT.split("\n"))


def test_reads_every_block() -> None:
    inst = parse_bay_instance(TEXT, "tiny.txt")
    assert inst.name == "tiny.txt"
    assert inst.pods == (3, 5)
    assert inst.locations == (7,)
    assert [b.length_ft for b in inst.to_load] == [40, 40, 20]
    assert inst.to_load[1].weight_kg == 9000.5
    assert inst.to_load[1].height_m == 2.9
    assert inst.to_load[1].imo_category == 2
    assert inst.to_load[2].reefer and not inst.to_load[0].reefer
    assert inst.loaded[0].position == BaySlot(1, 1, 0)
    assert inst.stacks[0].max_height_m == 7.77
    assert inst.tiers == 3
    assert inst.cells[1][0].aft_reefer and not inst.cells[1][0].fore_reefer
    assert not inst.cells[1][2].usable
    assert inst.cells[0][2].feasible40 and not inst.cells[0][2].aft_feasible
    # container 1 (a 40) at stack 1 tier 2 in both matrices; container 3 (the 20) aft only
    assert inst.reference == (BayPlacement(0, 1, 2, 0), BayPlacement(2, 2, 1, 1))


def test_reference_and_info_blocks_are_optional() -> None:
    bare = TEXT.split("#SOLUTION-AFT")[0]
    inst = parse_bay_instance(bare)
    assert inst.reference is None
    assert len(inst.to_load) == 3


def test_write_then_read_gives_the_same_instance() -> None:
    for inst in (parse_bay_instance(TEXT, "tiny.txt"), small_bay(3), realistic_bay(5)):
        assert parse_bay_instance(format_bay_instance(inst), inst.name) == inst


@pytest.mark.parametrize(("old", "new", "words"), [
    ("0 0 0 9000.50 2.90 40", "0 0 0 heavy 2.90 40", "line 8 (#CONTAINERS_TOLOAD weight_kg)"),
    ("0 0 0 9000.50 2.90 40", "0 0 0 -9000 2.90 40", "must be greater than zero"),
    ("0 0 0 15000.00 2.59 20 3 1", "0 0 0 15000.00 2.59 45 3 1", "must be 20 or 40"),
    ("0 0 0 15000.00 2.59 20 3 1", "0 0 0 15000.00 2.59 20 3 2", "reefer) = '2'"),
    ("1 1 0 20000.00", "1 1 1 20000.00", "#CONTAINERS_LOADED slot"),
    ("1 1 0 20000.00", "3 1 0 20000.00", "#CONTAINERS_LOADED stack) = 3"),
    ("2 3 1 2 6 1 3", "2 3 1 2 7 1 3", "header cells"),
    ("2 3 1 2 6 1 3", "2 4 1 2 6 1 3", "expected 4 container lines"),
    ("2 0 1 1 1 1 7\n2 0 0 1 1 1 7", "2 0 1 1 1 1 7\n1 0 0 1 1 1 7", "expected stack 2"),
    ("90000.000000 8.000000 7", "90000.000000 8.000000", "expected 3 values"),
    ("#STACKS  \n", "#STACKZ  \n", "'#STACKS': is missing"),
    (" 4 3\n#SOLUTION-FWD", " 4 9\n#SOLUTION-FWD", "there are only 4 containers"),
    (" 1 0\n 4 0\n#INFO", " 1 0\n 4 3\n#INFO", "reference solution container"),
])
def test_bad_input_is_one_sentence_naming_line_and_field(old: str, new: str,
                                                         words: str) -> None:
    assert old in TEXT
    with pytest.raises(InputError) as err:
        parse_bay_instance(TEXT.replace(old, new, 1), "bad.txt")
    message = str(err.value)
    assert message.startswith("bad.txt")
    assert words in message
    assert message.count("\n") == 0 and message.endswith(".")


def test_overlapping_loaded_containers_are_refused() -> None:
    text = TEXT.replace("2 3 1 2 6 1 3", "2 3 2 2 6 1 3").replace(
        "1 1 0 20000.00 2.59 40 5 0 7 0\n",
        "1 1 0 20000.00 2.59 40 5 0 7 0\n1 1 1 8000.00 2.59 20 5 0 7 0\n")
    with pytest.raises(InputError, match="overlaps loaded container 1"):
        parse_bay_instance(text, "bad.txt")


def test_empty_file() -> None:
    with pytest.raises(InputError, match="empty"):
        parse_bay_instance("  \n\n", "empty.txt")
