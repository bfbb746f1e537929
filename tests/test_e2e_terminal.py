"""End to end in a real pseudo-terminal: the installed `pmpath` command, driven by keystrokes."""

from __future__ import annotations

import datetime
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pmpath.catalog import load_catalog

from conftest import ROOT

pexpect = pytest.importorskip("pexpect")

pytestmark = pytest.mark.slow

ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]")
DOWN, ENTER = "\x1b[B", "\r"


def pmpath_command() -> str:
    beside = Path(sys.executable).parent / "pmpath"
    found = str(beside) if beside.exists() else shutil.which("pmpath")
    if not found:
        pytest.fail("the pmpath console script is not installed in this environment")
    return found


def spawn(tmp_path: Path, *args: str):
    env = {
        k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE", "COLUMNS", "LINES")
    }
    env.update(
        TERM="xterm-256color",
        PROMPT_TOOLKIT_NO_CPR="1",
        NO_COLOR="1",
        HOME=str(tmp_path),
        XDG_DATA_HOME=str(tmp_path / "data"),
        PAGER="cat",
    )
    return pexpect.spawn(
        pmpath_command(),
        list(args),
        env=env,
        dimensions=(50, 120),
        encoding="utf-8",
        timeout=20,
        cwd=str(tmp_path),
    )


def decline_resume(child) -> None:
    """An interrupted questionnaire is offered first (issue 41): no starts a new one."""
    child.expect("Continue where you stopped")
    child.send("n")


def answer_profile(child, managing: str = "", business: str = "") -> None:
    """The six profile questions; the business model (optional) kept at "not sure" by Enter
    alone, or picked by its number."""
    child.expect("name")
    child.send("Pat Example" + ENTER)
    child.expect("product roles")
    child.send("7" + ENTER)
    child.expect("managing people")
    child.send(managing + ENTER)  # Enter alone: the default 0
    child.expect("Degrees")
    child.send(DOWN + " " + ENTER)  # bachelor: the second choice, after the associate degree
    child.expect("connections")
    child.send("450" + ENTER)
    child.expect("Business model")
    child.send(business + ENTER)


def answer_skills(child, start: int = 1, stop: int = 14, total: int = 14, rating: str = "4") -> None:
    for n in range(start, stop + 1):
        child.expect(f"Skill {n} of {total}")
        child.send(rating + ENTER)


def confirm_review(child) -> None:
    """After the last question every answer is listed once more; the first choice goes on."""
    child.expect("All correct")
    child.send(ENTER)


def decline_saves(child) -> str:
    """Answer no to saving the answers and exporting the plan, skip the evidence offer (where
    ratings meet the next level's bar) with Enter, then wait for the end."""
    child.expect("Save your answers")
    child.send("n")
    child.expect("Export your plan")
    child.send("n")
    return skip_evidence(child)


def save(child, plan: str | None = "") -> None:
    """Save the answers under the default name; export the plan under `plan` (Enter: the
    default name), or not at all when `plan` is None."""
    child.expect("Save your answers")
    child.send("y")
    child.expect("Answers file")
    child.send(ENTER)
    child.expect("Export your plan")
    if plan is None:
        child.send("n")
        return
    child.send("y")
    child.expect("Plan file")
    child.send(plan + ENTER)


def skip_evidence(child) -> str:
    if child.expect([EVIDENCE_OFFER, pexpect.EOF]) == 0:
        child.send(ENTER)  # the default is no: one keypress skips it all
    return finish(child)


EVIDENCE_OFFER = "for your evidence log"
SKILL_ASKED = r"([A-Z][A-Za-z ,&-]+) \(\d\): one thing you did"


def resume_files(tmp_path: Path) -> list[Path]:
    """Interrupted questionnaires are kept side by side, one file each."""
    return sorted((tmp_path / "data" / "pmpath" / "resume").glob("*.toml"))


def finish(child) -> str:
    child.expect(pexpect.EOF)
    child.close()
    return ANSI.sub("", child.before or "")


def test_full_questionnaire_in_a_terminal(tmp_path):
    child = spawn(tmp_path, "assess")
    answer_profile(child)
    answer_skills(child)
    confirm_review(child)
    child.expect("Principal Product Manager")  # 7 years, all 4s, no managing years
    child.expect("Roadmap to Chief Product Officer")
    save(child)
    skip_evidence(child)
    assert child.exitstatus == 0
    saved = (tmp_path / "pmpath-answers.toml").read_text()
    assert 'name = "Pat Example"' in saved and "strategy = 4" in saved
    assert (tmp_path / "pmpath-plan.md").read_text().startswith("# Career plan: Pat Example")
    assert resume_files(tmp_path) == []


