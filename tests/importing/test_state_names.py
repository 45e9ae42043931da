"""States by any name: codes, UN and ISO names in six languages, former names, UPR Info's spellings.

The importer (`Matcher`) and `manage.py import_recommendations --state` resolve a State through the
shipped alias table (recommendations/data/state_aliases.csv and countries.json, with pycountry's codes
and ISO names); the cases below are pinned so that a new pycountry release cannot change them unnoticed.
"""

from __future__ import annotations

import csv
from io import StringIO
from pathlib import Path

import pycountry
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from recommendations.importing import service
from recommendations.importing.matching import STATE_ALIASES, Matcher, fold, load_state_names
from recommendations.models import Country, ImportBatch, Recommendation
from tests.importing.files import UPRINFO_HEADERS, write_csv

ALIASES = {
    "Türkiye": "TUR", "Turkey": "TUR", "Czechia": "CZE", "Czech Republic": "CZE", "Eswatini": "SWZ",
    "Swaziland": "SWZ", "North Macedonia": "MKD", "FYR Macedonia": "MKD",
    "The former Yugoslav Republic of Macedonia": "MKD", "Lao PDR": "LAO", "Laos": "LAO",
    "Syrian Arab Republic": "SYR", "Syria": "SYR", "State of Palestine": "PSE", "Palestine": "PSE",
    "USA": "USA", "United States": "USA", "United States of America": "USA", "UK": "GBR",
    "United Kingdom": "GBR", "DPRK": "PRK", "DPR Korea": "PRK", "North Korea": "PRK",
    "Republic of Korea": "KOR", "South Korea": "KOR", "Côte d'Ivoire": "CIV", "Ivory Coast": "CIV",
    "Cabo Verde": "CPV", "Cape Verde": "CPV", "Myanmar": "MMR", "Burma": "MMR", "Timor-Leste": "TLS",
    "East Timor": "TLS", "Holy See": "VAT", "Vatican": "VAT", "Russian Federation": "RUS", "Russia": "RUS",
    "Iran (Islamic Republic of)": "IRN", "Iran": "IRN", "Venezuela (Bolivarian Republic of)": "VEN",
    "Venezuela": "VEN", "Bolivia (Plurinational State of)": "BOL", "Bolivia": "BOL",
    "Micronesia (Federated States of)": "FSM", "Republic of Moldova": "MDA", "Moldova": "MDA",
    "United Republic of Tanzania": "TZA", "Tanzania": "TZA", "Viet Nam": "VNM", "Vietnam": "VNM",
    "Brunei Darussalam": "BRN", "Brunei": "BRN", "Congo": "COG", "Democratic Republic of the Congo": "COD",
    "DR Congo": "COD", "Congo-Kinshasa": "COD", "Zaire": "COD",
}  # fmt: skip

# Every State name in UPR Info's export of sessions 1 to 5 (shared/reference/samples), copied once.
# The export also writes "&#40;Unknown&#41;", "(Unknown)", for a recommending State it does not know.
UPR_INFO_SAMPLE_STATES = [
    "Afghanistan", "Albania", "Algeria", "Angola", "Argentina", "Armenia", "Australia", "Austria",
    "Azerbaijan", "Bahamas", "Bahrain", "Bangladesh", "Barbados", "Belarus", "Belgium", "Belize", "Benin",
    "Bhutan", "Bolivia", "Botswana", "Brazil", "Bulgaria", "Burkina Faso", "Burundi", "Cambodia",
    "Cameroon", "Canada", "Cape Verde", "Central African Republic", "Chad", "Chile", "China", "Colombia",
    "Comoros", "Cote d'Ivoire", "Croatia", "Cuba", "Czech Republic", "DPR Korea",
    "Democratic Republic of Congo", "Denmark", "Djibouti", "Dominican Republic", "Ecuador", "Egypt",
    "El Salvador", "Equatorial Guinea", "Estonia", "Finland", "France", "Gabon", "Georgia", "Germany",
    "Ghana", "Greece", "Guatemala", "Haiti", "Holy See", "Honduras", "Hungary", "Iceland", "India",
    "Indonesia", "Iran", "Ireland", "Israel", "Italy", "Jamaica", "Japan", "Jordan", "Kazakhstan",
    "Kuwait", "Laos", "Latvia", "Lebanon", "Libya", "Liechtenstein", "Lithuania", "Luxembourg",
    "Macedonia FYR", "Madagascar", "Malaysia", "Maldives", "Mali", "Malta", "Mauritania", "Mauritius",
    "Mexico", "Moldova", "Monaco", "Montenegro", "Morocco", "Mozambique", "Myanmar", "Nepal",
    "Netherlands", "New Zealand", "Nicaragua", "Niger", "Nigeria", "Norway", "Oman", "Pakistan",
    "Palestine", "Panama", "Paraguay", "Peru", "Philippines", "Poland", "Portugal", "Qatar",
    "Republic of Congo", "Republic of Korea", "Romania", "Russian Federation", "Rwanda", "Saudi Arabia",
    "Senegal", "Serbia", "Singapore", "Slovakia", "Slovenia", "Somalia", "South Africa", "Spain",
    "Sri Lanka", "Sudan", "Sweden", "Switzerland", "Syria", "Tanzania", "Thailand", "Tonga",
    "Trinidad & Tobago", "Tunisia", "Turkey", "Turkmenistan", "Tuvalu", "Ukraine", "United Arab Emirates",
    "United Kingdom", "United States", "Uruguay", "Uzbekistan", "Vanuatu", "Venezuela", "Viet Nam",
    "Yemen", "Zambia", "Zimbabwe"
]  # fmt: skip

