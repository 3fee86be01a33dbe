"""The reviewed synonym file: well-formed, and each spelling in one group only."""

from __future__ import annotations

from search import synonyms


def test_the_synonym_file_is_well_formed():
    assert synonyms.synonym_problems() == []


def test_a_spelling_in_two_groups_is_reported(tmp_path, monkeypatch):
    path = tmp_path / "synonyms.txt"
    path.write_text("# test\nwijkteam, frontlijnteam\nWijkteam, sociaal wijkteam\nenkel\n")
    monkeypatch.setattr(synonyms, "SYNONYMS_FILE", path)
    synonyms.synonym_rules.cache_clear()
    synonyms.synonym_groups.cache_clear()
    try:
        problems = synonyms.synonym_problems()
    finally:
        synonyms.synonym_rules.cache_clear()
        synonyms.synonym_groups.cache_clear()
    assert any("lowercase" in problem for problem in problems)
    assert any("'wijkteam' is also in rule 1" in problem for problem in problems)
    assert any("two spellings" in problem for problem in problems)
