import pytest

from sdg.selectors import goal_by_code, indicator_by_code, parse_sdg_code, target_by_code


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5", ("goal", "5")),
        ("SDG 5", ("goal", "5")),
        ("sdg5", ("goal", "5")),
        ("SDG-17", ("goal", "17")),
        ("Goal 5", ("goal", "5")),
        ("  goal 05: Gender equality", ("goal", "5")),
        ("5.2", ("target", "5.2")),
        ("Target 5.2", ("target", "5.2")),
        ("SDG target 16.10", ("target", "16.10")),
        ("16.3 - Promote the rule of law…", ("target", "16.3")),
        ("5.a", ("target", "5.a")),
        ("TARGET 5.A", ("target", "5.a")),
        ("5.2.1", ("indicator", "5.2.1")),
        ("Indicator 1.a.3", ("indicator", "1.a.3")),
        ("16.10.2.", ("indicator", "16.10.2")),
    ],
)
def test_parse_sdg_code_recognises(text, expected):
    assert parse_sdg_code(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "SDG", "18", "Goal 0", "5.0", "5.x", "5.2x", "5.2.1.4", "Article 5", "A/HRC/52/12", "x 5.2"],
)
def test_parse_sdg_code_rejects(text):
    assert parse_sdg_code(text) is None


@pytest.mark.django_db
def test_lookups_by_code(shipped):
    assert goal_by_code("5").number == 5
    assert goal_by_code("18") is None
    target = target_by_code(" 5.A ")
    assert (target.code, target.goal.code) == ("5.a", "5")
    assert target_by_code("16.10").short_title_en == "Access to information and fundamental freedoms"
    assert indicator_by_code("16.10.2").target.code == "16.10"
    assert indicator_by_code("1.1.9") is None