# The sample's names that are not a UN name of the State.
UPR_INFO_SPELLINGS = {
    "Bolivia": "BOL", "Cape Verde": "CPV", "Cote d'Ivoire": "CIV", "Czech Republic": "CZE",
    "DPR Korea": "PRK", "Democratic Republic of Congo": "COD", "Iran": "IRN", "Laos": "LAO",
    "Macedonia FYR": "MKD", "Moldova": "MDA", "Netherlands": "NLD", "Palestine": "PSE",
    "Republic of Congo": "COG", "Syria": "SYR", "Tanzania": "TZA", "Trinidad & Tobago": "TTO",
    "Turkey": "TUR", "United Kingdom": "GBR", "United States": "USA", "Venezuela": "VEN",
}  # fmt: skip

WRITTEN_FORMS = {
    "Korea, Republic of": "KOR", "Korea (Republic of)": "KOR", "KOREA, REPUBLIC OF": "KOR",
    "korea republic of": "KOR", "Korea, Democratic People's Republic of": "PRK",
    "Moldova, Republic of": "MDA", "Congo, The Democratic Republic of the": "COD",
    "Congo (Democratic Republic of the)": "COD", "Tanzania, United Republic of": "TZA",
    "Iran, Islamic Republic of": "IRN", "Bolivia, Plurinational State of": "BOL",
    "Plurinational State of Bolivia": "BOL", "Netherlands (Kingdom of the)": "NLD",
    "Kingdom of the Netherlands": "NLD", "Corée, République de": "KOR", "Corea, República de": "KOR",
    "Trinidad & Tobago": "TTO", "Antigua & Barbuda": "ATG", "Saint Vincent & the Grenadines": "VCT",
    "Bosnia & Herzegovina": "BIH", "COTE D'IVOIRE": "CIV", "Côte d’Ivoire": "CIV", "cote d ivoire": "CIV",
    "Timor Leste": "TLS", "Guinea Bissau": "GNB", "  united   states  ": "USA", "St. Kitts and Nevis": "KNA",
    "The Gambia": "GMB", "Gambia, The": "GMB", "Iran, Islamic Rep.": "IRN", "Türkiye": "TUR",
    "Turkiye": "TUR", "Bolivie": "BOL", "États-Unis d'Amérique": "USA", "Соединенные Штаты Америки": "USA",
    "美利坚合众国": "USA", "الولايات المتحدة الأمريكية": "USA", "Estados Unidos de América": "USA",
    "FR": "FRA", "fra": "FRA", "250": "FRA", "004": "AFG", "4": "AFG",
}  # fmt: skip

GARBAGE = [
    "", "   ", "???", "-", "&", "Korea", "Virgin Islands", "0", "999", "Atlantis", "x" * 10_000,
    "Republic of " * 2_000, "Korea " * 30 + "Republic of", "'; DROP TABLE recommendations_country; --",
    "1 OR 1=1", "Robert'); DELETE FROM auth_user WHERE ('1'='1", "\x00", "\u202e\u200b",
]  # fmt: skip


@pytest.fixture
def codes(db) -> dict[int, str]:
    return {pk: code for code, pk in Country.objects.values_list("code", "pk")}


@pytest.fixture
def matcher(db) -> Matcher:
    return Matcher()


def resolve(matcher: Matcher, codes: dict[int, str], name: str) -> str | None:
    pk = matcher.one("state", name)
    return codes[pk] if pk is not None else None


@pytest.mark.parametrize(("name", "code"), ALIASES.items())
def test_the_usual_and_former_names_resolve(matcher, codes, name, code):
    assert resolve(matcher, codes, name) == code


@pytest.mark.parametrize(("name", "code"), WRITTEN_FORMS.items())
def test_case_accents_punctuation_and_and_word_order_do_not_matter(matcher, codes, name, code):
    assert resolve(matcher, codes, name) == code


def test_every_m49_code_resolves(matcher, codes):
    for pk, code in codes.items():
        numeric = pycountry.countries.get(alpha_3=code).numeric
        assert matcher.one("state", numeric) == pk, (code, numeric)
        assert matcher.one("state", str(int(numeric))) == pk, (code, numeric)


def test_every_code_and_un_name_in_six_languages_resolves(matcher):
    fields = ["code", "name", "name_ar", "name_en", "name_es", "name_fr", "name_ru", "name_zh_hans"]
    for row in Country.objects.values("pk", *fields):
        pk = row.pop("pk")
        alpha_2 = pycountry.countries.get(alpha_3=row["code"]).alpha_2
        for value in [*row.values(), alpha_2, alpha_2.lower()]:
            assert matcher.one("state", value) == pk, value
    assert not any(matcher.unknown.values())


