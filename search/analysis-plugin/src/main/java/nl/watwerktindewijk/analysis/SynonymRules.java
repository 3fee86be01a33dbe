package nl.watwerktindewijk.analysis;

import java.io.IOException;
import java.io.StringReader;
import java.text.ParseException;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.synonym.WordnetSynonymParser;
import org.apache.lucene.util.CharsRef;
import org.apache.lucene.util.CharsRefBuilder;

/**
 * Builds a {@link SynonymMap} from inline rules, for {@code synonym} and {@code synonym_graph}.
 *
 * <p>Difference from Elasticsearch: Elasticsearch analyses the rules with the tokenizer and the
 * filters that precede the synonym filter in each analyzer. A stable plugin cannot see that
 * chain, so the rules are analysed with a fixed chain: standard tokenizer, lowercase, ASCII
 * folding. Rules therefore match tokens that are lowercased and folded before the synonym filter
 * (our analyzers do exactly that); write rules in lower case without accents to get the same
 * result on both engines.
 */
final class SynonymRules {

    private SynonymRules() {}

    /** The fixed chain that analyses the words of a rule. */
    static Analyzer ruleAnalyzer() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new StandardTokenizer();
                TokenStream stream = new ASCIIFoldingFilter(new LowerCaseFilter(tokenizer));
                return new TokenStreamComponents(tokenizer, stream);
            }
        };
    }

    /** @return the map, or {@code null} when there are no rules (the filter then passes tokens through) */
    static SynonymMap build(String component, SynonymSettings settings) {
        Words.rejectUnsupported(component, "synonyms_path", settings.synonymsPath(), "list the rules inline in [synonyms]");
        Words.rejectUnsupported(component, "synonyms_set", settings.synonymsSet(), "list the rules inline in [synonyms]");
        return build(component, settings.synonyms(), settings.format(), settings.expand(), settings.lenient());
    }

    /**
     * @param format  "solr" (default) or "wordnet"
     * @param lenient skip rules whose words analyse to nothing instead of failing
     * @return the map, or {@code null} when there are no rules
     */
    static SynonymMap build(String component, List<String> rules, String format, boolean expand, boolean lenient) {
        List<String> lines = Words.nonBlank(rules);
        if (lines.isEmpty()) {
            return null;
        }
        String text = String.join("\n", lines);
        try (Analyzer analyzer = ruleAnalyzer()) {
            SynonymMap.Parser parser = switch (format == null || format.isEmpty() ? "solr" : Words.lower(format)) {
                case "solr" -> new LenientSolrParser(expand, lenient, analyzer);
                case "wordnet" -> new LenientWordnetParser(expand, lenient, analyzer);
                default -> throw new IllegalArgumentException(
                    "[" + component + "] unknown synonym format [" + format + "], expected [solr] or [wordnet]");
            };
            parser.parse(new StringReader(text));
            SynonymMap map = parser.build();
            return map.fst == null ? null : map;
        } catch (ParseException e) {
            String cause = e.getCause() != null ? ": " + e.getCause().getMessage() : "";
            throw new IllegalArgumentException("failed to build synonyms for [" + component + "]: " + e.getMessage() + cause, e);
        } catch (IOException e) {
            throw new IllegalStateException("failed to build synonyms for [" + component + "]", e);
        }
    }

    /** Skips a rule whose words cannot be analysed when lenient, as Elasticsearch's ESSolrSynonymParser. */
    static final class LenientSolrParser extends SolrSynonymParser {
        private final boolean lenient;

        LenientSolrParser(boolean expand, boolean lenient, Analyzer analyzer) {
            super(true, expand, analyzer);
            this.lenient = lenient;
        }

        @Override
        public void add(CharsRef input, CharsRef output, boolean includeOrig) {
            if (lenient == false || (input.length > 0 && output.length > 0)) {
                super.add(input, output, includeOrig);
            }
        }

        @Override
        public CharsRef analyze(String text, CharsRefBuilder reuse) throws IOException {
            try {
                return super.analyze(text, reuse);
            } catch (IllegalArgumentException e) {
                if (lenient) {
                    return new CharsRef("");
                }
                throw e;
            }
        }
    }

    static final class LenientWordnetParser extends WordnetSynonymParser {
        private final boolean lenient;

        LenientWordnetParser(boolean expand, boolean lenient, Analyzer analyzer) {
            super(true, expand, analyzer);
            this.lenient = lenient;
        }

        @Override
        public void add(CharsRef input, CharsRef output, boolean includeOrig) {
            if (lenient == false || (input.length > 0 && output.length > 0)) {
                super.add(input, output, includeOrig);
            }
        }

        @Override
        public CharsRef analyze(String text, CharsRefBuilder reuse) throws IOException {
            try {
                return super.analyze(text, reuse);
            } catch (IllegalArgumentException e) {
                if (lenient) {
                    return new CharsRef("");
                }
                throw e;
            }
        }
    }
}
