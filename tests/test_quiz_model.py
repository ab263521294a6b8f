"""Question banks: the schema's rules, the loader's messages, themes, ids, built-in banks."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from tpmprep.exceptions import BankError, InputError
from tpmprep.quizzes import banks as bank_module
from tpmprep.quizzes.banks import load_bank, load_banks, questions

# One valid question of each type; tests copy and break one field at a time.
QUESTIONS = {
    "single": {
        "id": "t-single",
        "level": "basic",
        "type": "single",
        "prompt": "Which layer is **fastest**?",
        "choices": ["L1 cache", "Main memory", "SSD"],
        "answer": 0,
        "explanation": "The L1 cache is on the core.",
    },
    "multiple": {
        "id": "t-multiple",
        "level": "intermediate",
        "type": "multiple",
        "prompt": "Which are in-memory caches?",
        "choices": ["Redis", "Memcached", "PostgreSQL", "S3"],
        "answer": [0, 1],
        "explanation": "PostgreSQL and S3 persist to disk.",
    },
    "numeric": {
        "id": "t-numeric",
        "level": "intermediate",
        "type": "numeric",
        "prompt": "How much is 3 million objects of 1.2 KB?",
        "answer": "3.6 GB",
        "tolerance": 0.05,
        "explanation": "3e6 x 1.2e3 B = 3.6e9 B.",
        "source": "Arithmetic on the numbers in the prompt",
    },
    "estimate": {
        "id": "t-estimate",
        "level": "advanced",
        "type": "estimate",
        "prompt": "Average request rate for 100 million requests a day?",
        "answer": "1.2K req/s",
        "factor": 3,
        "explanation": "1e8 / 86,400 s is about 1,160 req/s.",
        "source": "Arithmetic; a day is 86,400 s",
    },
    "ordering": {
        "id": "t-ordering",
        "level": "basic",
        "type": "ordering",
        "prompt": "Order a cache-aside read.",
        "answer": ["look up the cache", "read the database", "fill the cache", "return"],
        "explanation": "The application fills the cache on a miss.",
    },
    "text": {
        "id": "t-text",
        "level": "basic",
        "type": "text",
        "prompt": "When would you choose write-through?",
        "answer": "When reads must see the latest write and write latency can grow.",
        "rubric": ["names consistency", "names the write-latency cost", "gives an example"],
        "explanation": "Write-through trades write latency for consistency.",
    },
}


def question(kind: str, **changes) -> dict:
    """A valid question of ``kind`` with ``changes`` applied (a value of ``None`` deletes)."""
    q = copy.deepcopy(QUESTIONS[kind])
    for key, value in changes.items():
        if value is None:
            q.pop(key, None)
        else:
            q[key] = value
    return q


def write_bank(folder: Path, qs: list, theme: str | None = "caching", name: str = "bank.yaml"):
    data = {"questions": qs} if theme is None else {"theme": theme, "questions": qs}
    path = folder / name
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(BankError) as info:
        load_bank(path)
    return info.value.problems


def one_problem(tmp_path: Path, q: dict, **kwargs) -> str:
    found = problems_of(write_bank(tmp_path, [q], **kwargs))
    assert len(found) == 1, found
    return found[0]


def test_a_valid_bank_of_every_type_loads(tmp_path):
    """Does a bank with one question of each of the six types load, in file order?"""
    bank = load_bank(write_bank(tmp_path, list(QUESTIONS.values())))
    assert [q.type for q in bank.questions] == list(QUESTIONS)
    assert all(q.theme == "caching" for q in bank.questions)
    assert bank.questions[1].answer == [0, 1]
    assert str(bank.questions[2].expected.to("byte").magnitude) == "3600000000.0"


@pytest.mark.parametrize(
    ("q", "field", "words"),
    [
        (question("single", id=None), "question #1 (no id): id", "required"),
        (question("single", id="Has Spaces"), "question Has Spaces: id", "pattern"),
        (question("single", id="trailing-"), "question trailing-: id", "pattern"),
        (question("single", level="easy"), "question t-single: level", "'basic'"),
        (question("single", type="essay"), "question t-single: type", "unknown type 'essay'"),
        (question("single", type=None), "question t-single: type", "missing"),
        (question("single", tolerence=0.1), "question t-single: tolerence", "unknown field"),
        (question("single", explanation="  "), "question t-single: explanation", "at least 1"),
        (question("single", prompt=None), "question t-single: prompt", "required"),
        (question("single", choices=["only one"]), "question t-single: choices", "at least 2"),
        (question("single", choices=list("abcdefg")), "question t-single: choices", "at most 6"),
        (question("single", choices=["a", "a"], answer=0), "t-single: choices", "appears twice"),
        (question("single", answer=3), "question t-single: answer", "out of range"),
        (question("single", answer=-1), "question t-single: answer", "out of range"),
        (question("single", answer=True), "question t-single: answer", "integer"),
        (question("single", answer=[0]), "question t-single: answer", "integer"),
        (question("multiple", answer=[0, 0]), "question t-multiple: answer", "repeat"),
        (question("multiple", answer=[0, 4]), "question t-multiple: answer", "out of range"),
        (question("multiple", answer=[]), "question t-multiple: answer", "at least 1"),
        (question("numeric", answer="3.6 GQ"), "question t-numeric: answer", "unknown unit"),
        (question("numeric", answer=True), "question t-numeric: answer", "a number or text"),
        (question("numeric", source=None), "question t-numeric: source", "required"),
        (question("numeric", tolerance=1.5), "question t-numeric: tolerance", "less than 1"),
        (question("numeric", factor=3), "question t-numeric: factor", "unknown field"),
        (question("estimate", source=None), "question t-estimate: source", "required"),
        (question("estimate", factor=1), "question t-estimate: factor", "greater than 1"),
        (question("ordering", answer=["a", "b"]), "question t-ordering: answer", "at least 3"),
        (question("ordering", answer=["a", "b", "a"]), "question t-ordering: answer", "twice"),
        (question("text", rubric=["a", "b"]), "question t-text: rubric", "at least 3"),
        (question("text", rubric=list("abcdefg")), "question t-text: rubric", "at most 6"),
        (question("text", rubric=None), "question t-text: rubric", "required"),
        (question("text", choices=["a", "b"]), "question t-text: choices", "unknown field"),
    ],
)
def test_each_rule_is_one_problem_naming_file_question_and_field(tmp_path, q, field, words):
    """Is each broken rule reported as one line: file, question id (or index), field, why?"""
    problem = one_problem(tmp_path, q)
    assert problem.startswith(f"{tmp_path / 'bank.yaml'}: ")
    assert field in problem
    assert words in problem


def test_every_problem_in_a_file_is_reported_at_once(tmp_path):
    """Are all problems collected, one line each, rather than stopping at the first?"""
    qs = [
        question("single", answer=9),
        QUESTIONS["multiple"],
        question("numeric", source=None, tolerance=2),
        {"level": "basic"},
    ]
    found = problems_of(write_bank(tmp_path, qs))
    assert len(found) == 4, found
    assert any("question t-single: answer" in p for p in found)
    assert any("question t-numeric: source" in p for p in found)
    assert any("question t-numeric: tolerance" in p for p in found)
    assert any("question #4 (no id): type" in p for p in found)


def test_questions_inherit_the_file_theme(tmp_path):
    """Does a question without a theme take the file's, and may it repeat the same theme?"""
    qs = [QUESTIONS["single"], question("text", theme="caching")]
    bank = load_bank(write_bank(tmp_path, qs))
    assert [q.theme for q in bank.questions] == ["caching", "caching"]


