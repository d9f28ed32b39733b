"""The one place that turns a country spelling from any raw source into ISO 3166-1 alpha-3.

Lookup order: explicit alias table, then pycountry (codes, names, official and common
names, case-insensitive), then ISO 3166-3 historic codes, then the same with a trailing
parenthetical removed ("Ireland (Eire)", "Belgium (incl. Luxembourg 'LU' -> 1998)").
No fuzzy matching: a name we cannot place exactly is an error that names the source.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import pycountry

from cautils.errors import DataError

CA5: tuple[str, ...] = ("KAZ", "KGZ", "TJK", "TKM", "UZB")
FOCUS: tuple[str, ...] = CA5 + ("RUS", "CHN")

SHORT_NAMES: dict[str, str] = {
    "KAZ": "Kazakhstan",
    "KGZ": "Kyrgyzstan",
    "TJK": "Tajikistan",
    "TKM": "Turkmenistan",
    "UZB": "Uzbekistan",
    "RUS": "Russia",
    "CHN": "China",
    "USA": "United States",
    "TUR": "Türkiye",
    "SUN": "Soviet Union",
}

# Spellings pycountry does not resolve exactly, collected from the raw sources.
# Keys are compared case-insensitively after whitespace normalisation.
ALIASES: dict[str, str] = {
    # Central Asia, Russia, China in the spellings of the sources
    "kyrgyz republic": "KGZ",
    "kyrgyz rep.": "KGZ",
    "kyrgyzstan": "KGZ",
    "киргизия": "KGZ",
    "кыргызстан": "KGZ",
    "кыргызская республика": "KGZ",
    "kazakhstan, rep. of": "KAZ",
    "казахстан": "KAZ",
    "tajikistan, rep. of": "TJK",
    "таджикистан": "TJK",
    "туркменистан": "TKM",
    "туркмения": "TKM",
    "uzbekistan, rep. of": "UZB",
    "узбекистан": "UZB",
    "russia": "RUS",
    "russian federation (russia)": "RUS",
    "russie, fédération de": "RUS",
    "россия": "RUS",
    "российская федерация": "RUS",
    "china, p.r.: mainland": "CHN",
    "китай": "CHN",
    "chine": "CHN",
    "belarus (belorussia)": "BLR",
    # Türkiye in its many forms
    "turkey": "TUR",
    "turkiye": "TUR",
    "türkiye": "TUR",
    "türkýye": "TUR",
    "türki̇ye": "TUR",
    "турция": "TUR",
    # UN official upper-case short forms with parentheses
    "bolivia (plurinational state of)": "BOL",
    "iran (islamic republic of)": "IRN",
    "micronesia (federated states of)": "FSM",
    "venezuela (bolivarian republic of)": "VEN",
    "netherlands (kingdom of the)": "NLD",
    "democratic republic of the congo": "COD",
    "republic of korea": "KOR",
    "democratic people's republic of korea": "PRK",
    "republic of moldova": "MDA",
    "united republic of tanzania": "TZA",
    "lao people's democratic republic": "LAO",
    "syrian arab republic": "SYR",
    "cote d'ivoire": "CIV",
    "côte d’ivoire": "CIV",
    "united kingdom of great britain and northern ireland": "GBR",
    "united states of america": "USA",
    "state of palestine": "PSE",
    # Voeten / countrycode short names
    "antigua & barbuda": "ATG",
    "bosnia & herzegovina": "BIH",
    "bosnia-herzegovina": "BIH",
    "brunei": "BRN",
    "cape verde": "CPV",
    "congo - brazzaville": "COG",
    "congo - kinshasa": "COD",
    "dr congo": "COD",
    "myanmar (burma)": "MMR",
    "st. kitts & nevis": "KNA",
    "st. lucia": "LCA",
    "st. vincent & grenadines": "VCT",
    "saint vincent": "VCT",
    "são tomé & príncipe": "STP",
    "trinidad & tobago": "TTO",
    "micronesia": "FSM",
    "palestine": "PSE",
    "uae": "ARE",
    "kosovo": "XKX",
    # World Bank style names
    "egypt, arab rep.": "EGY",
    "korea, rep.": "KOR",
    "hong kong sar, china": "HKG",
    "lao pdr": "LAO",
    "faeroe islands": "FRO",
    "west bank and gaza": "PSE",
    "iran, islamic rep.": "IRN",
    "yemen, rep.": "YEM",
    "venezuela, rb": "VEN",
    "gambia, the": "GMB",
    "bahamas, the": "BHS",
    "micronesia, fed. sts.": "FSM",
    "st. martin (french part)": "MAF",
    "slovak republic": "SVK",
    "turks and caicos islands": "TCA",
    # Historic states (ISO 3166-3 codes)
    "soviet union": "SUN",
    "ussr": "SUN",
    "czechoslovakia": "CSK",
    "east germany (gdr)": "DDR",
    "german democratic republic": "DDR",
    "yugoslavia": "YUG",
    "south yemen": "YMD",
    "yemen people's republic": "YMD",
}

# Historic or unrecognised entities that appear in SIPRI and Voeten but have no ISO3 code.
UNCODED_ENTITIES: frozenset[str] = frozenset(
    {
        "biafra",
        "katanga",
        "libya gnc",
        "north yemen",
        "northern cyprus",
        "south vietnam",
        "yemen arab republic",
        "yemen arab republic (north yemen)",
        "zanzibar",
    }
)

# Names that are not countries: regions, organisations, non-state actors, totals.
_NON_COUNTRY_PATTERNS = (
    re.compile(r"\*$"),  # SIPRI: * non-state actor, ** international organisation
    re.compile(r"^unknown ", re.IGNORECASE),
    re.compile(r"^REGION: "),  # SIPRI MILEX regional rows
    re.compile(r"^(european union|euro area|union européenne|extra-|intra-)", re.IGNORECASE),
    re.compile(r"^(total|other|rest of) ", re.IGNORECASE),
    re.compile(
        r"^(world|cis|eu|non-eu|africa|asia pacific|europe|middle east|north america|"
        r"s\. & cent\. america)$",
        re.IGNORECASE,
    ),
)


class UnknownCountry(DataError):
    """A country spelling that no rule maps to ISO3."""

    def __init__(self, name: object, source: str) -> None:
        super().__init__(
            source,
            f"unknown country name {name!r}",
            expected="a name or code that cautils.countries maps to ISO3 (add it to ALIASES if it is a real country)",
        )
        self.name = name


def _normalise(name: str) -> str:
    text = unicodedata.normalize("NFC", str(name)).strip()
    return re.sub(r"\s+", " ", text)


def _strip_parenthetical(text: str) -> str:
    return re.sub(r"\s*\([^()]*\)\s*$", "", text).strip()


@lru_cache(maxsize=4096)
def _lookup(text: str) -> str | None:
    key = text.casefold()
    if key in ALIASES:
        return ALIASES[key]
    try:
        return pycountry.countries.lookup(text).alpha_3
    except LookupError:
        pass
    try:
        return pycountry.historic_countries.lookup(text).alpha_3
    except LookupError:
        pass
    if text.isdigit():  # M49 / ISO numeric codes written without leading zeros
        try:
            country = pycountry.countries.get(numeric=text.zfill(3))
        except KeyError:
            return None
        return country.alpha_3 if country is not None else None
    return None


def is_non_country(name: object) -> bool:
    """True for aggregates, organisations, non-state actors, uncoded entities, 'unknown'."""
    text = _normalise(str(name))
    if text.casefold() in UNCODED_ENTITIES:
        return True
    return any(pattern.search(text) for pattern in _NON_COUNTRY_PATTERNS)


def to_iso3(name: object, source: str = "<unspecified source>") -> str:
    """Map a name or code (ISO2/ISO3/M49, English, UN upper-case, Russian) to ISO3.

    Raises UnknownCountry naming `source` (a file path or label) and the name.
    """
    if name is None or (isinstance(name, float) and name != name):
        raise UnknownCountry(name, source)
    if isinstance(name, int):
        name = str(name)
    text = _normalise(str(name))
    if not text:
        raise UnknownCountry(name, source)
    found = _lookup(text)
    if found is None:
        stripped = _strip_parenthetical(text)
        if stripped and stripped != text:
            found = _lookup(stripped)
    if found is None:
        raise UnknownCountry(name, source)
    return found


def to_iso3_or_none(name: object, source: str = "<unspecified source>") -> str | None:
    """Like to_iso3, but known non-countries (aggregates, non-state actors) give None."""
    if is_non_country(name):
        return None
    return to_iso3(name, source)


def short_name(iso3: str) -> str:
    """A short English display name for an ISO3 code."""
    if iso3 in SHORT_NAMES:
        return SHORT_NAMES[iso3]
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        historic = pycountry.historic_countries.get(alpha_3=iso3)
        return historic.name if historic else iso3
    return getattr(country, "common_name", None) or country.name
