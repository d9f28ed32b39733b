"""The page registry (book/pages.yaml): run plan, table of contents, parameter checks, scaffold."""

from __future__ import annotations

import pytest

from cautils import registry
from cautils.claims import load_ledgers
from cautils.parameters import ParameterError, check_parameters
from cautils.scaffold import opening, stub


def test_plan_repeats_pages_over_their_sets():
    runs = registry.plan()
    names = [r.name for r in runs]
    reg = registry.load()
    assert names[0] == "intro" and names[-1] == "methods"
    assert [n for n in names if n.startswith("country_")] == [f"country_{c}" for c in reg.values("country")]
    assert [n for n in names if n.startswith("article_")] == [f"article_{led.article.id}" for led in load_ledgers()]
    assert len(set(names)) == len(names)


def test_toc_lists_every_page_and_each_claim(tmp_path):
    toc = registry.toc(["A01", "B02"])
    files = [c["file"] for part in toc["parts"] for c in part["chapters"]]
    assert toc["root"] == "build/executed/intro"
    assert "book/fork" in files and "claims/index" in files
    claims = next(c for part in toc["parts"] for c in part["chapters"] if c["file"] == "claims/index")
    assert "sections" not in claims  # the HTML navigation leaves the claim pages to the ledger index
    pdf = registry.toc(["A01", "B02"], with_claim_pages=True)
    claims = next(c for part in pdf["parts"] for c in part["chapters"] if c["file"] == "claims/index")
    assert claims["sections"] == [{"file": "claims/A01"}, {"file": "claims/B02"}]
    target = tmp_path / "_toc.yml"
    assert registry.write_toc(["A01"], target) and not registry.write_toc(["A01"], target)


def test_a_malformed_registry_names_the_entry(tmp_path):
    bad = tmp_path / "pages.yaml"
    bad.write_text(
        "sets: {}\nroot: {template: intro}\nparts:\n- caption: X\n  pages:\n  - {template: country, each: country}\n"
    )
    with pytest.raises(registry.RegistryError, match="names no set"):
        registry.load(bad)
    bad.write_text("root: {template: intro, file: x}\nparts: []\n")
    with pytest.raises(registry.RegistryError, match="exactly one of"):
        registry.load(bad)


def test_a_parameter_the_data_cannot_serve_is_refused_with_what_is_available():
    check_parameters("country", {"country": "KAZ"})
    with pytest.raises(ParameterError, match=r"'country' = 'AZE'.*available: .*KAZ"):
        check_parameters("country", {"country": "AZE"})
    with pytest.raises(ParameterError, match=r"'release' = 2023.*2026"):
        check_parameters("theme_arms", {"release": 2023})


def test_scaffold_lists_every_sentence_with_an_opening_that_identifies_it():
    text = "A heading\nThe first one is here. The first one is there too.\nSource: a caption.\n"
    ledger = stub("C", text, "c.txt", "Title", ["Someone"])
    starts = [s["starts"] for s in ledger["sentences"]]
    assert starts == ["The first one is here.", "The first one is there"]
    assert all(s["paragraph"] == 2 and s["reason"] == "unreviewed" for s in ledger["sentences"])
    assert opening("Short one.", ["Short one."]) == "Short one."
