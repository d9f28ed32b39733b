"""Evaluators: one pure function per kind of check, registered by name (see `base`)."""

from cautils.claims.evaluators import numbers, records, shares, votes  # noqa: F401 (registration)
from cautils.claims.evaluators.base import EVALUATORS, SpecError, fmt, pct, run_evaluator

__all__ = ["EVALUATORS", "SpecError", "fmt", "pct", "run_evaluator"]
