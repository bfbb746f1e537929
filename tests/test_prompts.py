"""The questionnaire driven in-process with prompt_toolkit pipe input: real prompts, real keys."""

from __future__ import annotations

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from pmpath.models import Answers, validate
from pmpath.prompts import QuestionnaireInterrupted, ask
from pmpath.questionnaire import build_questions, check_text, from_data, to_data

DOWN, ENTER, SPACE, BACKSPACE = "\x1b[B", "\r", " ", "\x7f"


@pytest.fixture
def keys():
    with create_pipe_input() as inp, create_app_session(input=inp, output=DummyOutput()):
        yield inp


PROFILE_KEYS = (
    "Dana Li"
    + ENTER  # name
    + "abc"
    + ENTER  # rejected by the validator, the prompt stays
    + BACKSPACE * 3
    + "5.5"
    + ENTER  # years in product
    + ENTER  # years managing: keep the default 0
    + DOWN  # past the associate degree (大专)
    + SPACE
    + DOWN
    + DOWN
    + SPACE
    + ENTER  # degrees: bachelor and MBA
    + "640"
    + ENTER  # network
    + "2"
    + ENTER  # business model: B2B SaaS, the second choice
)


def test_whole_questionnaire_by_keystrokes(keys, catalog):
    questions = build_questions(catalog)
    skills = [q for q in questions if q.table == "ratings"]
    # rating n: press the shortcut digit; the first skill instead by arrows (down, down = 3)
    keys.send_text(
        PROFILE_KEYS + DOWN + DOWN + ENTER + "".join(f"{(i % 5) + 1}{ENTER}" for i in range(1, len(skills)))
    )
    values = ask(questions)
    answers = validate(Answers, to_data(values))
    assert answers.profile.name == "Dana Li"
    assert answers.profile.years_experience == 5.5
    assert answers.profile.years_managing == 0
    assert answers.profile.degrees == ("bachelor", "mba")
    assert answers.profile.network_size == 640
    assert answers.profile.business == "b2b_saas"
    assert answers.ratings[skills[0].name] == 3
    assert [answers.ratings[q.name] for q in skills[1:]] == [(i % 5) + 1 for i in range(1, len(skills))]


def test_ctrl_c_keeps_the_answers_given_so_far(keys, catalog):
    questions = build_questions(catalog)
    keys.send_text(PROFILE_KEYS + "4" + ENTER + "\x03")
    with pytest.raises(QuestionnaireInterrupted) as exc:
        ask(questions)
    values = exc.value.values
    assert values["profile.years_experience"] == 5.5
    assert values["profile.business"] == "b2b_saas"
    assert values[questions[6].key] == 4
    assert questions[7].key not in values
    assert exc.value.exit_code == 130


def test_resume_skips_what_was_answered(keys, catalog):
    questions = build_questions(catalog)
    done = {q.key: 2 for q in questions[6:-1]}
    done |= {
        "profile.name": "",
        "profile.years_experience": 3,
        "profile.years_managing": 0,
        "profile.degrees": [],
        "profile.network_size": 10,
        "profile.business": "consumer",
    }
    keys.send_text("5" + ENTER)  # only the last skill is asked
    kept, rejected = from_data(to_data(done), questions)
    assert rejected == []
    values = ask(questions, kept)
    assert values[questions[-1].key] == 5
    assert validate(Answers, to_data(values)).ratings[questions[-1].name] == 5


def test_questions_follow_the_catalogue(catalog):
    questions = build_questions(catalog)
    skills = [q for q in questions if q.table == "ratings"]
    assert {q.name for q in skills} == set(catalog.skill_ids)
    assert skills[3].header.startswith(f"Skill 4 of {len(skills)} · ")
    assert skills[3].message == f"4/{len(skills)} {skills[3].label}"  # one line: no redraw fragment
    for q in skills:
        skill = catalog.skill(q.name)
        assert [c.value for c in q.choices] == [1, 2, 3, 4, 5]
        assert q.choices[4].title.endswith(skill.anchors.en[4])
    zh = build_questions(catalog, "zh")
    assert zh[-1].choices[0].title.endswith(catalog.skill(zh[-1].name).anchors.zh[0])


