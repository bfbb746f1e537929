"""360 reviews: review files, the placement rule, anonymity in every format, cohorts, the rater's
questionnaire (in-process keystrokes and a real pseudo-terminal)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from pmpath.models import Review, validate
from pmpath.report import build_report
from pmpath.reviews import MIN_PEERS, combine

from conftest import ROOT, answers_toml, make_answers

ENTER = "\r"


def review(about: str = "Test Person", role: str = "peer", by: str = "", **ratings: int) -> Review:
    return validate(Review, {"review": {"about": about, "role": role, "by": by}, "ratings": ratings})


def review_toml(about: str = "Test Person", role: str = "peer", by: str = "", **ratings: int) -> str:
    lines = ["[review]", f'about = "{about}"', f'role = "{role}"']
    if by:
        lines.append(f'by = "{by}"')
    lines += ["", "[ratings]"] + [f"{k} = {v}" for k, v in ratings.items()]
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------ the rule (pure core)


def test_a_self_inflated_person_is_placed_by_three_low_reviews(catalog):
    """Rates 5 everywhere with 12 years; three peers see 2s: placed on what others see."""
    me = make_answers(catalog, years=12, managing=5, rating=5, network=5000)
    alone = build_report(me, catalog)
    low = [review(**dict.fromkeys(catalog.skill_ids, 2)) for _ in range(3)]
    placed = build_report(me, catalog, reviews=low)
    assert catalog.level_index(alone.level.id) > catalog.level_index(placed.level.id)
    assert placed.reviews is not None
    assert set(placed.reviews.blind_spots) == set(catalog.skill_ids)
    assert set(placed.reviews.moved) == set(catalog.skill_ids)
    assert {s.id: s.rating for s in placed.skills} == dict.fromkeys(catalog.skill_ids, 2)
    assert placed.reasons[0].startswith("Placed with 3 reviews:")


def test_a_modest_person_with_high_reviews_shows_hidden_strengths_and_is_not_raised(catalog):
    me = make_answers(catalog, years=4, rating=2)
    high = [review(role="manager", strategy=4, communication=4), review(strategy=4)]
    rep = build_report(me, catalog, reviews=high)
    assert rep.reviews is not None
    assert rep.reviews.hidden_strengths == ("communication", "strategy")
    assert rep.reviews.moved == ()
    assert rep.level == build_report(me, catalog).level  # reviews never raise a rating


def test_the_manager_counts_twice_and_caps_by_the_rounded_pool(catalog):
    me = make_answers(catalog, years=6, rating=4)
    peers = [review(strategy=4), review(strategy=5), review(strategy=3)]
    _, summary = combine(me, [review(role="manager", strategy=2), *peers], catalog)
    views = {v.id: v for v in summary.skills}
    assert views["strategy"].others == 3.2  # (2*2 + 4 + 5 + 3) / 5
    assert views["strategy"].placed == 3
    assert views["communication"].others is None and views["communication"].placed == 4


def test_one_or_two_anonymous_ratings_are_withheld_even_beside_a_manager(catalog):
    """Beside the manager's known rating, the pooled figure would give their sum (issue 20)."""
    me = make_answers(catalog, years=6, rating=4)
    _, alone = combine(me, [review(strategy=1)], catalog)
    view = next(v for v in alone.skills if v.id == "strategy")
    assert view.withheld and view.others is None and view.placed == 4
    for anonymous in ([review(strategy=1)], [review(strategy=1), review(role="report", strategy=2)]):
        _, merged = combine(me, [*anonymous, review(role="manager", strategy=3)], catalog)
        view = next(v for v in merged.skills if v.id == "strategy")
        assert view.withheld and view.others == 3.0 and view.raters == 1  # the manager's alone
        assert view.manager is None and view.peers is None


def test_peers_apart_from_the_manager_only_with_enough_peers(catalog):
    me = make_answers(catalog, years=6, rating=3)
    peers = [review(strategy=4) for _ in range(MIN_PEERS)]
    _, summary = combine(me, [review(role="manager", by="Morgan", strategy=2), *peers], catalog)
    view = next(v for v in summary.skills if v.id == "strategy")
    assert (view.manager, view.peers) == (2.0, 4.0)
    assert summary.manager == "Morgan"


