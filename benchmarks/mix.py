"""The fixed query mix every system in `make benchmark` answers, and the locust load uses.

Six kinds, in the proportions below: free text; text with one to three facets; facets only;
zero hits (the typo-tolerant second pass and "did you mean" run); suggestions (as you type);
related practices. Filter values are slugs of the real taxonomy (content/taxonomy/).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

# Facet name (API) → parameter of the HTML page (search.facets.FACETS).
HTML_PARAMS = {
    "theme": "thema",
    "city": "stad",
    "evidence_level": "bewijs",
    "outcome": "uitkomst",
    "domain": "domein",
    "target_group": "doelgroep",
    "period": "periode",
}


@dataclass(frozen=True)
class Query:
    kind: str  # text, text+facets, facets, zero-hit, suggest, related
    text: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)

    @property
    def is_search(self) -> bool:
        return self.kind not in ("suggest", "related")

    def api_url(self) -> str:
        if self.kind == "suggest":
            return "/api/v1/suggest?" + urlencode({"q": self.text})
        if self.kind == "related":
            return f"/api/v1/practices/{self.text}/related"
        params = [("q", self.text)] if self.text else []
        params += [(name, value) for name, values in self.filters.items() for value in values]
        return "/api/v1/search?" + urlencode(params)

    def html_url(self) -> str:
        params = [("q", self.text)] if self.text else []
        params += [
            (HTML_PARAMS[name], value) for name, values in self.filters.items() for value in values
        ]
        return "/zoeken/?" + urlencode(params)


MIX: tuple[Query, ...] = (
    *(
        Query("text", text)
        for text in (
            "bewonersbedrijf",
            "frontlijnteam",
            "sociaal wijkteam",
            "jongeren werk",
            "veiligheid in de wijk",
            "mkba",
            "gezinnen",
            "wijkonderneming",
        )
    ),
    Query("text+facets", "wijk", {"theme": ["bewonersbetrokkenheid"]}),
    Query("text+facets", "jongeren", {"city": ["rotterdam", "amsterdam"]}),
    Query("text+facets", "werk", {"evidence_level": ["praktijkvoorbeeld"], "domain": ["werk"]}),
    Query(
        "text+facets",
        "aanpak",
        {"period": ["2010-2014"], "theme": ["frontlijnsturing"], "city": ["utrecht"]},
    ),
    Query("text+facets", "participatie", {"outcome": ["werkt"], "target_group": ["bewoners"]}),
    Query("facets"),
    Query("facets", filters={"theme": ["vitale-coalities"]}),
    Query("facets", filters={"city": ["amsterdam"], "domain": ["veiligheid"]}),
    Query("facets", filters={"evidence_level": ["voor-en-nameting", "vergelijkingsgroep"]}),
    Query("zero-hit", "xylofoonkwartet"),
    Query("zero-hit", "qwzx ploink"),
    *(Query("suggest", text) for text in ("bewon", "frontl", "wijkon", "gezin")),
    *(
        Query("related", slug)
        for slug in (
            "aanval-op-de-uitval-voortijdig-schoolverlaten-aandachtswijken",
            "albert-heijn-amsterdamse-aandachtswijken",
            "bewonersbedrijf-heechterp-schieringen-leeuwarden",
        )
    ),
)
KINDS = ("text", "text+facets", "facets", "zero-hit", "suggest", "related")
