"""The cohort roster: hostile CSV files, safe folder names, seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from tpmprep.cohort.roster import RosterError, derive_seed, read_roster, slug
from tpmprep.exceptions import InputError


def roster(tmp_path: Path, text: str, name: str = "roster.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def problems(path: Path) -> str:
    with pytest.raises(RosterError) as info:
        read_roster(path)
    assert isinstance(info.value, InputError) and info.value.parameter == "roster"
    return str(info.value)


def test_a_plain_roster_gives_candidates_in_order_with_derived_seeds(tmp_path):
    path = roster(tmp_path, "id,name,email\nc1,Ada Lovelace,ada@example.com\nc2,Grace,\n")
    got = read_roster(path, salt="s")
    assert [(c.id, c.name, c.email, c.slug, c.line) for c in got] == [
        ("c1", "Ada Lovelace", "ada@example.com", "c1", 2),
        ("c2", "Grace", "", "c2", 3),
    ]
    assert got[0].seed == derive_seed("c1", "s") and not got[0].seed_from_roster


def test_seeds_depend_on_id_and_salt_and_stay_below_a_billion():
    assert derive_seed("c1", "s") == derive_seed("c1", "s")
    assert derive_seed("c1", "s") != derive_seed("c1", "t")
    assert derive_seed("c1", "s") != derive_seed("c2", "s")
    assert all(0 <= derive_seed(str(i), "x") < 10**9 for i in range(200))


def test_a_roster_seed_is_used_and_a_bad_one_names_its_line(tmp_path):
    ok = read_roster(roster(tmp_path, "ID, Name ,Seed\nc1,A,42\nc2,B,\n"))
    assert (ok[0].seed, ok[0].seed_from_roster) == (42, True)
    assert ok[1].seed_from_roster is False
    text = problems(roster(tmp_path, "id,name,seed\nc1,A,-3\nc2,B,1.5\nc3,C,abc\nc4,D,٣\n"))
    for line in ("line 2", "line 3", "line 4", "line 5"):
        assert line in text
    assert "non-negative whole number" in text


def test_excel_bom_and_crlf_are_fine(tmp_path):
    path = tmp_path / "r.csv"
    path.write_bytes("\ufeffid,name\r\nc1,Zoë\r\n".encode())
    assert [(c.id, c.name) for c in read_roster(path)] == [("c1", "Zoë")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("name\nAda\n", "lacks the column(s) id"),
        ("id,email\nc1,x\n", "lacks the column(s) name"),
        ("", "is empty"),
        ("id,name\n", "no candidates"),
        ("id,name\nc1,A\n ,B\n", "line 3: the id is empty"),
        ("id,name\nc1,A\nc2,B\nc1,C\n", "line 4: id 'c1' already used on line 2"),
        ("id,name\nc1,A,extra\n", "line 2: 3 fields"),
        ("id,name\nAda,A\nada,B\n", "differ only in letter case"),
        ("id,id,name\n1,2,A\n", "appear twice"),
        ("id,name\nc1,A\x00\n", "NUL"),
    ],
)
def test_hostile_rosters_are_rejected_naming_the_line(tmp_path, text, expected):
    assert expected in problems(roster(tmp_path, text))


def test_every_problem_is_listed_not_only_the_first(tmp_path):
    text = problems(roster(tmp_path, "id,name\n,A\nc1,B\nc1,C\n"))
    assert "line 2" in text and "line 4" in text


def test_unreadable_rosters(tmp_path):
    assert "cannot read the file" in problems(tmp_path / "missing.csv")
    assert "cannot read the file" in problems(tmp_path)  # a folder
    bad = tmp_path / "latin1.csv"
    bad.write_bytes("id,name\nc1,Zo\xeb\n".encode("latin-1"))
    assert "not UTF-8" in problems(bad)


def test_names_are_kept_verbatim_including_newlines_and_quotes(tmp_path):
    hostile = 'He said "hi" \\ back,\nthen left'
    quoted = '"' + hostile.replace('"', '""') + '"'
    got = read_roster(roster(tmp_path, f"id,name\nc1,{quoted}\nc2,  spaced  \n"))
    assert got[0].name == hostile
    assert got[1].name == "  spaced  "
    assert got[1].line == 4  # the quoted name spans lines 2-3


@pytest.mark.parametrize(
    "cid",
    ["../../etc", "a/b", "..", ".", "C:\\x", "a\\b", "CON", "nul.txt", "李雷", "😀", " x ", "-rf"],
)
def test_slugs_are_single_safe_path_components(tmp_path, cid):
    s = slug(cid)
    assert s and s not in (".", "..") and not s.startswith((".", "-"))
    assert all(ch.isascii() and (ch.isalnum() or ch in "._-") for ch in s)
    assert (tmp_path / s).resolve().parent == tmp_path.resolve()


def test_slugs_keep_plain_ids_and_never_merge_two_ids():
    assert slug("alice-01") == "alice-01"
    assert slug("a/b") != slug("a-b") != slug("a b")
    assert len({slug(x) for x in ["李雷", "王芳", "😀", "🙂"]}) == 4