def test_the_questionnaire_asks_the_business_model_and_the_kpis_follow_it(tmp_path, catalog):
    """Issue 38: the terminal asked no business model, so every report had the general KPIs.
    Pick "B2B SaaS" (the second choice): the review lists it, the report on the screen, the
    exported page and the saved answers' Markdown report all have the SaaS KPIs and say so."""
    child = spawn(tmp_path, "assess", "--no-history")
    answer_profile(child, business="2")
    child.expect("Business model: B2B SaaS")  # the echo line
    answer_skills(child)
    child.expect("All correct")
    child.expect("Business model: B2B SaaS")  # in the review list
    child.send(ENTER)
    child.expect("Chosen for a B2B SaaS product")
    save(child, "plan.html")
    finish(child)
    assert child.exitstatus == 0
    assert 'business = "b2b_saas"' in (tmp_path / "pmpath-answers.toml").read_text()
    saas = catalog.level("director").kpis_for["b2b_saas"].en[0]
    assert saas not in catalog.level("director").kpis.en  # the general list differs
    page = (tmp_path / "plan.html").read_text()
    assert "Chosen for a B2B SaaS product" in page and saas in page
    made = _pmpath(
        tmp_path, "assess", "-a", str(tmp_path / "pmpath-answers.toml"), "-f", "md", "--no-history"
    )
    assert made.returncode == 0, made.stderr
    assert "Chosen for a B2B SaaS product" in made.stdout and saas in made.stdout


def test_enter_alone_leaves_the_business_model_out_and_the_kpis_general(tmp_path):
    """Optional: Enter alone keeps "Other, or not sure"; the answers file leaves it out, as a file
    written before the question existed, and the report says its KPIs fit any business."""
    child = spawn(tmp_path, "assess", "--no-history")
    answer_profile(child)
    child.expect("Business model: Other, or not sure")
    answer_skills(child)
    confirm_review(child)
    child.expect("For any business model")
    save(child, None)
    finish(child)
    assert child.exitstatus == 0
    assert "business =" not in (tmp_path / "pmpath-answers.toml").read_text()


def test_ctrl_c_saves_then_resume_finishes(tmp_path):
    child = spawn(tmp_path, "assess")
    answer_profile(child)
    answer_skills(child, 1, 5)
    child.expect("Skill 6 of 14")
    child.send("\x03")
    out = finish(child)
    assert child.exitstatus == 130
    assert "11 of 20 answers saved to" in " ".join(out.split())
    assert "pmpath assess --resume" in out
    (resume,) = resume_files(tmp_path)
    assert "years_experience = 7" in resume.read_text()

    child = spawn(tmp_path, "assess", "--resume")
    child.expect("11 of 20 questions already answered")
    answer_skills(child, 6, 14)
    confirm_review(child)
    child.expect("Principal Product Manager")
    decline_saves(child)
    assert child.exitstatus == 0
    assert resume_files(tmp_path) == []


def test_the_resume_chooser_counts_as_the_next_screen_does(tmp_path):
    """Two interrupted runs: the chooser says how many of all the questions each has answered
    (an unnamed one counting its empty name, as the resumed run does), and the count it shows
    is the one the resumed run starts from."""
    child = spawn(tmp_path, "assess")
    child.expect("name")
    child.send(ENTER)  # no name
    child.expect("product roles")
    child.send("3" + ENTER)
    child.expect("managing people")
    child.send("\x03")
    finish(child)
    child = spawn(tmp_path, "assess")
    decline_resume(child)
    answer_profile(child)
    child.expect("Skill 1 of 14")
    child.send("\x03")
    finish(child)
    child = spawn(tmp_path, "assess", "--resume")
    child.expect("Which interrupted questionnaire")
    child.expect(r"\(no name\) · (\d+) of (\d+) answered")
    assert child.match.group(1, 2) == ("2", "20")
    child.expect(r"Pat Example · 6 of 20 answered")
    child.send(ENTER)  # the first: the unnamed one
    child.expect("2 of 20 questions already answered")
    child.send("\x03")
    finish(child)


def test_ctrl_c_at_the_first_prompt(tmp_path):
    child = spawn(tmp_path, "assess")
    child.expect("name")
    child.send("\x03")
    out = finish(child)
    assert child.exitstatus == 130
    assert "nothing to save" in out
    assert "Traceback" not in out
    assert resume_files(tmp_path) == []


