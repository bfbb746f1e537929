"""`pmpath form` (issue 24 §1) in a real browser: Chromium driven by Playwright, filled with the
keyboard as a rater or participant would, the file downloaded and read back by pmpath as the
same answers the terminal questionnaire would have saved; a review with "can't judge"; checks
as pmpath checks; someone else's name as text; nothing fetched."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import answers_toml

HOSTILE = '<script>alert(1)</script> "Lin" \\ Wei'


def _page(browser, path: Path):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    seen = {"dialogs": 0, "requests": []}
    page.on("dialog", lambda d: (seen.__setitem__("dialogs", seen["dialogs"] + 1), d.dismiss()))
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.goto(path.as_uri())
    return page, seen


def _ordered_skills(catalog) -> list[str]:
    return [s.id for g in catalog.groups for s in catalog.skills if s.group == g.id]


def test_a_self_assessment_filled_by_keyboard_is_the_file_the_questionnaire_saves(
    invoke, tmp_path, catalog, browser
):
    form = tmp_path / "form.html"
    assert invoke("form", "-o", str(form)).exit_code == 0
    page, seen = _page(browser, form)
    keys = page.keyboard
    keys.press("Tab")
    keys.type("Pat Example")
    keys.press("Tab")
    keys.type("7")
    keys.press("Tab")  # years managing keeps its 0
    keys.press("Tab")  # associate degree
    keys.press("Tab")  # bachelor's
    keys.press("Space")
    for _ in range(5):  # master, mba, emba, ms_cs, phd
        keys.press("Tab")
    keys.press("Tab")
    keys.type("1,200")
    keys.press("Tab")  # the business model keeps its "other" (optional; general KPIs)
    ratings = {skill: 1 + n % 5 for n, skill in enumerate(_ordered_skills(catalog))}
    for skill in _ordered_skills(catalog):
        keys.press("Tab")  # into the skill's group, on its first choice
        if ratings[skill] == 1:
            keys.press("Space")
        for _ in range(ratings[skill] - 1):
            keys.press("ArrowDown")
    keys.press("Tab")  # the button
    keys.press("Enter")
    page.wait_for_selector("#result:not([hidden])")
    with page.expect_download() as got:
        keys.press("Tab")  # from the result's title to the download link
        keys.press("Enter")
    saved = tmp_path / "from-the-page.toml"
    got.value.save_as(saved)
    assert got.value.suggested_filename == "pmpath-answers-pat-example.toml"  # a name per person
    assert seen["requests"] == [form.as_uri()] and seen["dialogs"] == 0  # nothing fetched or run

    from pmpath.answers import read_answers
    from pmpath.interactive import _answers_text

    given = read_answers(str(saved), catalog)
    terminal = tomllib.loads(_answers_text(given, catalog, "toml"))
    page_file = tomllib.loads(saved.read_text())
    assert page_file == terminal
    assert list(page_file["ratings"]) == list(terminal["ratings"])  # the same order
    assert [type(v) for v in page_file["profile"].values()] == [type(v) for v in terminal["profile"].values()]
    assert terminal["profile"] == {
        "name": "Pat Example",
        "years_experience": 7,
        "years_managing": 0,
        "degrees": ["bachelor"],
        "network_size": 1200,
    }
    assert terminal["ratings"] == {s: ratings[s] for s in catalog.skill_ids}
    assessed = invoke("assess", "-a", str(saved), "-f", "json", "--no-history")
    assert assessed.exit_code == 0 and json.loads(assessed.stdout)["profile"]["name"] == "Pat Example"


def test_a_review_with_cant_judge_and_someone_elses_name(invoke, tmp_path, catalog, browser):
    form = tmp_path / "review.html"
    assert invoke("form", "--review", HOSTILE, "--lang", "zh", "-o", str(form)).exit_code == 0
    page, seen = _page(browser, form)
    assert HOSTILE in page.title() and seen["dialogs"] == 0  # the name is text, never markup
    page.get_by_label("同级（一起共事）").check()
    skills = _ordered_skills(catalog)
    for n, skill in enumerate(skills):
        group = page.locator(f'fieldset[data-key="ratings.{skill}"]')
        group.locator(f'input[value="{0 if n == 0 else 3}"]').check()
    page.get_by_role("button", name="生成评价文件").click()
    text = page.locator("#toml").input_value()
    data = tomllib.loads(text)
    assert data["review"] == {"about": HOSTILE, "role": "peer"}
    assert data["ratings"] == {s: 3 for s in catalog.skill_ids if s != skills[0]}  # can't judge: left out
    page.get_by_role("button", name="复制").click()
    page.wait_for_function("document.getElementById('copied').textContent.length > 0")
    assert page.locator("#copied").inner_text() in ("已复制。", "无法复制：请选中下面的文字后复制。")
    review = tmp_path / "review.toml"
    review.write_text(text)
    me = tmp_path / "me.toml"
    me.write_text(answers_toml(catalog).replace('"Test Person"', json.dumps(HOSTILE)))
    placed = invoke("assess", "-a", str(me), "--review", str(review), "-f", "json", "--no-history")
    assert placed.exit_code == 0, placed.stderr
    assert json.loads(placed.stdout)["reviews"]["count"] == 1


def test_the_page_checks_the_answers_as_pmpath_does(invoke, tmp_path, catalog, browser):
    form = tmp_path / "form.html"
    assert invoke("form", "-o", str(form)).exit_code == 0
    page, _ = _page(browser, form)
    page.get_by_role("button", name="Make my answers file").click()
    errors = page.locator("#errors")
    assert errors.locator("p").inner_text() == f"Please fix {2 + len(catalog.skills)} answers:"
    assert page.evaluate("document.activeElement.id") == "errors"  # a screen reader hears it
    assert page.locator("#result").is_hidden()
    page.fill("#profile-years_experience", "71")
    page.fill("#profile-network_size", "12.5")
    page.get_by_role("button", name="Make my answers file").click()
    assert page.locator("#profile-years_experience-error").inner_text() == "Enter a number from 0 to 70"
    assert (
        page.locator("#profile-network_size-error").inner_text()
        == "Enter a whole number from 0 to 10,000,000"
    )
    assert page.locator("#profile-years_experience").get_attribute("aria-invalid") == "true"
    first = catalog.skill(_ordered_skills(catalog)[0]).name.en
    assert errors.get_by_role("link", name=f"{first}: choose one").count() == 1


def test_every_control_has_a_name_a_screen_reader_reads(invoke, tmp_path, browser):
    form = tmp_path / "form.html"
    assert invoke("form", "--lang", "zh", "-o", str(form)).exit_code == 0
    page, _ = _page(browser, form)
    unnamed = page.evaluate(
        """() => Array.from(document.querySelectorAll('input, textarea, button, a'))
            .filter(el => !(el.labels && el.labels.length) && !el.textContent.trim()
                          && !el.getAttribute('aria-label'))
            .map(el => el.outerHTML)"""
    )
    assert unnamed == []
    groups = page.evaluate(
        "() => Array.from(document.querySelectorAll('fieldset')).every(f => f.querySelector('legend'))"
    )
    assert groups and page.locator("h1").count() == 1
    assert page.evaluate("document.documentElement.lang") == "zh-Hans"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--review", "  "), "--review '  ': give the reviewed person's name"),
        (("--review", "x" * 201), "give the reviewed person's name"),
        (("-o", "form.pdf"), "form.pdf"),
    ],
)
def test_bad_options_are_one_line_and_exit_2(invoke, tmp_path, args, said):
    result = invoke("form", *[a.replace("form.pdf", str(tmp_path / "form.pdf")) for a in args])
    assert result.exit_code == 2 and said in result.stderr and "Traceback" not in result.stderr


def test_a_company_ladder_asks_its_own_skills(invoke, tmp_path):
    from pmpath.catalog import load_ladder

    from conftest import ROOT

    ladder = ROOT / "examples" / "ladders" / "minimal"
    page = invoke("form", "--ladder", str(ladder)).stdout
    asked = set(re.findall(r'data-key="ratings\.(\w+)"', page))
    assert asked == set(load_ladder(ladder).skill_ids)


def _fill_part(page, catalog, skills: list[str]) -> None:
    page.fill("#profile-name", "Pat Example")
    page.fill("#profile-years_experience", "7")
    page.get_by_label("Bachelor's").check()
    for n, skill in enumerate(skills):
        page.locator(f'fieldset[data-key="ratings.{skill}"] input[value="{1 + n % 5}"]').check()


def test_answers_are_kept_in_the_browser_and_come_back_after_closing_the_page(
    invoke, tmp_path, catalog, browser
):
    form = tmp_path / "form.html"
    assert invoke("form", "-o", str(form)).exit_code == 0
    context = browser.new_context()
    page = context.new_page()
    page.goto(form.as_uri())
    assert page.locator("#kept").is_visible() and page.locator("#restored").is_hidden()
    skills = _ordered_skills(catalog)[:3]
    _fill_part(page, catalog, skills)
    page.close()  # the tab closed half way through

    again = context.new_page()
    again.goto(form.as_uri())
    assert again.locator("#restored").is_visible()
    assert again.locator("#restored-text").inner_text().startswith("Your answers from ")
    assert again.input_value("#profile-name") == "Pat Example"
    assert again.input_value("#profile-years_experience") == "7"
    assert again.input_value("#profile-years_managing") == "0"  # untouched: its default
    assert again.get_by_label("Bachelor's").is_checked() and not again.get_by_label("Master's").is_checked()
    for n, skill in enumerate(_ordered_skills(catalog)):
        chosen = again.locator(f'fieldset[data-key="ratings.{skill}"] input:checked')
        if n < 3:
            assert chosen.get_attribute("value") == str(1 + n % 5)
        else:
            assert chosen.count() == 0

    # another person's review is another form: it never opens on these answers
    other = tmp_path / "review.html"
    assert invoke("form", "--review", "Alice Chen", "-o", str(other)).exit_code == 0
    review = context.new_page()
    review.goto(other.as_uri())
    assert review.locator("#restored").is_hidden()

    again.once("dialog", lambda d: d.accept())
    again.get_by_role("button", name="Start over").click()
    assert again.input_value("#profile-name") == "" and again.locator("#restored").is_hidden()
    assert again.locator("fieldset.skill input[type=radio]:checked").count() == 0
    assert again.locator("input[type=radio]:checked").count() == 1  # only the business preset:
    assert again.locator('[name="profile.business"]:checked').get_attribute("value") == "other"
    third = context.new_page()
    third.goto(form.as_uri())
    assert third.locator("#restored").is_hidden() and third.input_value("#profile-name") == ""
    context.close()


def test_start_over_asks_first_and_keeps_everything_when_declined(invoke, tmp_path, catalog, browser):
    form = tmp_path / "form.html"
    assert invoke("form", "--lang", "zh", "-o", str(form)).exit_code == 0
    context = browser.new_context()
    page = context.new_page()
    page.goto(form.as_uri())
    page.fill("#profile-name", "林伟")
    asked: list[str] = []
    page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    page.get_by_role("button", name="重新开始").click()
    assert asked == ["清除本页的全部回答，以及浏览器里保存的副本？"]
    assert page.input_value("#profile-name") == "林伟"
    again = context.new_page()
    again.goto(form.as_uri())
    assert again.input_value("#profile-name") == "林伟"
    assert again.locator("#restored-text").inner_text().startswith("已恢复你在 ")
    context.close()


def test_where_the_browser_refuses_storage_the_page_still_works_and_claims_nothing(
    invoke, tmp_path, catalog, browser
):
    form = tmp_path / "form.html"
    assert invoke("form", "-o", str(form)).exit_code == 0
    context = browser.new_context()
    context.add_init_script(
        "Object.defineProperty(window, 'localStorage',"
        " {get() { throw new DOMException('no', 'SecurityError'); }});"
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(form.as_uri())
    assert page.locator("#kept").is_hidden() and page.locator("#start-over").is_hidden()
    _fill_part(page, catalog, _ordered_skills(catalog))
    page.fill("#profile-network_size", "300")
    page.get_by_role("button", name="Make my answers file").click()
    assert tomllib.loads(page.locator("#toml").input_value())["profile"]["name"] == "Pat Example"
    assert errors == []
    context.close()


# ------------------------------------------------------------------ one rule for every door (issue 40)

_ODD = [
    *"0159.,_' eE+-a",
    *"\u2009\u202f\uff0c\uff0e\uff10\uff15\uff19\u0660\u0665\u0966\u096b\u066b",
    "\U0001d7ce",
    "\U0001fbf5",
    *"\u00a0\u3000\t\n\x1c\x1f\ufeff\x7f\x85\u2028\u200b",
]
"""What a person may type into a number or a name: digits of several scripts (full-width,
Arabic-Indic, Devanagari, mathematical, outside the BMP), separators, signs and exponents,
every kind of space, the characters JavaScript and Python trim differently, DEL."""


@pytest.fixture(scope="module")
def rules_page(browser, tmp_path_factory):
    from pmpath.catalog import load_catalog
    from pmpath.render.form import page

    path = tmp_path_factory.mktemp("form") / "form.html"
    path.write_text(page(load_catalog(), "en"), encoding="utf-8")
    context = browser.new_context()
    shown = context.new_page()
    shown.goto(path.as_uri())
    yield shown
    context.close()


def _python_verdicts(texts: list[str]) -> list[list[object]]:
    from pmpath import rules

    return [[rules.number(t, 70, False), rules.number(t, 10_000_000, True), rules.trimmed(t)] for t in texts]


_JS_VERDICTS = """texts => texts.map(t => [
    pmpathRules.number(t, 70, false), pmpathRules.number(t, 10000000, true), pmpathRules.trimmed(t)])"""


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(alphabet=st.sampled_from(_ODD), max_size=10), min_size=60, max_size=60))
def test_the_page_and_the_terminal_take_the_same_numbers(rules_page, texts):
    assert rules_page.evaluate(_JS_VERDICTS, texts) == _python_verdicts(texts)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(
            st.integers(195, 205), st.sampled_from(["a", "李", "😀", "\U00020000", "\u00a0", "\u3000"])
        ),
        min_size=20,
        max_size=20,
    )
)
def test_the_page_and_the_terminal_count_a_name_alike(rules_page, parts):
    from pmpath import rules

    names = [" x" + fill * (n - 2) + "y\u3000" for n, fill in parts]
    js = rules_page.evaluate("names => names.map(n => pmpathRules.nameLong(n))", names)
    assert js == [rules.name_problem(n) is not None for n in names]


FIXED = [
    ("\uff11\uff12", 12, 12),  # full-width digits
    ("\u0663", 3, 3),  # Arabic-Indic
    ("1\uff0c200", None, 1200),  # a full-width grouping comma
    ("\u30007\u3000", 7, 7),
    ("\u00a07", 7, 7),
    ("1e1", None, None),
    ("+3", None, None),
    ("\uff11\uff12\uff0e\uff15", 12.5, None),  # a full-width point
    ("0" * 41, None, None),
    ("9" * 5000, None, None),  # no Python int() of over 4,300 digits
    ("\ufeff5", None, None),
]


@pytest.mark.parametrize(("typed", "years", "network"), FIXED)
def test_numbers_every_door_reads_alike(rules_page, typed, years, network):
    from pmpath.catalog import load_catalog
    from pmpath.questionnaire import build_questions, check_text, convert

    asked = {q.key: q for q in build_questions(load_catalog())}
    for key, value, whole, limit in (
        ("profile.years_experience", years, "false", 70),
        ("profile.network_size", network, "true", 10_000_000),
    ):
        assert (check_text(asked[key], typed) is None) == (value is not None), key
        if value is not None:
            assert convert(asked[key], typed) == value
        said = rules_page.evaluate(f"t => pmpathRules.number(t, {limit}, {whole})", typed)
        assert said == value, key


@pytest.mark.parametrize("name", ["Li\u00a0Wei", "\u674e\u3000\u4f1f", "A\x7fB", "Ann\u202eevil", "😀" * 200])
def test_a_name_the_terminal_takes_the_form_writes_into_a_file_pmpath_reads(
    invoke, tmp_path, catalog, browser, name
):
    from pmpath.questionnaire import build_questions, check_text

    asked = next(q for q in build_questions(catalog) if q.key == "profile.name")
    assert check_text(asked, name) is None  # the terminal takes it
    form = tmp_path / "form.html"
    assert invoke("form", "-o", str(form)).exit_code == 0
    page, _ = _page(browser, form)
    _fill_part(page, catalog, _ordered_skills(catalog))
    page.fill("#profile-name", name)
    page.fill("#profile-network_size", "\uff11\uff12")
    page.get_by_role("button", name="Make my answers file").click()
    assert page.locator("#errors").inner_text() == ""
    text = page.locator("#toml").input_value()
    assert tomllib.loads(text)["profile"]["name"] == name
    assert tomllib.loads(text)["profile"]["network_size"] == 12
    answers = tmp_path / "a.toml"
    answers.write_text(text, encoding="utf-8")
    assert invoke("assess", "-a", str(answers), "--no-history", "-f", "json").exit_code == 0


def test_the_name_limit_is_one_number(catalog):
    from pmpath import rules
    from pmpath.models import Profile, ReviewMeta, field_limits
    from pmpath.questionnaire import MAX_NAME

    assert field_limits(Profile, "name")["max_length"] == rules.NAME_MAX == MAX_NAME
    assert field_limits(ReviewMeta, "by")["max_length"] == rules.NAME_MAX


def test_the_rules_tables_are_this_unicode():
    """The literal tables of pmpath.rules against the running Python's Unicode data."""
    import sys
    import unicodedata

    from pmpath import rules

    assert "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace()) == rules.SPACES
    zeros = {
        cp
        for cp in range(sys.maxunicode + 1)
        if unicodedata.category(chr(cp)) == "Nd" and unicodedata.digit(chr(cp)) == 0
    }
    assert set(rules.ZEROS) <= zeros and list(rules.ZEROS) == sorted(rules.ZEROS)