def test_the_business_model_is_optional_enter_alone_keeps_not_sure(keys, catalog):
    """Issue 38: asked after the network, from the definition the form uses; Enter alone takes
    its last choice, "other" (general KPIs), which the answers file then leaves out."""
    from pmpath.answers import answers_to_data

    questions = build_questions(catalog)
    business = next(q for q in questions if q.key == "profile.business")
    assert [q.key for q in questions].index("profile.business") == 5  # the last profile question
    assert [c.value for c in business.choices] == [
        "consumer",
        "b2b_saas",
        "platform",
        "marketplace",
        "hardware",
        "other",
    ]
    done = {q.key: 3 for q in questions if q.table == "ratings"}
    done |= {
        "profile.years_experience": 3,
        "profile.years_managing": 0,
        "profile.degrees": [],
        "profile.network_size": 10,
    }
    kept, _ = from_data(to_data(done), questions)
    keys.send_text(ENTER)  # only the business model is left to ask
    values = ask(questions, kept)
    assert values["profile.business"] == "other"
    answers = validate(Answers, to_data(values))
    assert "business" not in answers_to_data(answers, catalog)["profile"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_form_and_the_terminal_ask_the_business_model_from_one_definition(catalog, lang):
    from pmpath.render.form import page

    business = next(q for q in build_questions(catalog, lang) if q.key == "profile.business")
    html = page(catalog, lang)
    assert business.label and business.header in html
    for choice in business.choices:
        assert f'value="{choice.value}"' in html and choice.title in html


@pytest.mark.parametrize(
    ("raw", "ok"),
    [("6", True), ("2.5", True), (" 0 ", True), ("-1", False), ("abc", False), ("nan", False), ("71", False)],
)
def test_number_validation(catalog, raw, ok):
    years = next(q for q in build_questions(catalog) if q.key == "profile.years_experience")
    assert (check_text(years, raw) is None) is ok


class _Stream:
    """A stream whose isatty answers, or fails as a closed or odd stream's does."""

    def __init__(self, tty: bool | None) -> None:
        self.tty = tty

    def isatty(self) -> bool:
        if self.tty is None:
            raise ValueError("I/O operation on closed file")
        return self.tty

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass

    def fileno(self) -> int:
        return 2


def test_only_a_terminal_is_asked_whatever_the_streams_are(monkeypatch):
    """No stdin, a closed one, a pipe: never interactive; prompts draw on stderr when stdout is
    redirected and stderr is a terminal; a stream that cannot say falls back to stderr."""
    from pmpath import prompts

    monkeypatch.setattr(prompts.sys, "stdin", None)
    assert prompts.stdin_is_interactive() is False
    monkeypatch.setattr(prompts.sys, "stdin", _Stream(None))
    assert prompts.stdin_is_interactive() is False
    monkeypatch.setattr(prompts.sys, "stdout", _Stream(None))
    assert prompts.prompt_output() is None
    assert prompts._stream() is prompts.sys.stderr
    monkeypatch.setattr(prompts.sys, "stdout", _Stream(False))
    monkeypatch.setattr(prompts.sys, "stderr", _Stream(True))
    created = []
    import prompt_toolkit.output

    monkeypatch.setattr(
        prompt_toolkit.output, "create_output", lambda stdout: created.append(stdout) or "out"
    )
    assert prompts.prompt_output() == "out" and created == [prompts.sys.stderr]
    assert prompts._stream() is prompts.sys.stderr


def test_a_run_saved_before_the_business_question_resumes_with_it(keys, catalog):
    """A slot an earlier pmpath kept (five profile answers, some skills): resumed, the business
    model is asked in its place, then the skills still open; nothing answered is asked again."""
    questions = build_questions(catalog)
    skills = [q for q in questions if q.table == "ratings"]
    saved = {
        "profile": {
            "name": "Pat",
            "years_experience": 7,
            "years_managing": 0,
            "degrees": [],
            "network_size": 450,
        },
        "ratings": {q.name: 4 for q in skills[:3]},
    }
    kept, rejected = from_data(saved, questions)
    assert rejected == [] and "profile.business" not in kept
    keys.send_text("1" + ENTER + "".join("2" + ENTER for _ in skills[3:]))  # consumer, then the rest
    values = ask(questions, kept)
    answers = validate(Answers, to_data(values))
    assert answers.profile.business == "consumer" and answers.profile.name == "Pat"
    assert [answers.ratings[q.name] for q in skills] == [4, 4, 4] + [2] * (len(skills) - 3)
