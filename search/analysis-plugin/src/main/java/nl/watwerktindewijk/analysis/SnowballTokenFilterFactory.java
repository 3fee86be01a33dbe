package nl.watwerktindewijk.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.StringSetting;

/** {@code snowball}: a Snowball stemmer by name ({@code Dutch}, {@code Kp}, {@code English}...). */
@NamedComponent("snowball")
public final class SnowballTokenFilterFactory implements TokenFilterFactory {

    @AnalysisSettings
    public interface Settings {
        @StringSetting(path = "language", defaultValue = "")
        String language();

        @StringSetting(path = "name", defaultValue = "")
        String name();
    }

    private final String language;

    @Inject
    public SnowballTokenFilterFactory(Settings settings) {
        String lang = settings.language().isEmpty() ? settings.name() : settings.language();
        lang = lang.trim().isEmpty() ? "English" : lang.trim();
        this.language = Character.toUpperCase(lang.charAt(0)) + lang.substring(1);
        try (TokenStream probe = new SnowballFilter(new KeywordTokenizer(), language)) {
            // constructing the filter loads the stemmer class: fails for an unknown language
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw new IllegalArgumentException("Unknown snowball language [" + lang + "] for token filter [snowball]", e);
        }
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new SnowballFilter(tokenStream, language);
    }
}