@pytest.mark.parametrize(
    ("role", "by", "about", "expected"),
    [
        ("manager", "Bob Stone", "Alice Chen", r"review-by-bob-stone-about-alice-chen\.toml"),
        ("manager", "", "Zoë O'Brien", r"review-about-zoe-o-brien\.toml"),
        ("manager", "王芳", HOSTILE, r"review-by-王芳-about-script-alert-1-script-lin-wei\.toml"),
        ("peer", "", "Alice Chen", r"review-peer-[0-9a-f]{4}-about-alice-chen\.toml"),
    ],
)
def test_review_downloads_are_named_by_rater_and_person(
    invoke, tmp_path, catalog, browser, role, by, about, expected
):
    """Every rater's file was `review.toml`: a manager collecting five got five of one name.
    Now the rater's and the person's names, slugged to letters, digits and dashes, tell them
    apart (no slash, quote or markup reaches the file name)."""
    form = tmp_path / "review.html"
    assert invoke("form", "--review", about, "-o", str(form)).exit_code == 0
    page, _ = _page(browser, form)
    assert not page.locator("#review-by").is_visible()  # asked of a manager only (issue 41)
    page.locator(f'input[name="review.role"][value="{role}"]').check()
    assert page.locator("#review-by").is_visible() is (role == "manager")
    if by:
        page.locator("#review-by").fill(by)
    for skill in _ordered_skills(catalog):
        page.locator(f'fieldset[data-key="ratings.{skill}"] input[value="3"]').check()
    page.locator("form button[type=submit]").click()
    page.wait_for_selector("#result:not([hidden])")
    with page.expect_download() as got:
        page.locator("#download").click()
    assert re.fullmatch(expected, got.value.suggested_filename), got.value.suggested_filename