# ------------------------------------------------------------------ files and the CLI


@pytest.fixture
def files(tmp_path, catalog):
    me = tmp_path / "me.toml"
    me.write_text(answers_toml(catalog, name='"Alice Chen"'))
    out = [me]
    for i, (role, by) in enumerate(
        [
            ("manager", "Morgan Lee"),
            ("peer", "Peer Secret-1"),
            ("peer", "Peer Secret-2"),
            ("peer", "Peer Secret-3"),
        ]
    ):
        path = tmp_path / f"r{i}.toml"
        path.write_text(
            review_toml("Alice Chen", role, by, strategy=1 + i % 3, delegation=1, communication=5)
        )
        out.append(path)
    return out


@pytest.mark.parametrize("fmt", ["table", "md", "json"])
def test_peer_names_and_single_peer_ratings_never_shown(invoke, files, fmt, fixed_terminal):
    me, *reviews = files
    args = ["assess", "-a", str(me), "-f", fmt, "--no-history", "--no-pager"]
    for r in reviews:
        args += ["--review", str(r)]
    result = invoke(*args)
    assert result.exit_code == 0, result.stderr
    assert "Secret" not in result.stdout
    assert "Morgan Lee" in result.stdout  # a manager's name may be shown
    if fmt == "json":
        data = json.loads(result.stdout)["reviews"]
        assert data["count"] == 4 and data["roles"] == {"manager": 1, "peer": 3}
        strategy = next(s for s in data["skills"] if s["id"] == "strategy")
        assert set(strategy) >= {"id", "self", "others"}
        assert strategy["peers"] == 2.0  # the pool of 2, 3, 1; never one of them alone
        assert "delegation" in data["blind_spots"]
    else:
        assert ("What others see" in result.stdout) and ("Blind spots" in result.stdout)


def test_a_review_of_someone_else_is_refused(invoke, tmp_path, catalog):
    me = tmp_path / "me.toml"
    me.write_text(answers_toml(catalog, name='"Alice Chen"'))
    other = tmp_path / "bob.toml"
    other.write_text(review_toml("Bob", strategy=3))
    result = invoke("assess", "-a", str(me), "--review", str(other), "--no-history")
    assert result.exit_code == 2
    assert "bob.toml: review.about" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (review_toml(role="boss", strategy=3), "review.role"),
        (review_toml(strategy=3, charisma=4), "ratings.charisma: unknown skill id (line 7)"),
        (review_toml(), "ratings"),
        (review_toml(strategy=9), "ratings.strategy"),
        ('[review]\nabout = ""\nrole = "peer"\n[ratings]\nstrategy = 3\n', "review.about"),
        ("[review\n", "TOML syntax error"),
    ],
)
def test_bad_review_files_get_one_line_and_exit_2(invoke, tmp_path, catalog, text, expected):
    me = tmp_path / "me.toml"
    me.write_text(answers_toml(catalog))
    bad = tmp_path / "bad.toml"
    bad.write_text(text)
    result = invoke("assess", "-a", str(me), "--review", str(bad), "--no-history")
    assert result.exit_code == 2
    first = result.stderr.splitlines()[0]
    assert first.startswith("pmpath: ") and "bad.toml" in first and expected in first, result.stderr
    assert "Traceback" not in result.stderr


def test_the_wrong_kind_of_file_is_named(invoke, tmp_path, catalog):
    me = tmp_path / "me.toml"
    me.write_text(answers_toml(catalog))
    rev = tmp_path / "rev.toml"
    rev.write_text(review_toml(strategy=3))
    as_answers = invoke("assess", "-a", str(rev), "--no-history")
    assert (
        as_answers.exit_code == 2
        and "is a review file" in as_answers.stderr
        and "--review" in as_answers.stderr
    )
    as_review = invoke("assess", "-a", str(me), "--review", str(me), "--no-history")
    assert as_review.exit_code == 2 and "is an answers file" in as_review.stderr


