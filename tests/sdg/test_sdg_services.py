import json

import pytest
from django.utils import translation

from sdg.models import Goal, Indicator, Target
from sdg.services import FRAMEWORK_PATH, SdgSourceError, sdg_load_official_texts, sdg_load_shipped


def test_framework_file_covers_every_code_with_consistent_parents():
    data = json.loads(FRAMEWORK_PATH.read_text(encoding="utf-8"))
    goals = [g["code"] for g in data["goals"]]
    targets = [t["code"] for t in data["targets"]]
    indicators = [i["code"] for i in data["indicators"]]
    assert goals == [str(n) for n in range(1, 18)]
    assert (len(targets), len(set(targets))) == (169, 169)
    assert (len(indicators), len(set(indicators))) == (252, 252)
    assert all(t["code"].split(".")[0] == t["goal"] for t in data["targets"])
    assert all(i["code"].rsplit(".", 1)[0] == i["target"] for i in data["indicators"])
    assert set(targets) >= {i["target"] for i in data["indicators"]}
    for goal in data["goals"]:
        assert set(goal["short_title"]) == {"ar", "en", "es", "fr", "ru", "zh-hans"}
        assert all(text.strip() for text in goal["short_title"].values())
    # Every target has its own label; indicators repeated under several targets may share one.
    assert len({t["short_title"] for t in data["targets"]}) == 169
    # Short labels, not the official texts: a few words each.
    for row in data["targets"] + data["indicators"]:
        assert 1 <= len(row["short_title"].split()) <= 12, row["code"]


@pytest.mark.django_db
def test_shipped_load_creates_the_whole_framework_in_official_order():
    result = sdg_load_shipped()

    assert {key: c.created for key, c in result.counts.items()} == {
        "goals": 17,
        "targets": 169,
        "indicators": 252,
    }
    assert (Goal.objects.count(), Target.objects.count(), Indicator.objects.count()) == (17, 169, 252)
    assert list(Target.objects.filter(goal__code="16").values_list("code", flat=True)) == [
        *(f"16.{n}" for n in range(1, 11)),
        "16.a",
        "16.b",
    ]
    target_codes = list(Target.objects.values_list("code", flat=True))
    assert target_codes[:8] == ["1.1", "1.2", "1.3", "1.4", "1.5", "1.a", "1.b", "2.1"]
    assert target_codes[-1] == "17.19"
    indicator_codes = list(Indicator.objects.values_list("code", flat=True))
    assert (
        indicator_codes.index("16.9.1") < indicator_codes.index("16.10.1") < indicator_codes.index("16.a.1")
    )
    assert indicator_codes.index("1.5.4") < indicator_codes.index("1.a.1")
    assert indicator_codes[:3] == ["1.1.1", "1.2.1", "1.2.2"]
    assert Indicator.objects.get(code="16.10.2").target.code == "16.10"


@pytest.mark.django_db
def test_shipped_load_sets_english_and_translated_short_titles():
    sdg_load_shipped()

    target = Target.objects.get(code="16.3")
    assert target.short_title_en == "Promote the rule of law and access to justice for all"
    assert target.title_en in (None, "")
    with translation.override("fr"):
        assert Goal.objects.get(code="5").short_title == "Égalité des sexes et autonomisation des femmes"
        # Targets have no French short title: modeltranslation falls back to English.
        assert Target.objects.get(code="16.3").short_title == target.short_title_en
    with translation.override("zh-hans"):
        assert Goal.objects.get(code="16").short_title == "和平、正义与问责机构"
    assert Goal.objects.get(code="16").short_title_ar == "السلام والعدالة والمؤسسات الخاضعة للمساءلة"


@pytest.mark.django_db
def test_shipped_load_is_idempotent_and_repairs_changed_rows(shipped):
    again = sdg_load_shipped()
    assert not again.changed
    assert {key: c.unchanged for key, c in again.counts.items()} == {
        "goals": 17,
        "targets": 169,
        "indicators": 252,
    }

    Target.objects.filter(code="5.2").update(short_title_en="edited", order=1)
    repaired = sdg_load_shipped()
    assert (repaired.counts["targets"].updated, repaired.counts["targets"].unchanged) == (1, 168)
    target = Target.objects.get(code="5.2")
    assert (target.short_title_en, target.order) == ("Eliminate violence against women and girls", 502)