def test_every_state_of_the_upr_info_sample_resolves(matcher, codes):
    names = dict(Country.objects.values_list("code", "name_en"))
    for name in UPR_INFO_SAMPLE_STATES:
        code = resolve(matcher, codes, name)
        assert code is not None, name
        assert code == UPR_INFO_SPELLINGS.get(name) or fold(names[code]) == fold(name), (name, code)
    assert not any(matcher.unknown.values())


def test_unknown_is_no_state_and_not_an_unknown_value(matcher):
    for value in ("(Unknown)", "Unknown", "N/A", "-"):
        assert matcher.one("state", value) is None
    assert not matcher.unknown["state"]


@pytest.mark.parametrize("value", GARBAGE, ids=range(len(GARBAGE)))
def test_garbage_matches_nothing_and_raises_nothing(matcher, value):
    assert matcher.one("state", value) is None
    assert matcher.many("state", [value, value]) == set()


def test_the_shipped_table_names_no_state_twice():
    table = load_state_names()  # raises if a shipped name would name two States
    assert table.ambiguous == frozenset()  # nor do two States share one of pycountry's names
    with STATE_ALIASES.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and all(table.find(row["alias"]) == row["alpha_3"] for row in rows)


def write_aliases(path: Path, rows: list[str]) -> Path:
    path.write_text("alias,alpha_3\n" + "".join(f"{row}\n" for row in rows), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (["Ivory Coast,CIV", "IVORY-COAST,GHA"], r"row 3: “IVORY-COAST” would name GHA, but .*row 2 .*CIV"),
        (
            ['"Korea, Republic of",PRK'],
            r"row 2: “Korea, Republic of” would name PRK, but countries.json, KOR",
        ),
        (["Congo,COD"], r"“Congo” would name COD, but countries.json, COG \(en\)"),
        (["Trinidad & Tobago,TTO", "Trinidad and Tobago,TGO"], r"row 3: .* would name TGO"),
        (["Atlantis,ATL"], r"row 2: “ATL” is no State's alpha-3 code"),
        (["Atlantis"], r"row 2: expected an alias and an alpha-3 code"),
    ],
)
def test_a_table_that_names_two_states_alike_is_refused(tmp_path, rows, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        load_state_names(write_aliases(tmp_path / "aliases.csv", rows))


def test_a_table_without_its_header_is_refused(tmp_path):
    path = tmp_path / "aliases.csv"
    path.write_text("name,code\nTurkey,TUR\n", encoding="utf-8")
    with pytest.raises(ImproperlyConfigured, match="header"):
        load_state_names(path)


RECOMMENDING = [
    "United States",
    "Syria",
    "Laos",
    "Turkey",
    "Czech Republic",
    "DPR Korea",
    "Bosnia & Herzegovina",
]


def uprinfo_file(path: Path, state: str) -> Path:
    rows = [
        [state, "EEG", "EU", f"Ratify the Optional Protocol, measure {n}.", recommending, "WEOG", "",
         "Accepted", "2", "Detention", "5"]
        for n, recommending in enumerate(RECOMMENDING, start=1)
    ]  # fmt: skip
    return write_csv(path, [UPRINFO_HEADERS, *rows])


def test_upr_info_states_by_their_usual_names_preview_with_no_unknown_state(tmp_path, admin_user):
    path = uprinfo_file(tmp_path / "uprinfo.csv", "Czech Republic")
    batch = service.import_upload(
        user=admin_user,
        upload=SimpleUploadedFile(path.name, path.read_bytes()),
        state_scope="CZE",
        enqueue=False,
    )
    batch = service.import_preview(batch_id=batch.pk)
    assert batch.status == ImportBatch.Status.PREVIEWED, batch.error
    assert batch.format == "uprinfo" and "state" not in batch.report["unknown"]
    assert (batch.counts["new"], batch.counts["skipped"], batch.counts["invalid"]) == (7, 0, 0)
    service.import_confirm(batch=batch, enqueue=False)
    assert service.import_commit(batch_id=batch.pk).status == ImportBatch.Status.IMPORTED
    recommending = {
        code
        for rec in Recommendation.objects.all()
        for code in rec.recommending_states.values_list("code", flat=True)
    }
    assert recommending == {"USA", "SYR", "LAO", "TUR", "CZE", "PRK", "BIH"}
    assert set(Recommendation.objects.values_list("state__code", flat=True)) == {"CZE"}


@pytest.mark.parametrize("state", ["Czech Republic", "czechia", "CZ", "203", "Tchéquie"])
def test_the_command_takes_a_state_by_any_name(tmp_path, db, state):
    path = uprinfo_file(tmp_path / "uprinfo.csv", "Czechia")
    out = StringIO()
    call_command("import_recommendations", str(path), "--state", state, "--dry-run", stdout=out)
    assert "new 7, updated 0, unchanged 0, invalid 0, skipped 0" in out.getvalue()
    assert "unknown state" not in out.getvalue()
