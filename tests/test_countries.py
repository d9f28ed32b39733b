"""cautils.countries: every spelling in the sources maps to one ISO3; unknown names fail loudly."""

from __future__ import annotations

import pycountry
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cautils.countries import (
    ALIASES,
    UnknownCountry,
    is_non_country,
    short_name,
    to_iso3,
    to_iso3_or_none,
)

COUNTRIES = list(pycountry.countries)


@given(st.sampled_from(COUNTRIES))
def test_every_iso_code_and_name_maps_back(country):
    assert to_iso3(country.alpha_3, "t") == country.alpha_3
    assert to_iso3(country.alpha_2, "t") == country.alpha_3
    assert to_iso3(country.name, "t") == country.alpha_3
    assert to_iso3(country.alpha_3.lower(), "t") == country.alpha_3


@given(st.sampled_from(COUNTRIES))
def test_m49_numeric_codes_with_or_without_leading_zeros(country):
    assert to_iso3(country.numeric, "t") == country.alpha_3
    assert to_iso3(int(country.numeric), "t") == country.alpha_3


@given(st.sampled_from(COUNTRIES), st.sampled_from([str.upper, str.lower, str.title]))
def test_case_and_surrounding_whitespace_do_not_matter(country, case):
    assert to_iso3(f"  {case(country.name)} ", "t") == country.alpha_3


@given(st.sampled_from(sorted(ALIASES.items())))
def test_aliases_resolve_to_real_codes(item):
    name, iso3 = item
    assert to_iso3(name, "t") == iso3
    assert to_iso3(name.upper(), "t") == iso3
    assert pycountry.countries.get(alpha_3=iso3) or pycountry.historic_countries.get(alpha_3=iso3) or iso3 == "XKX"


@pytest.mark.parametrize(
    "name, iso3",
    [
        ("Kyrgyz Republic", "KGZ"),
        ("Kyrgyz Rep.", "KGZ"),
        ("Киргизия", "KGZ"),
        ("Turkiye", "TUR"),
        ("TÜRKİYE", "TUR"),
        ("TURKEY", "TUR"),
        ("RUSSIAN FEDERATION", "RUS"),
        ("Russian Federation (Russia)", "RUS"),
        ("Казахстан", "KAZ"),
        ("Узбекистан", "UZB"),
        ("IRAN (ISLAMIC REPUBLIC OF)", "IRN"),
        ("Belgium (incl. Luxembourg 'LU' -> 1998)", "BEL"),
        ("Ireland (Eire)", "IRL"),
        ("Soviet Union", "SUN"),
        ("398", "KAZ"),
        ("kgz", "KGZ"),
    ],
)
def test_source_spellings(name, iso3):
    assert to_iso3(name, "t") == iso3


@given(st.text(alphabet="qxzjvw", min_size=6, max_size=12))
def test_unknown_names_raise_naming_source_and_name(name):
    with pytest.raises(UnknownCountry) as info:
        to_iso3(name, "trade/file.csv.gz")
    message = str(info.value)
    assert "trade/file.csv.gz" in message
    assert repr(name) in message


@pytest.mark.parametrize("bad", [None, float("nan"), "", "   "])
def test_missing_names_raise(bad):
    with pytest.raises(UnknownCountry):
        to_iso3(bad, "src.csv")


@pytest.mark.parametrize(
    "name",
    [
        "Hezbollah (Lebanon)*",
        "NATO**",
        "unknown supplier(s)",
        "REGION: Central Asia",
        "Other CIS",
        "Total imports",
        "World",
        "European Union - 27 countries (AT, BE)",
        "Northern Cyprus",
    ],
)
def test_non_countries_are_recognised(name):
    assert is_non_country(name)
    assert to_iso3_or_none(name, "t") is None


def test_non_country_check_does_not_swallow_countries():
    assert not is_non_country("Kazakhstan")
    assert to_iso3_or_none("Kazakhstan", "t") == "KAZ"


def test_short_names():
    assert short_name("KGZ") == "Kyrgyzstan"
    assert short_name("TUR") == "Türkiye"
    assert short_name("DEU") == "Germany"