def test_ctrl_c_after_the_report_keeps_the_answers(tmp_path):
    child = spawn(tmp_path, "assess")
    answer_profile(child)
    answer_skills(child)
    confirm_review(child)
    child.expect("Save your answers")
    child.send("\x03")
    out = finish(child)
    assert child.exitstatus == 130
    assert "complete answers are kept" in " ".join(out.split())
    (kept,) = resume_files(tmp_path)
    assert "strategy = 4" in kept.read_text()


def test_cohort_progress_bar_only_in_a_terminal(tmp_path):
    cohort = tmp_path / "cohort"
    cohort.mkdir()
    source = (Path(__file__).resolve().parent.parent / "examples" / "alice.toml").read_text()
    for i in range(150):  # 150 people (one name in two files is one person twice, issue 39)
        (cohort / f"p{i:03}.toml").write_text(source.replace("Alice Chen", f"Person {i}"))
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "GITHUB_STEP_SUMMARY", "NO_COLOR")}
    env.update(TERM="xterm-256color", HOME=str(tmp_path))
    child = pexpect.spawn(
        pmpath_command(),
        ["cohort", str(cohort), "--jobs", "1", "--output", str(tmp_path / "c.json")],
        env=env,
        dimensions=(30, 100),
        encoding="utf-8",
        timeout=30,
    )
    child.expect("Assessing")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    piped = subprocess.run(
        [pmpath_command(), "cohort", str(cohort), "-f", "json"], capture_output=True, text=True, env=env
    )
    assert "Assessing" not in piped.stderr


def test_an_unwritable_data_directory_still_shows_the_report(tmp_path):
    (tmp_path / "data").write_text("a file where pmpath's data directory should be")
    child = spawn(tmp_path, "assess")
    answer_profile(child)
    answer_skills(child)
    confirm_review(child)
    child.expect("could not be kept for --resume")
    child.expect("Principal Product Manager")
    decline_saves(child)
    assert child.exitstatus == 0


def test_a_bad_saved_value_is_asked_again_and_the_rest_kept(tmp_path):
    child = spawn(tmp_path, "assess")
    answer_profile(child)
    answer_skills(child, 1, 2)
    child.expect("Skill 3 of 14")
    child.send("\x03")
    finish(child)
    (saved,) = resume_files(tmp_path)
    saved.write_text(saved.read_text().replace("years_experience = 7", "years_experience = -3"))
    child = spawn(tmp_path, "assess", "--resume")
    child.expect("1 saved answer")
    child.expect("product roles")  # the bad value is asked again ...
    child.send("8" + ENTER)
    answer_skills(child, 3, 14)  # ... and the answered skills 1-2 are kept: skill 3 comes next
    confirm_review(child)
    child.expect("you have 8")  # the report uses the new answer
    decline_saves(child)
    assert child.exitstatus == 0


def test_two_interrupted_runs_are_both_offered(tmp_path):
    for name in ("First Person", "Second Person"):
        child = spawn(tmp_path, "assess")
        if name == "Second Person":
            decline_resume(child)
        child.expect("name")
        child.send(name + ENTER)
        child.expect("product roles")
        child.send("\x03")
        finish(child)
    assert len(resume_files(tmp_path)) == 2
    child = spawn(tmp_path, "assess", "--resume")
    child.expect("Which interrupted questionnaire")
    child.expect("Second Person")
    child.send("\x1b[B" + ENTER)  # the second in the list
    child.expect("product roles")
    child.send("\x03")
    finish(child)
    names = sorted(p.read_text().count("Person") for p in resume_files(tmp_path))
    assert len(resume_files(tmp_path)) == 2 and names == [1, 1]


def _erase(child, text: str) -> None:
    child.send("\x7f" * len(text))


def _at_the_saves(tmp_path: Path):
    """A run without history, answered through, at "yes" to saving the answers."""
    child = spawn(tmp_path, "assess", "--no-history")
    answer_profile(child)
    answer_skills(child)
    confirm_review(child)
    child.expect("Save your answers")
    child.send("y")
    return child


