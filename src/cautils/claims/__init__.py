"""The claim ledger and the verdict engine."""

from cautils.claims.engine import (
    all_claims,
    evaluate_all,
    evaluate_claim,
    load_ledgers,
    verdict_changes,
)
from cautils.claims.evaluators import EVALUATORS, run_evaluator
from cautils.claims.models import Claim, Result
from cautils.claims.rubric import RUBRIC, VERDICTS
from cautils.claims.tables import Tables

__all__ = [
    "EVALUATORS",
    "RUBRIC",
    "VERDICTS",
    "Claim",
    "Result",
    "Tables",
    "all_claims",
    "evaluate_all",
    "evaluate_claim",
    "load_ledgers",
    "run_evaluator",
    "verdict_changes",
]
