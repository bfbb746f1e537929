"""What a mentor adds (issue 38, part 5): how promotion works at the next rung only, the move
into management at the switch, and honest notes on the CPO step, each in both languages and
sourced in the data; a claim no source supports is shown as unverified, never as fact."""

from __future__ import annotations

import pytest

from pmpath.models import Answers, validate
from pmpath.render import markdown
from pmpath.report import build_report


def _report(catalog, rating: int = 1, years: float = 0, managing: float = 0):
    answers = validate(
        Answers,
        {
            "profile": {
                "name": "Pat",
                "years_experience": years,
                "years_managing": managing,
                "network_size": 10,
            },
            "ratings": dict.fromkeys(catalog.skill_ids, rating),
        },
    )
    return build_report(answers, catalog, 2026)


HEAD = {"en": "How promotion works", "zh": "晋升如何进行"}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_how_promotion_works_is_shown_once_at_the_next_rung(catalog, lang):
    text = markdown.report(_report(catalog), catalog, lang=lang, generated="2026-12-07")
    assert text.count(HEAD[lang]) == 1
    first, second = text.index("#### 1."), text.index("#### 2.")
    assert first < text.index(HEAD[lang]) < second  # inside step 1, not a later rung
    for point in catalog.promotion.points.get(lang):
        assert point in text.replace("\\", "")


def test_the_guide_covers_what_a_mentor_would_say_in_both_languages(catalog):
    guide = catalog.promotion
    assert guide is not None and len(guide.points.en) == len(guide.points.zh or ()) >= 6
    en = " ".join(guide.points.en).lower()
    for topic in (
        "window",
        "rating",
        "nominat",
        "calibration",
        "next level",
        "sponsor",
        "mentor",
        "managing up",
    ):
        assert topic in en, topic
    zh = "".join(guide.points.zh or ())
    for term in ("晋升窗口", "绩效", "提名", "校准", "晋升答辩", "支持者（sponsor）", "导师", "向上管理"):
        assert term in zh, term
    assert (
        "https://" in guide.source
        and "no public page states a performance-rating bar" in guide.source.lower()
    )


def test_the_management_switch_names_a_trial_hiring_one_to_ones_reviews_and_a_way_back(catalog):
    note = catalog.tracks.switch_note
    for word in ("trial", "hiring", "1:1s", "performance conversations", "Moving back"):
        assert word in note.en, word
    for word in ("试用期", "招聘", "一对一沟通", "绩效面谈", "退回"):
        assert word in (note.zh or ""), word


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_cpo_step_carries_honest_notes_and_labels_the_unverified_one(catalog, lang):
    cpo = catalog.level("cpo")
    notes = cpo.notes.get(lang)
    assert len(notes) >= 4
    label = "Unverified" if lang == "en" else "未经证实"
    unverified = [n for n in notes if n.startswith(label)]
    assert len(unverified) == 1
    china = "business-unit general manager" if lang == "en" else "事业部总经理"
    assert [n for n in notes if china in n] == unverified  # never stated as fact
    text = markdown.report(_report(catalog), catalog, lang=lang, generated="2026-12-07")
    assert notes[0].split("：" if lang == "zh" else ":")[0] in text.replace("\\", "")
    assert "not verified" in cpo.notes_source and "produxlabs" in cpo.notes_source


def test_only_the_levels_with_notes_show_them(catalog):
    assert [lv.id for lv in catalog.levels if lv.notes.en] == ["cpo"]
    text = markdown.report(_report(catalog), catalog, generated="2026-12-07")
    assert text.count("What the bars do not say") == 1