@pytest.mark.django_db
def test_official_texts_are_set_per_language(shipped, open_sdg_source):
    result = sdg_load_official_texts(source_dir=open_sdg_source)

    assert {lang: str(c) for lang, c in result.counts.items()} == {
        "ar": "1 created, 0 updated, 0 unchanged",
        "en": "6 created, 0 updated, 0 unchanged",
        "fr": "2 created, 1 updated, 0 unchanged",  # the official short name replaces the shipped one
        "zh-hans": "1 created, 0 updated, 0 unchanged",
    }
    assert result.unknown_codes == ["target 99.1", "indicator 18.1.1"]
    assert "ar/global_goals.yml" in result.missing_files
    assert "target 99.1" in result.summary()

    target = Target.objects.get(code="16.3")
    assert (target.title_en, target.title_fr, target.title_ar) == (
        "EN title of target 16.3",
        "Titre FR de la cible 16.3",
        "عنوان الغاية 16.3",
    )
    assert Target.objects.get(code="1.a").title_en == "EN title of target 1.a, folded over two lines"
    assert Indicator.objects.get(code="1.a.3").title_zh_hans == "指标 1.a.3 的标题"
    assert Indicator.objects.get(code="16.10.2").title_en == "EN title of indicator 16.10.2"
    goal = Goal.objects.get(code="16")
    assert (goal.title_en, goal.title_fr, goal.short_title_fr) == (
        "EN title of goal 16",
        "Titre FR de l’objectif 16",
        "Nom court officiel FR",
    )
    # The project's own English short title is kept.
    assert goal.short_title_en == "Peace, justice and accountable institutions"
    assert not Target.objects.filter(code="99.1").exists()


@pytest.mark.django_db
def test_official_texts_are_idempotent_and_survive_a_later_shipped_load(shipped, open_sdg_source):
    sdg_load_official_texts(source_dir=open_sdg_source)

    again = sdg_load_official_texts(source_dir=open_sdg_source)
    assert not again.changed
    assert again.counts["en"].unchanged == 6

    shipped_again = sdg_load_shipped()
    assert not shipped_again.changed
    goal = Goal.objects.get(code="16")
    assert (goal.title_en, goal.short_title_fr) == ("EN title of goal 16", "Nom court officiel FR")
    assert Target.objects.get(code="16.3").title_ar == "عنوان الغاية 16.3"

    (open_sdg_source / "fr" / "global_targets.yml").write_text(
        "16-3-title: Nouveau titre\n", encoding="utf-8"
    )
    changed = sdg_load_official_texts(source_dir=open_sdg_source)
    assert (changed.counts["fr"].updated, changed.counts["fr"].created) == (1, 0)
    assert Target.objects.get(code="16.3").title_fr == "Nouveau titre"


@pytest.mark.django_db
def test_official_texts_found_in_a_translations_subfolder(shipped, tmp_path, write_open_sdg):
    write_open_sdg(tmp_path / "translations", {"es/global_targets.yml": "5-a-title: Meta 5.a\n"})
    result = sdg_load_official_texts(source_dir=tmp_path)
    assert result.counts["es"].created == 1
    assert Target.objects.get(code="5.a").title_es == "Meta 5.a"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({}, "SDG source directory not found"),
        ({"notes/readme.txt": "x"}, "no language folder"),
        ({"en/readme.txt": "x"}, "no global_goals.yml"),
        ({"en/global_targets.yml": "16-3-title: [unclosed\n"}, "bad YAML in"),
        ({"en/global_targets.yml": "- a list\n- not a mapping\n"}, "bad YAML in"),
    ],
)
def test_unreadable_sources_raise_a_clear_error_and_change_nothing(
    shipped, tmp_path, write_open_sdg, files, message
):
    source = write_open_sdg(tmp_path / "source", files) if files else tmp_path / "missing"
    # A good language next to the bad one must not be half-loaded.
    if "en/global_targets.yml" in files:
        write_open_sdg(source, {"ar/global_targets.yml": "16-3-title: نص\n"})
    with pytest.raises(SdgSourceError, match=message) as error:
        sdg_load_official_texts(source_dir=source)
    assert "\n" not in str(error.value)
    assert not Target.objects.exclude(title_ar=None).exclude(title_ar="").exists()
