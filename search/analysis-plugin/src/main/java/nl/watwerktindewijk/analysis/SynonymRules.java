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
import org.apache.lucene.util.CharsRef;
import org.apache.lucene.util.CharsRefBuilder;

/**
 * Builds the {@link SynonymMap} of {@code synonym_graph} from inline rules in Solr format.
 *
 * <p>Difference from Elasticsearch: Elasticsearch analyses the rules with the tokenizer and the
 * filters that precede the synonym filter in each analyzer. A stable plugin cannot see that
 * chain, so the rules are analysed with a fixed chain: standard tokenizer, lowercase, ASCII
 * folding. Rules therefore match tokens that are lowercased and folded before the synonym filter
 * (our analyzers do exactly that); write rules in lower case without accents to get the same
 * result on both engines.
 */
final class SynonymRules {

    private static final String COMPONENT = "synonym_graph";

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
    static SynonymMap build(SynonymGraphTokenFilterFactory.Settings settings) {
        String hint = Words.NO_FILES + "; list the rules inline in [synonyms]";
        Words.rejectUnsupported(COMPONENT, "synonyms_path", settings.synonymsPath(), hint);
        Words.rejectUnsupported(COMPONENT, "synonyms_set", settings.synonymsSet(), hint);
        if ("solr".equals(Words.lower(settings.format())) == false) {
            throw new IllegalArgumentException("[" + COMPONENT + "] synonym format [" + settings.format()
                + "] is not supported by the wwdw-analysis plugin; write the rules in [solr] format");
        }
        return build(settings.synonyms(), settings.expand(), settings.lenient());
    }

    /**
     * @param lenient skip rules whose words analyse to nothing instead of failing
     * @return the map, or {@code null} when there are no rules
     */
    static SynonymMap build(List<String> rules, boolean expand, boolean lenient) {
        List<String> lines = Words.nonBlank(rules);
        if (lines.isEmpty()) {
            return null;
        }
        try (Analyzer analyzer = ruleAnalyzer()) {
            SynonymMap.Parser parser = new LenientSolrParser(expand, lenient, analyzer);
            parser.parse(new StringReader(String.join("\n", lines)));
            SynonymMap map = parser.build();
            return map.fst == null ? null : map;
        } catch (ParseException e) {
            String cause = e.getCause() != null ? ": " + e.getCause().getMessage() : "";
            throw new IllegalArgumentException("failed to build synonyms for [" + COMPONENT + "]: " + e.getMessage() + cause, e);
        } catch (IOException e) {
            throw new IllegalStateException("failed to build synonyms for [" + COMPONENT + "]", e);
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
}
