package nl.watwerktindewijk.analysis;

import java.util.List;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.PatternKeywordMarkerFilter;
import org.apache.lucene.analysis.miscellaneous.SetKeywordMarkerFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.BooleanSetting;
import org.elasticsearch.plugin.settings.ListSetting;
import org.elasticsearch.plugin.settings.StringSetting;

/** {@code keyword_marker}: protects the listed words (or words matching a pattern) from stemming. */
@NamedComponent("keyword_marker")
public final class KeywordMarkerTokenFilterFactory implements TokenFilterFactory {

    @AnalysisSettings
    public interface Settings {
        @ListSetting(path = "keywords")
        List<String> keywords();

        @StringSetting(path = "keywords_pattern", defaultValue = "")
        String keywordsPattern();

        @BooleanSetting(path = "ignore_case", defaultValue = false)
        boolean ignoreCase();

        @StringSetting(path = "keywords_path", defaultValue = "")
        String keywordsPath();
    }

    private final CharArraySet keywords;
    private final Pattern pattern;

    @Inject
    public KeywordMarkerTokenFilterFactory(Settings settings) {
        Words.rejectUnsupported("keyword_marker", "keywords_path", settings.keywordsPath(), "list the words inline in [keywords]");
        List<String> words = Words.nonBlank(settings.keywords());
        String regex = settings.keywordsPattern();
        if (regex.isEmpty() == false && words.isEmpty() == false) {
            throw new IllegalArgumentException("cannot specify both `keywords_pattern` and `keywords` or `keywords_path`");
        }
        this.pattern = regex.isEmpty() ? null : Pattern.compile(regex);
        this.keywords = words.isEmpty() ? null : Words.wordSet(words, settings.ignoreCase());
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        // Without settings the constructor must not throw: see Required.
        Required.check(pattern != null || keywords != null,
            "keyword filter requires either `keywords`, `keywords_path`, or `keywords_pattern` to be configured");
        return pattern != null ? new PatternKeywordMarkerFilter(tokenStream, pattern) : new SetKeywordMarkerFilter(tokenStream, keywords);
    }
}