def test_template_and_schema_for_reviews_agree(invoke, tmp_path, catalog):
    import jsonschema

    schema = json.loads(invoke("schema", "review").stdout)
    template = invoke("template", "--review").stdout
    assert "about = " in template and all(f"{s} = 0" in template for s in catalog.skill_ids)
    jsonschema.validate({"review": {"about": "A", "role": "peer"}, "ratings": {"strategy": 3}}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"review": {"about": "A", "role": "peer"}, "ratings": {}}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"review": {"about": "A", "role": "boss"}, "ratings": {"strategy": 3}}, schema)
    # the unfilled template fails loudly, naming a field
    path = tmp_path / "t.toml"
    path.write_text(template)
    me = tmp_path / "me.toml"
    me.write_text(answers_toml(catalog))
    result = invoke("assess", "-a", str(me), "--review", str(path), "--no-history")
    assert result.exit_code == 2 and "t.toml: review.about" in result.stderr


def test_the_chinese_report_has_the_reviews_section_in_chinese(invoke, files):
    me, *reviews = files
    args = ["assess", "-a", str(me), "--lang", "zh", "-f", "md", "--no-history"]
    for r in reviews:
        args += ["-r", str(r)]
    out = invoke(*args).stdout
    assert "## 他人眼中的你" in out and "盲点" in out
    section = out.split("## 他人眼中的你")[1].split("\n## ")[0]
    assert "Blind" not in section and "Others" not in section


# ------------------------------------------------------------------ cohorts


