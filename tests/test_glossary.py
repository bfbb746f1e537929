"""One Chinese term per concept: the glossary (../shared/ZH-GLOSSARY.md, adopted with the
changes its commit names) held over every Chinese text pmpath shows -- the interface's
catalogue, the ladder and the course catalogue. A variant the glossary replaced fails here
with the text it was found in."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from typing import Any

import pytest

from pmpath.catalog import data_dir
from pmpath.i18n import zh

from conftest import ROOT

REPLACED = {
    "阶梯": "职级体系",
    "级别目录": "职级体系",
    "个人贡献者": "专业路线（P 序列）",
    "容差": "允许差 1 分",
    "最早": "最快",
    "最少年数": "最快",
    "首席采购官": "首席产品官",
    "学历": "学位",
    "脚本化": "plain words: 自动运行",
    "360 度评价": "360 度评估",
    "360度": "360 度",
    "隐藏优势": "被低估的长处",
    "测评": "评估 (one run of pmpath assess; a rater's part is 评价)",
    "批次": "团队／本期学员 (a cohort is people, not a production batch)",
    "答卷": "答案文件",
    "实例": "plain words: 一件做过的事",
    "经理和同事": "上级和同事 (a rater's role is 上级)",
    "事前验尸": "事前复盘（预演失败） (docs/ZH-GLOSSARY.md)",
    "业务伙伴": "BP: 财务 BP, HRBP (业务伙伴 is a calque)",
    "结对": "跟着……团队 (结对 is pair programming's calque)",
    "商业分析与资源调配": "商业思维与资源配置 (read as a business-analyst job title)",
    "赞助人": "支持者（sponsor） (赞助 reads as funding)",
    "微信联系人": "人脉 is people you could ask, not a chat app's contact count",
}
"""A variant → the glossary's term."""

GLOSSED = re.compile(r"（(?:Junior|Senior|Principal) PM）|产品经理（PM）")
"""An English gloss inside a Chinese level name nests brackets: （下一级：高级产品经理（Senior PM））."""


def _zh_texts(value: Any, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == "zh" and isinstance(inner, str):
                yield f"{where}.zh", inner
            elif key == "zh" and isinstance(inner, list):  # anchors, KPIs, notes, the promotion guide
                yield from ((f"{where}.zh[{i}]", t) for i, t in enumerate(inner) if isinstance(t, str))
            else:
                yield from _zh_texts(inner, f"{where}.{key}")
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            yield from _zh_texts(inner, f"{where}[{i}]")


def texts() -> list[tuple[str, str]]:
    found = [(f"zh.py:{key}", text) for key, text in zh.STRINGS.items()]
    for name in ("levels.toml", "courses.toml"):
        found += _zh_texts(tomllib.loads((data_dir() / name).read_text(encoding="utf-8")), name)
    return found


def test_there_are_chinese_texts_to_hold():
    assert len(texts()) > 600  # the catalogue and both data files were read


@pytest.mark.parametrize("variant", list(REPLACED))
def test_no_text_uses_a_term_the_glossary_replaced(variant):
    found = [f"{where}: {text[:60]}" for where, text in texts() if variant in text]
    assert found == [], f"{variant} → {REPLACED[variant]}:\n" + "\n".join(found)


def test_no_level_name_carries_an_english_gloss():
    found = [f"{where}: {text[:60]}" for where, text in texts() if GLOSSED.search(text)]
    assert found == []


@pytest.mark.parametrize(
    "term",
    [
        "职级体系",
        "专业路线（P 序列）",
        "管理路线（M 序列）",
        "核心技能（必须达标）",
        "最快",
        "360 度评估",
        "盲点",
        "被低估的长处",
        "可作为晋升证据的 KPI／OKR 成果",
        "财务 BP",
        "事前复盘（预演失败）",
        "支持者（sponsor）",
        "晋升答辩",
        "述职",
        "绩效",
        "晋升窗口",
        "向上管理",
        "商业思维与资源配置",
        "损益",
    ],
)
def test_the_glossary_terms_are_the_ones_used(term):
    assert any(term in text for _, text in texts()), term


def test_a_programme_is_a_training_programme_not_a_project():
    """项目 alone reads as a project (项目管理与交付 is a skill): a course of that kind is 培训项目."""
    assert zh.STRINGS["r_t_kind_programme"] == "培训项目"


GLOSSARY = ROOT / "docs" / "ZH-GLOSSARY.md"


def test_the_glossary_copy_names_every_term_the_data_is_held_to():
    """docs/ZH-GLOSSARY.md extends the shared glossary with issue 38's terms: each term a test
    above holds the data to, and each replaced calque, is written down there for translators."""
    doc = GLOSSARY.read_text(encoding="utf-8")
    for term in (
        "财务 BP",
        "事前复盘（预演失败）",
        "支持者（sponsor）",
        "晋升答辩",
        "述职",
        "绩效",
        "选赛道",
    ):
        assert term in doc, term
    for calque in ("事前验尸", "财务业务伙伴", "结对", "商业分析与资源调配", "赞助人", "微信联系人"):
        assert calque in doc, calque
