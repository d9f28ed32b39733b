"""Book settings read from _config.yml: the base URL the book is published at."""

from __future__ import annotations

import os
from functools import lru_cache

import yaml

from cautils.paths import PROJECT_ROOT

BASE_URL_ENV = "CAUTILS_BASE_URL"


@lru_cache(maxsize=1)
def _config() -> dict:
    path = PROJECT_ROOT / "_config.yml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}


def base_url() -> str:
    """Where the book is published ($CAUTILS_BASE_URL, else html.baseurl in _config.yml), with a
    trailing slash. Absolute URLs in ClaimReview and citations start with it."""
    url = os.environ.get(BASE_URL_ENV) or (_config().get("html") or {}).get("baseurl") or ""
    if not url:
        raise ValueError("no base URL: set html.baseurl in _config.yml (or $CAUTILS_BASE_URL)")
    return url if url.endswith("/") else url + "/"
