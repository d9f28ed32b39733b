"""Notes without hand-typed figures: `{placeholders}` filled from a part's evaluated numbers.

A note such as "A near miss: {share:.1%} from 2013" takes `share` from the numbers the
evaluator returned, so the note cannot drift from the data. Dotted paths reach into nested
numbers (`{periods.0.rank}`, `{values.2024:.1f}`). `stray_numbers` lists the figures a text
types by hand: every number must come from a placeholder, the claim's own quote, or the
check's parameters (the method choices, such as a window or a threshold).
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable
from typing import Any

NUMBER = re.compile(r"(?<![\w/.-])\d[\d,]*(?:\.\d+)?")
# Tokens that contain digits but are names, not figures: claim ids, UN symbols, SIPRI-style
# releases written with the year, HS codes quoted as product names, "C5+1", "G7", "ES-11".
NAME_TOKENS = re.compile(
    r"\b[A-Z]\d{2,3}\b|A/RES/[\w/.-]+|ES-\d+(?:/\d+)?|\bC5\+1\b|\bC\+C5\b|\bGCC\+C5\b|\bG7\b|\bG20\b"
    r"|\b\d+(?:st|nd|rd|th)\b|\bCN8\b|\bHS\d\b|\bISO3\b"
)


class NoteError(ValueError):
    """A note refers to a number the evaluation did not produce."""


class _Formatter(string.Formatter):
    def __init__(self, numbers: dict[str, Any]) -> None:
        self.numbers = numbers

    def get_field(self, field_name: str, args: Any, kwargs: Any) -> tuple[Any, str]:
        value: Any = self.numbers
        for step in field_name.split("."):
            if isinstance(value, dict) and step in value:
                value = value[step]
            elif isinstance(value, list) and step.isdigit() and int(step) < len(value):
                value = value[int(step)]
            else:
                raise NoteError(f"no number '{field_name}' (available: {', '.join(sorted(map(str, self.numbers)))})")
        return value, field_name


def render(template: str, numbers: dict[str, Any]) -> str:
    """Fill `{path:format}` placeholders from `numbers`; `{{` and `}}` are literal braces."""
    if not template:
        return ""
    return _Formatter(numbers).format(template)


def _numbers_of(value: Any) -> Iterable[float]:
    if isinstance(value, bool):
        return
    if isinstance(value, int | float):
        yield float(value)
    elif isinstance(value, str):  # every digit run of a text or parameter (codes, dates, table names)
        for token in re.findall(r"\d[\d,]*(?:\.\d+)?", value):
            yield float(token.replace(",", ""))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _numbers_of(key)
            yield from _numbers_of(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _numbers_of(item)


def allowed_numbers(*sources: Any) -> set[float]:
    """Every number in the given texts and parameters; percentages also as fractions."""
    found: set[float] = set()
    for source in sources:
        for number in _numbers_of(source):
            found |= {number, round(number * 100, 6), round(number / 100, 6)}
    return found


def stray_numbers(text: str, allowed: set[float]) -> list[str]:
    """Figures in `text` (placeholders removed) that are neither allowed nor name tokens."""
    without = re.sub(r"\{[^{}]*\}", " ", text or "")
    without = NAME_TOKENS.sub(" ", without)
    stray = []
    for token in NUMBER.findall(without):
        value = float(token.replace(",", ""))
        if value not in allowed:
            stray.append(token)
    return stray