def test_a_cohort_with_reviews_beside_answers(invoke, tmp_path):
    shutil.copytree(ROOT / "examples" / "cohort", tmp_path / "c")
    (tmp_path / "c" / "reviews" / "nobody.toml").write_text(review_toml("No Such Person", strategy=3))
    result = invoke("cohort", str(tmp_path / "c"), "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data["people"]) == 7 and data["errors"] == []  # reviews are neither people nor errors
    assert data["summary"]["people"] == 7
    rv = data["reviews"]
    assert rv["files"] == 3 and rv["people_reviewed"] == 1
    assert [Path(f).name for f in rv["unmatched"]] == ["nobody.toml"]
    assert rv["common_blind_spots"][0]["id"] == "communication"
    comm = next(s for s in rv["skills"] if s["id"] == "communication")
    assert comm["average_gap"] == 1.0 and comm["people"] == 1
    assert "a review of nobody in this cohort" in result.stderr
    md = invoke("cohort", str(tmp_path / "c"), "-f", "md").stdout
    assert "## Self against others (360 reviews)" in md and "nobody.toml" in md


def test_a_review_naming_two_people_is_ambiguous(invoke, tmp_path, catalog):
    for n in (1, 2):
        # two people called Sam (their ids apart): a review by name alone cannot say which
        (tmp_path / f"p{n}.toml").write_text(answers_toml(catalog, name=f'"Sam"\nid = "S-{n}"'))
    (tmp_path / "r.toml").write_text(review_toml("Sam", role="manager", strategy=2))
    data = json.loads(invoke("cohort", str(tmp_path), "-f", "json").stdout)
    assert [Path(f).name for f in data["reviews"]["ambiguous"]] == ["r.toml"]
    assert data["reviews"]["people_reviewed"] == 0


# ------------------------------------------------------------------ the rater's questionnaire


def test_rater_questionnaire_by_keystrokes(catalog):
    from pmpath.prompts import ask
    from pmpath.questionnaire import build_review_meta, build_review_skills, review_data

    with create_pipe_input() as inp, create_app_session(input=inp, output=DummyOutput()):
        meta = build_review_meta()
        inp.send_text("2" + ENTER + ENTER + "Alice" + ENTER + "Pat" + ENTER)  # peer; empty name refused
        values = ask(meta)
        skills = build_review_skills(catalog, "Alice")
        assert "what Alice typically does" in skills[0].header
        inp.send_text("".join(("0" if i % 2 else "3") + ENTER for i in range(len(skills))))
        values = ask((*meta, *skills), values)
    data = review_data(values)
    got = validate(Review, data)
    assert got.review.role == "peer" and got.review.about == "Alice"
    assert len(got.ratings) == (len(skills) + 1) // 2 and set(got.ratings.values()) == {3}


def test_a_peer_is_never_asked_their_name(tmp_path):
    """Issue 41: only a manager is named to the person reviewed, so only a manager is asked."""
    from test_e2e_terminal import spawn

    child = spawn(tmp_path, "review")
    child.expect("Your role")
    child.send("2" + ENTER)  # a peer
    child.expect("Their name")
    child.send("Pat Example" + ENTER)
    child.expect(["Your name", "what Pat Example typically does"])
    assert "what Pat Example typically does" in child.after
    child.sendintr()
    child.expect(pytest.importorskip("pexpect").EOF)
    child.close()


def test_rater_questionnaire_end_to_end_in_a_terminal(tmp_path):
    from test_e2e_terminal import spawn

    child = spawn(tmp_path, "review")
    child.expect("Your role")
    child.send("1" + ENTER)  # manager
    child.expect("Their name")
    child.send("Pat Example" + ENTER)
    child.expect("Your name")
    child.send("Morgan" + ENTER)
    for n in range(1, 15):
        child.expect("what Pat Example typically does")
        child.send(("0" if n == 3 else "2") + ENTER)
        if n == 5:
            break
    child.sendintr()  # Ctrl-C keeps the answers so far
    child.expect("saved to")
    child.expect(pytest.importorskip("pexpect").EOF)
    child.close()
    assert child.exitstatus == 130
    child = spawn(tmp_path, "review", "--resume")
    child.expect("Resuming: 8 of 17")
    for _ in range(6, 15):
        child.expect("what Pat Example typically does")
        child.send("4" + ENTER)
    child.expect("Your review. Change an answer, or save it:")  # a rater gets no report
    child.expect("All correct: save the review")  # the list and its first choice say so
    child.send(ENTER)
    child.expect("Review file")
    child.send(ENTER)  # the default name
    child.expect("Send ")
    child.expect(pytest.importorskip("pexpect").EOF)
    child.close()
    assert child.exitstatus == 0
    written = tmp_path / "review-pat-example-manager.toml"
    import tomllib

    data = tomllib.loads(written.read_text())
    assert data["review"] == {"about": "Pat Example", "role": "manager", "by": "Morgan"}
    assert len(data["ratings"]) == 13  # one skill could not be judged
    assert not list((tmp_path / "data" / "pmpath" / "resume-review").glob("*.toml"))


def test_assess_takes_a_review_by_id_and_refuses_one_of_another_id(invoke, tmp_path, catalog):
    """Issue 39: `about_id` is matched against profile.id; a name in another form still matches."""
    me = tmp_path / "me.toml"
    me.write_text(answers_toml(catalog, name='"Zoë  Lee"\nid = "E-1"'))
    import unicodedata

    nfd = unicodedata.normalize("NFD", "ZOË LEE")
    ok = tmp_path / "ok.toml"
    ok.write_text('[review]\nabout_id = "E-1"\nrole = "peer"\n\n[ratings]\nstrategy = 4\n')
    by_name = tmp_path / "name.toml"
    by_name.write_text(f'[review]\nabout = "{nfd}"\nrole = "peer"\n\n[ratings]\nstrategy = 4\n')
    result = invoke("assess", "-a", str(me), "--review", str(ok), "--review", str(by_name), "--no-history")
    assert result.exit_code == 0, result.stderr
    other = tmp_path / "other.toml"
    other.write_text('[review]\nabout_id = "E-2"\nrole = "peer"\n\n[ratings]\nstrategy = 4\n')
    refused = invoke("assess", "-a", str(me), "--review", str(other), "--no-history")
    assert refused.exit_code == 2 and "'E-2'" in refused.stderr and "'E-1'" in refused.stderr


def test_the_templates_name_the_identity_fields(invoke, tmp_path, catalog):
    text = invoke("template").stdout
    assert '# id = ""' in text and '# team = ""' in text and '# manager = ""' in text
    assert '# about_id = ""' in invoke("template", "--review").stdout
    schema = json.loads(invoke("schema", "answers").stdout)
    assert {"id", "team", "manager"} <= set(schema["$defs"]["Profile"]["properties"])
    review = json.loads(invoke("schema", "review").stdout)
    assert "about_id" in review["$defs"]["ReviewMeta"]["properties"]