def test_a_question_naming_another_theme_than_its_file_is_an_error(tmp_path):
    """Is an error raised when a question's theme differs from the file's theme?"""
    problem = one_problem(tmp_path, question("single", theme="scalability"))
    assert "question t-single: theme" in problem
    assert "differs from the file's theme 'caching'" in problem


def test_without_a_file_theme_each_question_names_its_own(tmp_path):
    """Without a file theme, do questions keep their own, and is a missing one an error?"""
    path = write_bank(tmp_path, [question("single", theme="api-design")], theme=None)
    assert load_bank(path).questions[0].theme == "api-design"
    problem = one_problem(tmp_path, QUESTIONS["single"], theme=None)
    assert "question t-single: theme: missing" in problem


def test_unknown_themes_are_errors(tmp_path):
    """Is an error raised for an unknown theme, at the top or on a question?"""
    problem = one_problem(tmp_path, QUESTIONS["single"], theme="cooking")
    assert ": theme: unknown theme 'cooking'" in problem
    problem = one_problem(tmp_path, question("single", theme="cooking"), theme=None)
    assert "question t-single: theme: unknown theme 'cooking'" in problem


def test_yaml_syntax_errors_name_the_file_and_line(tmp_path):
    """Does a YAML syntax error say which file and which line?"""
    path = tmp_path / "broken.yaml"
    path.write_text("theme: caching\nquestions:\n  - id: x\n    prompt: [unclosed\n", "utf-8")
    (problem,) = problems_of(path)
    assert problem.startswith(f"{path}: line ")
    assert "YAML syntax error" in problem


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("- just a list\n", "expected a mapping"),
        ("theme: caching\n", "questions: missing or empty"),
        ("theme: caching\nquestions: []\n", "questions: missing or empty"),
        ("theme: caching\nquiz: 1\nquestions: [1]\n", "quiz: unknown top-level field"),
    ],
)
def test_a_malformed_file_says_what_is_wrong(tmp_path, text, words):
    """Is an error raised, naming the file, when the top level is not a bank?"""
    path = tmp_path / "odd.yaml"
    path.write_text(text, "utf-8")
    found = problems_of(path)
    assert all(p.startswith(f"{path}: ") for p in found)
    assert any(words in p for p in found), found