def test_a_typed_file_name_replaces_the_default_and_enter_takes_it(tmp_path):
    """The default name is shown dimmed in the empty field: typing `plan.html` once wrote
    `pmpath-plan.mdplan.html` (the default was text in the field, the cursor after it)."""
    child = _at_the_saves(tmp_path)
    child.expect(r"Answers file[^\r\n]*pmpath-answers\.toml")  # shown, as a hint
    child.send(ENTER)  # taken as it is
    child.expect("Export your plan")
    child.send("y")
    child.expect("Plan file")
    child.send("plan.html" + ENTER)
    finish(child)
    assert child.exitstatus == 0
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["plan.html", "pmpath-answers.toml"]
    assert (tmp_path / "plan.html").read_text().startswith("<!DOCTYPE html>")


def test_saved_files_take_their_format_from_the_name(tmp_path):
    """`plan.html` is a page and `answers.json` JSON; a name pmpath cannot write is refused at
    the prompt with the endings it can; declining to overwrite asks for another name."""
    (tmp_path / "taken.html").write_text("mine")
    child = _at_the_saves(tmp_path)
    child.expect("Answers file")
    child.send("answers.json" + ENTER)
    child.expect("Export your plan")
    child.send("y")
    child.expect("Plan file")
    child.send("plan.pdf" + ENTER)
    child.expect(r"\.md \.html \.htm \.json \(the format follows it\)")  # the prompt's own hint
    _erase(child, "plan.pdf")
    child.send("taken.html" + ENTER)
    child.expect("Overwrite it")
    child.send("n")
    child.expect("kept the existing")
    child.expect("Plan file")
    child.send("plan.html" + ENTER)
    finish(child)
    assert child.exitstatus == 0
    assert (tmp_path / "taken.html").read_text() == "mine"
    assert (tmp_path / "plan.html").read_text().startswith("<!DOCTYPE html>")
    assert not (tmp_path / "plan.pdf").exists()
    again = subprocess.run(
        [
            pmpath_command(),
            "assess",
            "--answers",
            str(tmp_path / "answers.json"),
            "-f",
            "json",
            "--no-history",
        ],
        capture_output=True,
        text=True,
    )
    assert again.returncode == 0 and '"name": "Pat Example"' in again.stdout


def _pmpath(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """pmpath without a terminal, on this test's own history."""
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "HOME": str(tmp_path)}
    return subprocess.run([pmpath_command(), *args], env=env, capture_output=True, text=True, timeout=60)


