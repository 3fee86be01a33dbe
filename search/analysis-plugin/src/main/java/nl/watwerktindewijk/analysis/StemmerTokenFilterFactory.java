package nl.watwerktindewijk.analysis;

import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.StringSetting;
import org.tartarus.snowball.ext.DutchStemmer;

/**
 * {@code stemmer}: {@code language: dutch} is Snowball Dutch, as in Elasticsearch (and what the
 * {@code dutch} analyzer uses). Without a language Elasticsearch stems English with Porter; that
 * default is kept, because Elasticsearch builds every component with empty settings at index
 * creation. Any other language fails index creation with a clear message.
 */
@NamedComponent("stemmer")
public final class StemmerTokenFilterFactory implements TokenFilterFactory {

    @AnalysisSettings
    public interface Settings {
        @StringSetting(path = "language", defaultValue = "")
        String language();

        /** Older alias of {@code language}, as in Elasticsearch. */
        @StringSetting(path = "name", defaultValue = "")
        String name();
    }

    /** Lower-cased language name → stemming filter. */
    static final Map<String, Function<TokenStream, TokenStream>> LANGUAGES = Map.of(
        "dutch", ts -> new SnowballFilter(ts, new DutchStemmer()),
        "porter", PorterStemFilter::new,
        "english", PorterStemFilter::new
    );

    private final Function<TokenStream, TokenStream> stemmer;

    @Inject
    public StemmerTokenFilterFactory(Settings settings) {
        String language = settings.language();
        if (language.isEmpty()) {
            language = settings.name().isEmpty() ? "porter" : settings.name();
        }
        this.stemmer = LANGUAGES.get(Words.lower(language.trim()));
        if (stemmer == null) {
            throw new IllegalArgumentException("Unknown stemmer language [" + language + "] for token filter [stemmer]:"
                + " the wwdw-analysis plugin supports " + new TreeSet<>(LANGUAGES.keySet()));
        }
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return stemmer.apply(tokenStream);
    }
}