@pytest.mark.parametrize(
    ("choice", "written"), [("Consumer product", "consumer"), ("Other, or not sure", None)]
)
def test_the_business_model_is_asked_optionally_and_written_only_when_chosen(
    invoke, tmp_path, catalog, browser, choice, written
):
    """Issue 38: the form asks profile.business (preset to other, which the file leaves out, as
    the questionnaire's files do); a chosen model reaches the file and pmpath reads it back."""
    from pmpath.answers import parse_answers

    form = tmp_path / "form.html"
    assert invoke("form", "-o", str(form)).exit_code == 0
    page, _ = _page(browser, form)
    _fill_part(page, catalog, _ordered_skills(catalog))
    page.fill("#profile-network_size", "300")
    page.get_by_label(choice).check()
    page.get_by_role("button", name="Make my answers file").click()
    text = page.locator("#toml").input_value()
    assert tomllib.loads(text)["profile"].get("business") == written
    assert parse_answers(text, "form.toml", catalog).profile.business == (written or "other")
    page.context.close()


def test_a_programmes_form_asks_for_the_id_team_and_manager(invoke, tmp_path, catalog, browser):
    """`form --ids` (issue 39): the optional identity fields, written trimmed and folded as the
    model keeps them; the plain form does not ask (its keyboard order is unchanged)."""
    assert 'name="profile.id"' not in invoke("form").stdout
    form = tmp_path / "form.html"
    assert invoke("form", "--ids", "-o", str(form)).exit_code == 0
    page = browser.new_context().new_page()
    page.goto(form.as_uri())
    _fill_part(page, catalog, _ordered_skills(catalog))
    page.fill("#profile-network_size", "300")
    page.fill("#profile-id", "  E-1 ")
    page.fill("#profile-team", "Growth   Team")
    page.get_by_role("button", name="Make my answers file").click()
    saved = tmp_path / "a.toml"
    saved.write_text(page.locator("#toml").input_value(), encoding="utf-8")
    from pmpath.answers import read_answers

    profile = read_answers(str(saved), catalog).profile
    assert (profile.id, profile.team, profile.manager) == ("E-1", "Growth Team", None)