def _listed(tmp_path: Path) -> list[dict]:
    done = _pmpath(tmp_path, "evidence", "list", "--name", "Pat Example", "-f", "json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)["evidence"]


def test_the_questionnaire_offers_to_note_examples_of_the_strong_ratings_picked(tmp_path):
    """All 4s against the next level's bar: say yes and a list of the 14 strong skills comes,
    the next level's five defining skills ticked (its packet asks evidence of them). Tick one
    more, Enter: one line is asked for each of the six, no more. Note five (the first with a
    control character, refused at the prompt until fixed), skip the sixth with Enter; the five are
    in the log, dated today."""
    child = spawn(tmp_path, "assess")
    answer_profile(child, managing="2")  # a Group PM: the next rung is Director (issue 36)
    answer_skills(child)
    confirm_review(child)
    child.expect("Save your answers")
    child.send("n")
    child.expect("Export your plan")
    child.send("n")
    child.expect(r"(\d+) of your ratings meet the bar of ([^.]+)\.")
    strong = int(child.match.group(1))
    assert strong == 14 and child.match.group(2) == "Director of Product"  # all 4s meet its bar
    child.send("y")
    child.expect("Which can you evidence now")
    child.expect("Decision-making \\(4\\) \\(a defining skill\\)")
    child.send(DOWN * 5 + " ")  # the first skill after the five defining ones
    child.send(ENTER)
    child.expect(r"Examples to note: Strategic thinking, ")
    child.expect(SKILL_ASKED)
    child.send("Led the Q3 pricing review\u202e" + ENTER)  # a direction mark: refused, shown why
    child.expect("control or direction character")
    child.send("\x7f" + " with finance; adopted" + ENTER)
    child.expect("Logged entry 1 for Pat Example")
    for n in range(2, 6):
        child.expect(SKILL_ASKED)
        child.send(f"Example {n}" + ENTER)
        child.expect(f"Logged entry {n} for Pat Example")
    child.expect(SKILL_ASKED)
    child.send(ENTER)  # an empty line skips that skill
    child.expect("pmpath packet builds the case")
    finish(child)
    assert child.exitstatus == 0
    entries = _listed(tmp_path)
    first = next(e for e in entries if e["id"] == 1)
    assert first["text"] == "Led the Q3 pricing review with finance; adopted" and first["skill"] == "strategy"
    assert first["date"] == datetime.date.today().isoformat() and first["name"] == "Pat Example"
    # the five asked first are the defining skills, the sixth (skipped) the one ticked by hand
    assert {e["skill"] for e in entries} == {
        "strategy",
        "market_insight",
        "business_acumen",
        "decision_making",
        "delegation",
    }


def test_one_keypress_skips_the_evidence_offer(tmp_path):
    child = spawn(tmp_path, "assess")
    answer_profile(child)
    answer_skills(child)
    confirm_review(child)
    decline_saves(child)
    assert child.exitstatus == 0
    assert _listed(tmp_path) == []


def test_no_offer_without_a_history_to_keep_it(tmp_path):
    child = spawn(tmp_path, "assess", "--no-history")
    answer_profile(child)
    answer_skills(child)
    confirm_review(child)
    child.expect("Save your answers")
    child.send("n")
    child.expect("Export your plan")
    child.send("n")
    rest = finish(child)
    assert EVIDENCE_OFFER not in rest and child.exitstatus == 0


def test_a_second_interactive_run_checks_in_on_last_quarters_plan(tmp_path):
    """The first run (from a file) planned its quarter; the second, all 4s, is told which of
    those skills reached their target and how many entries were logged in between."""
    plan = [p["skill"] for p in _first_run(tmp_path)["plan"] if p["kind"] == "skill"]
    assert plan, "the first run must plan at least one skill"
    added = _pmpath(tmp_path, "evidence", "add", plan[0], "Did the planned work", "--name", "Pat Example")
    assert added.returncode == 0, added.stderr
    child = spawn(tmp_path, "assess")
    child.expect("Start from your last answers")
    child.send("n")
    answer_profile(child)
    answer_skills(child)  # all 4s: every planned target of a PM reached
    confirm_review(child)
    child.expect(r"Planned on \d{4}-\d\d-\d\d for the quarter:")
    for _ in plan:
        child.expect(r"✓ [^\r\n]+: now 4, reached")
    child.expect(r"Evidence entries logged since \d{4}-\d\d-\d\d: 1 ")
    decline_saves(child)
    assert child.exitstatus == 0


def _first_run(tmp_path: Path) -> dict:
    """A run from a file, as last quarter's: Pat Example, Alice's ratings."""
    first = tmp_path / "first.toml"
    first.write_text(
        (ROOT / "examples" / "alice.toml").read_text().replace('name = "Alice Chen"', 'name = "Pat Example"')
    )
    made = _pmpath(tmp_path, "assess", "-a", str(first), "-f", "json")
    assert made.returncode == 0, made.stderr
    return json.loads(made.stdout)


def _answers_of_run(tmp_path: Path, run_id: int) -> dict:
    out = _pmpath(tmp_path, "history", "export", "-").stdout
    runs = [json.loads(line) for line in out.splitlines() if '"answers"' in line]
    return next(r["answers"] for r in runs if r["id"] == run_id)


def test_from_last_opens_every_question_on_the_last_answers(tmp_path):
    """Enter on every question keeps every answer of the last run: the same report, recorded
    as a second run with the same answers, without retyping anything."""
    first = _first_run(tmp_path)
    child = spawn(tmp_path, "assess", "--from-last")
    child.expect("name")
    for _ in range(6 + 14):  # six profile questions, fourteen skills
        child.send(ENTER)
        child.expect(["✔", "All correct"])
    confirm_review(child)
    child.expect(first["level"]["name"])
    decline_saves(child)
    assert child.exitstatus == 0
    assert _answers_of_run(tmp_path, 2) == _answers_of_run(tmp_path, 1)


def test_resume_of_a_from_last_run_opens_the_rest_on_the_last_answers(tmp_path):
    """Ctrl-C in a run started from last time's answers, then --resume: the questions still to
    come open on last time's answers (not on 1), so Enter through them gives the same run."""
    _first_run(tmp_path)
    child = spawn(tmp_path, "assess", "--from-last")
    child.expect("name")
    for _ in range(6 + 3):  # the profile and three skills kept with Enter
        child.send(ENTER)
        child.expect("✔")
    child.expect("Skill 4 of 14")
    child.send("\x03")
    finish(child)
    assert child.exitstatus == 130
    child = spawn(tmp_path, "assess", "--resume")
    child.expect("9 of 20 questions already answered")
    for _ in range(14 - 3):
        child.expect("Skill")
        child.send(ENTER)
    confirm_review(child)
    decline_saves(child)
    assert child.exitstatus == 0
    assert _answers_of_run(tmp_path, 2) == _answers_of_run(tmp_path, 1)


def _runs(tmp_path: Path) -> list[int]:
    out = _pmpath(tmp_path, "history", "export", "-").stdout
    return [json.loads(line)["id"] for line in out.splitlines() if '"answers"' in line]


def test_ctrl_c_at_the_save_prompt_then_resume_records_no_second_copy(tmp_path):
    """Ctrl-C at "Save your answers" after a recorded run: the hint points at the recorded run,
    and --resume shows the report again without a duplicate the next check-in would meet."""
    _first_run(tmp_path)
    child = spawn(tmp_path, "assess", "--from-last")
    child.expect("name")
    for _ in range(6 + 14):
        child.send(ENTER)
        child.expect(["✔", "All correct"])
    confirm_review(child)
    child.expect("Save your answers")
    child.send("\x03")
    out = " ".join(finish(child).split())
    assert child.exitstatus == 130
    assert "pmpath history show 2" in out
    assert _runs(tmp_path) == [1, 2]
    child = spawn(tmp_path, "assess", "--resume")
    confirm_review(child)
    decline_saves(child)
    assert child.exitstatus == 0
    assert _runs(tmp_path) == [1, 2]
    assert resume_files(tmp_path) == []


def test_a_returning_person_is_offered_their_last_answers_at_the_start(tmp_path):
    _first_run(tmp_path)
    child = spawn(tmp_path, "assess")
    child.expect(r"Start from your last answers \(Pat Example, \d{4}-\d\d-\d\d\)")
    child.send("n")  # no: a blank questionnaire
    child.expect("Your profile")
    assert child.expect([r"name[^\r\n]*Pat Example", pexpect.TIMEOUT], timeout=2) == 1  # not pre-filled
    child.send("\x03")
    finish(child)
    child = spawn(tmp_path, "assess")
    child.expect("Start from your last answers")
    child.send(ENTER)  # the default: yes
    child.expect(r"name[^\r\n]*Pat Example")
    child.send("\x03")
    finish(child)
    assert child.exitstatus == 130


def test_from_last_with_nothing_kept_says_so_and_starts_blank(tmp_path):
    child = spawn(tmp_path, "assess", "--from-last")
    child.expect("No earlier answers here yet")
    child.expect("name")
    child.send("\x03")
    finish(child)


def test_ctrl_b_opens_on_the_answer_given_and_reaches_resumed_answers(tmp_path):
    child = spawn(tmp_path, "assess")
    answer_profile(child)
    child.expect("Skill 1 of 14")
    child.send("\x02")  # back to the business model ...
    child.expect("Business model")
    child.send("\x02")  # ... and to the network size: it opens on 450
    child.expect(r"connections[^\r\n]*450")
    child.send(ENTER)
    child.expect("Business model")
    child.send(ENTER)
    answer_skills(child, 1, 2)
    child.expect("Skill 3 of 14")
    child.send("\x03")
    finish(child)
    assert len(resume_files(tmp_path)) == 1
    child = spawn(tmp_path, "assess", "--resume")
    child.expect("Skill 3 of 14")
    child.send("\x02")  # back into an answer kept from the first run
    child.expect("Skill 2 of 14")
    child.send("2" + ENTER)  # changed: 4 → 2
    answer_skills(child, 3, 14)
    confirm_review(child)
    decline_saves(child)
    assert child.exitstatus == 0
    skills = [s.id for g in load_catalog().groups for s in load_catalog().skills if s.group == g.id]
    assert _answers_of_run(tmp_path, 1)["ratings"][skills[1]] == 2


def test_an_interrupted_questionnaire_is_offered_and_enter_continues_it(tmp_path):
    """Issue 41: "1 interrupted questionnaire saved" came with no offer; now Enter continues it
    where it stopped (the name kept), and no starts a new one that leaves it saved."""
    child = spawn(tmp_path, "assess")
    child.expect("name")
    child.send("Pat Example" + ENTER)
    child.expect("product roles")
    child.send("\x03")
    finish(child)
    child = spawn(tmp_path, "assess")
    child.expect("1 interrupted questionnaire saved")
    child.expect("Continue where you stopped")
    child.send(ENTER)
    child.expect("1 of 20 questions already answered")
    child.expect("product roles")
    child.send("\x03")
    finish(child)
    assert len(resume_files(tmp_path)) == 1
