package nl.watwerktindewijk.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.junit.jupiter.api.Test;

/** The components with the settings that search/analysis.py and Wagtail's index really use. */
class ComponentsTest {

    static NGramSettings grams(Object... pathsAndValues) {
        return TestSettings.of(NGramSettings.class, pathsAndValues);
    }

    @Test
    void wagtailNGramSettings() {
        // modelsearch's ElasticsearchBaseSearchBackend.settings
        assertEquals(List.of("wij", "wijk", "ijk"),
            Tokens.terms(Tokens.standard(new NGramTokenFilterFactory(grams("min_gram", 3, "max_gram", 15))), "wijk"));
        assertEquals(List.of("w", "wi", "wij", "wijk"),
            Tokens.terms(Tokens.standard(new EdgeNGramTokenFilterFactory(grams("min_gram", 1, "max_gram", 15))), "wijk"));
        assertEquals(List.of("wij", "wijk", "ijk"),
            Tokens.terms(new NGramTokenizerFactory(grams("min_gram", 3, "max_gram", 15)).create(), "wijk"));
        assertEquals(List.of("wi", "wij", "wijk"),
            Tokens.terms(new EdgeNGramTokenizerFactory(grams("min_gram", 2, "max_gram", 15, "side", "front")).create(), "wijk"));
    }

    @Test
    void projectNGramSettings() {
        assertEquals(List.of("wi", "wij", "wijk"),
            Tokens.terms(Tokens.standard(new EdgeNGramTokenFilterFactory(grams("min_gram", 2, "max_gram", 20))), "wijk"));
        assertEquals(List.of("jk", "ijk"),
            Tokens.terms(Tokens.standard(new EdgeNGramTokenFilterFactory(grams("min_gram", 2, "max_gram", 3, "side", "back"))), "wijk"));
    }

    @Test
    void nGramSettingsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new NGramTokenFilterFactory(grams("min_gram", 0)));
        assertThrows(IllegalArgumentException.class, () -> new EdgeNGramTokenizerFactory(grams("min_gram", 3, "max_gram", 2)));
        assertThrows(IllegalArgumentException.class, () -> new EdgeNGramTokenFilterFactory(grams("side", "middle")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new NGramTokenizerFactory(grams("token_chars", List.of("letter"))).create());
        assertTrue(e.getMessage().contains("token_chars"), e.getMessage());
    }

    @Test
    void dutchStemmer() {
        var stemmer = new StemmerTokenFilterFactory(TestSettings.of(StemmerTokenFilterFactory.Settings.class, "language", "dutch"));
        assertEquals(List.of("bedrijv", "wijk"), Tokens.terms(Tokens.standard(stemmer), "bedrijven wijken"));
        assertThrows(IllegalArgumentException.class,
            () -> new StemmerTokenFilterFactory(TestSettings.of(StemmerTokenFilterFactory.Settings.class, "language", "klingon")));
    }

    @Test
    void lenientSynonymGraph() {
        var synonyms = new SynonymGraphTokenFilterFactory(TestSettings.of(SynonymGraphTokenFilterFactory.Settings.class,
            "synonyms", List.of("buurt, wijk", "!!!, leeg"), "lenient", true));
        assertEquals(Set.of("buurt", "wijk"), Set.copyOf(Tokens.terms(Tokens.standard(synonyms), "buurt")));
        var wordnet = new SynonymGraphTokenFilterFactory(TestSettings.of(SynonymGraphTokenFilterFactory.Settings.class,
            "synonyms", List.of("s(100000001,1,'wijk',n,1,0)."), "format", "wordnet"));
        assertThrows(IllegalArgumentException.class, () -> wordnet.create(new KeywordTokenizer()));
    }
}