def test_a_missing_file_is_a_bank_error(tmp_path):
    """Is a file that cannot be read reported as a problem naming it?"""
    (problem,) = problems_of(tmp_path / "nope.yaml")
    assert "nope.yaml: file: cannot read it" in problem


def test_duplicate_ids_in_one_file_are_an_error(tmp_path):
    """Is an error raised when two questions of one file share an id?"""
    qs = [QUESTIONS["single"], question("text", id="t-single")]
    (problem,) = problems_of(write_bank(tmp_path, qs))
    assert "question t-single: id: duplicate of question #1" in problem


def test_duplicate_ids_across_banks_are_an_error(tmp_path):
    """Is an error raised when two banks loaded together share a question id?"""
    a = write_bank(tmp_path, [QUESTIONS["single"]], name="a.yaml")
    b = write_bank(tmp_path, [question("text", id="t-single")], name="b.yaml")
    with pytest.raises(BankError) as info:
        load_banks([a, b])
    (problem,) = info.value.problems
    assert problem.startswith(f"{b}: question t-single: id: duplicate")
    assert str(a) in problem


@pytest.fixture
def builtin(tmp_path, monkeypatch):
    """Point the built-in banks at two temporary files."""
    a = write_bank(tmp_path, [QUESTIONS["single"], QUESTIONS["numeric"]], name="caching.yaml")
    b = write_bank(tmp_path, [question("text", id="t-api")], theme="api-design", name="api.yaml")
    monkeypatch.setattr(bank_module, "builtin_paths", lambda: [a, b])
    bank_module.builtin_banks.cache_clear()
    yield a
    bank_module.builtin_banks.cache_clear()


def test_questions_by_theme_file_and_list(builtin, tmp_path):
    """Does questions() take a theme slug, a file path, or a list of them (without repeats)?"""
    assert [q.id for q in questions("caching")] == ["t-single", "t-numeric"]
    assert [q.id for q in questions("api-design")] == ["t-api"]
    assert [q.id for q in questions(str(builtin))] == ["t-single", "t-numeric"]
    assert [q.id for q in questions(["caching", builtin, "api-design"])] == [
        "t-single",
        "t-numeric",
        "t-api",
    ]


def test_an_unknown_theme_or_file_names_the_parameter(builtin):
    """Is an InputError naming theme_or_bank raised for neither a theme nor a file?"""
    with pytest.raises(InputError) as info:
        questions("cachin")
    assert info.value.parameter == "theme_or_bank"
    assert "neither a theme" in str(info.value)
    with pytest.raises(InputError, match="no questions for theme 'behavioural'"):
        questions("behavioural")


def test_an_instructor_bank_clashing_with_a_builtin_id_is_an_error(builtin, tmp_path):
    """Is it an error when an instructor's question reuses a built-in id for another question?"""
    own = write_bank(tmp_path, [question("single", prompt="Other")], name="own.yaml")
    with pytest.raises(BankError, match="question t-single: id: two different questions"):
        questions(["caching", own])


def test_builtin_banks_skip_flashcards_and_mocks():
    """Are flashcards.yaml and mocks.yaml left out of the built-in question banks?"""
    names = [p.name for p in bank_module.builtin_paths()]
    assert names == sorted(names)
    assert all(n.endswith(".yaml") for n in names)
    assert not {"flashcards.yaml", "mocks.yaml"} & set(names)


def test_a_checkpoint_picks_the_named_questions_in_order():
    from tpmprep.quizzes import pick

    ids = [q.id for q in pick("caching", shuffle=False)][:3][::-1]
    assert [q.id for q in pick("caching", shuffle=False, ids=ids)] == ids


def test_an_unknown_question_id_is_named_with_a_suggestion():
    from tpmprep.exceptions import InputError
    from tpmprep.quizzes import pick

    first = pick("caching", shuffle=False)[0].id
    with pytest.raises(InputError) as err:
        pick("caching", ids=[first + "x"])
    assert err.value.parameter == "ids"
    assert first + "x" in str(err.value) and first in str(err.value)
