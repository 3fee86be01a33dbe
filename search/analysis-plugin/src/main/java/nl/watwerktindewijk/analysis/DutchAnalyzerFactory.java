package nl.watwerktindewijk.analysis;

import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.AnalyzerFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.BooleanSetting;
import org.elasticsearch.plugin.settings.ListSetting;
import org.elasticsearch.plugin.settings.StringSetting;

/**
 * {@code dutch} analyzer: Lucene's {@link DutchAnalyzer} (standard tokenizer, lowercase, Dutch
 * stop words, stem exclusions, a small built-in stem dictionary, Snowball Dutch), as in
 * Elasticsearch.
 */
@NamedComponent("dutch")
public final class DutchAnalyzerFactory implements AnalyzerFactory {

    @AnalysisSettings
    public interface Settings {
        /** Stop words: a list, "_dutch_" (default) or "_none_". An empty list means the default. */
        @ListSetting(path = "stopwords")
        List<String> stopwords();

        @BooleanSetting(path = "stopwords_case", defaultValue = false)
        boolean stopwordsIgnoreCase();

        @StringSetting(path = "stopwords_path", defaultValue = "")
        String stopwordsPath();

        /** Words that are not stemmed. */
        @ListSetting(path = "stem_exclusion")
        List<String> stemExclusion();
    }

    private final CharArraySet stopwords;
    private final CharArraySet stemExclusion;

    @Inject
    public DutchAnalyzerFactory(Settings settings) {
        Words.rejectUnsupported("dutch", "stopwords_path", settings.stopwordsPath(), "list the words inline in [stopwords]");
        this.stopwords = Words.wordSet(settings.stopwords(), settings.stopwordsIgnoreCase(), DutchAnalyzer.getDefaultStopSet());
        this.stemExclusion = Words.wordSet(settings.stemExclusion(), false, CharArraySet.EMPTY_SET);
    }

    @Override
    public Analyzer create() {
        return new DutchAnalyzer(stopwords, stemExclusion);
    }
}
