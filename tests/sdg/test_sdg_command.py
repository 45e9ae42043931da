from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from sdg.models import Goal, Indicator, Target


def run(*args: str) -> list[str]:
    out = StringIO()
    call_command("load_sdg", *args, stdout=out)
    return out.getvalue().splitlines()


@pytest.mark.django_db
def test_without_source_loads_the_shipped_framework(settings):
    settings.SDG_SOURCE_DIR = ""
    lines = run()
    assert lines == [
        "shipped framework: goals 17 created, 0 updated, 0 unchanged; "
        "targets 169 created, 0 updated, 0 unchanged; indicators 252 created, 0 updated, 0 unchanged"
    ]
    assert (Goal.objects.count(), Target.objects.count(), Indicator.objects.count()) == (17, 169, 252)
    assert run()[0].endswith("indicators 0 created, 0 updated, 252 unchanged")


@pytest.mark.django_db
def test_with_source_also_loads_official_texts(open_sdg_source):
    lines = run("--source", str(open_sdg_source))
    assert len(lines) == 2
    assert lines[1].startswith(f"official texts from {open_sdg_source}: ar 1 created")
    assert "en 6 created, 0 updated, 0 unchanged" in lines[1]
    assert "2 unknown codes skipped (target 99.1, indicator 18.1.1)" in lines[1]
    assert Target.objects.get(code="16.3").title_fr == "Titre FR de la cible 16.3"


@pytest.mark.django_db
def test_source_defaults_to_the_setting(settings, open_sdg_source):
    settings.SDG_SOURCE_DIR = str(open_sdg_source)
    lines = run()
    assert len(lines) == 2
    assert Goal.objects.get(code="16").title_en == "EN title of goal 16"


@pytest.mark.django_db
def test_missing_directory_is_refused_without_changes(tmp_path):
    with pytest.raises(CommandError, match="SDG source directory not found") as error:
        run("--source", str(tmp_path / "nowhere"))
    assert "\n" not in str(error.value)
    assert not Goal.objects.exists()


@pytest.mark.django_db
def test_directory_without_language_folders_is_refused(tmp_path):
    with pytest.raises(CommandError, match="no language folder"):
        run("--source", str(tmp_path))
    assert not Target.objects.exists()


@pytest.mark.django_db
def test_bad_yaml_is_refused_with_its_location(tmp_path, write_open_sdg):
    source = write_open_sdg(tmp_path, {"fr/global_goals.yml": "16-title: ok\n  bad: indentation: here\n"})
    with pytest.raises(CommandError, match=r"bad YAML in .*global_goals.yml at line 2"):
        run("--source", str(source))
    assert not Goal.objects.exists()
