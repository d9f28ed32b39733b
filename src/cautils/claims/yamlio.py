"""Write ledger YAML the way people edit it: block style, with check parameters on one line."""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml

HEADER = (
    "# Claim ledger, article {id}. Quotes are exact substrings of the article text (../shared/articles/).\n"
    "# Paragraph = the n-th non-empty line of the article file (headings count).\n"
    "# Each part's `expected` is its reviewed verdict; the claim's verdict combines its parts\n"
    "# (cautils.claims.rubric.combine). `cautils claims --check` fails if the data ever give another\n"
    "# verdict, or if a claim's verdict differs from `published` without a dated entry in\n"
    "# corrections.yaml. `sentences` lists every sentence that holds no checkable fact, with why.\n"
)


class _Flow(dict):
    """A mapping written in flow style ({a: 1, b: 2})."""


class _FlowList(list):
    """A sequence written in flow style ([a, b])."""


class _Dumper(yaml.SafeDumper):
    pass


def _flow(dumper: yaml.SafeDumper, data: _Flow) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=True)


def _plain_ok(data: str) -> bool:
    """Whether `data` reads back as the same string when written without quotes."""
    if not data or data != data.strip() or any(ch in data for ch in ":#{}[],&*!|>'\"%@`«»"):
        return False
    try:
        return yaml.safe_load(data) == data
    except yaml.YAMLError:
        return False


def _str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    style = None if _plain_ok(data) else '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


def _date(dumper: yaml.SafeDumper, data: dt.date) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", data.isoformat())


_Dumper.add_representer(_Flow, _flow)
_Dumper.add_representer(_FlowList, lambda d, data: d.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True))
_Dumper.add_representer(str, _str)
_Dumper.add_representer(dt.date, _date)


FLOW_WIDTH = 96


def _flow_width(value: Any) -> int:
    text = yaml.dump(_flowify(value), Dumper=_Dumper, default_flow_style=True, width=10_000, allow_unicode=True)
    return len(text.strip())


def _params(value: dict[str, Any]) -> Any:
    """Parameters on one line when short; else one line per key, each value on one line if it fits."""
    if _flow_width(value) <= FLOW_WIDTH:
        return _flowify(value)
    out: dict[str, Any] = {}
    for k, v in value.items():
        if isinstance(v, dict | list) and _flow_width(v) > FLOW_WIDTH:
            out[k] = (
                _params(v) if isinstance(v, dict) else [_params(i) if isinstance(i, dict) else _flowify(i) for i in v]
            )
        else:
            out[k] = _flowify(v)
    return out


def _prepare(value: Any, key: str | None = None) -> Any:
    if key == "params" and isinstance(value, dict):
        return _params(value)
    if isinstance(value, dict):
        return {k: _prepare(v, k) for k, v in value.items()}
    if isinstance(value, list) and all(not isinstance(v, dict | list) for v in value):
        return _flowify(value)
    if isinstance(value, list):
        return [_prepare(v) for v in value]
    return value


def _flowify(value: Any) -> Any:
    if isinstance(value, dict):
        return _Flow({k: _flowify(v) for k, v in value.items()})
    if isinstance(value, list):
        return _FlowList(_flowify(v) for v in value)
    return value


def dump_ledger(ledger: dict[str, Any], article_id: str) -> str:
    """The ledger as YAML text with the explanatory header."""
    body = yaml.dump(_prepare(ledger), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110)
    return HEADER.format(id=article_id) + body
