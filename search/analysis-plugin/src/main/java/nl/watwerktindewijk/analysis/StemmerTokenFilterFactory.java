package nl.watwerktindewijk.analysis;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.de.GermanLightStemFilter;
import org.apache.lucene.analysis.de.GermanMinimalStemFilter;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.fr.FrenchMinimalStemFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.StringSetting;
import org.tartarus.snowball.SnowballStemmer;
import org.tartarus.snowball.ext.DanishStemmer;
import org.tartarus.snowball.ext.DutchStemmer;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.FinnishStemmer;
import org.tartarus.snowball.ext.FrenchStemmer;
import org.tartarus.snowball.ext.GermanStemmer;
import org.tartarus.snowball.ext.ItalianStemmer;
import org.tartarus.snowball.ext.KpStemmer;
import org.tartarus.snowball.ext.NorwegianStemmer;
import org.tartarus.snowball.ext.PortugueseStemmer;
import org.tartarus.snowball.ext.SpanishStemmer;
import org.tartarus.snowball.ext.SwedishStemmer;

/**
 * {@code stemmer}: the languages and aliases of Elasticsearch's stemmer filter that matter to us.
 * {@code dutch} is Snowball Dutch (what the {@code dutch} analyzer uses); {@code dutch_kp}
 * (aliases {@code dutchKp}, {@code kp}) is Kraaij-Pohlmann. Elasticsearch 8.x deprecates
 * {@code dutch_kp}; Lucene 10 (Elasticsearch 9) removes it. An unsupported language fails index
 * creation.
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
    static final Map<String, Function<TokenStream, TokenStream>> LANGUAGES = new TreeMap<>();

    private static void snowball(Supplier<SnowballStemmer> stemmer, String... names) {
        for (String n : names) {
            LANGUAGES.put(Words.lower(n), ts -> new SnowballFilter(ts, stemmer.get()));
        }
    }

    private static void filter(Function<TokenStream, TokenStream> f, String... names) {
        for (String n : names) {
            LANGUAGES.put(Words.lower(n), f);
        }
    }

    static {
        snowball(DutchStemmer::new, "dutch");
        snowball(KpStemmer::new, "dutch_kp", "dutchKp", "kp");
        filter(PorterStemFilter::new, "english", "porter");
        snowball(EnglishStemmer::new, "porter2");
        filter(KStemFilter::new, "light_english", "lightEnglish", "kstem");
        filter(EnglishMinimalStemFilter::new, "minimal_english", "minimalEnglish");
        filter(EnglishPossessiveFilter::new, "possessive_english", "possessiveEnglish");
        snowball(GermanStemmer::new, "german", "german2");
        filter(GermanLightStemFilter::new, "light_german", "lightGerman");
        filter(GermanMinimalStemFilter::new, "minimal_german", "minimalGerman");
        snowball(FrenchStemmer::new, "french");
        filter(FrenchLightStemFilter::new, "light_french", "lightFrench");
        filter(FrenchMinimalStemFilter::new, "minimal_french", "minimalFrench");
        snowball(DanishStemmer::new, "danish");
        snowball(FinnishStemmer::new, "finnish");
        snowball(ItalianStemmer::new, "italian");
        snowball(NorwegianStemmer::new, "norwegian");
        snowball(PortugueseStemmer::new, "portuguese");
        snowball(SpanishStemmer::new, "spanish");
        snowball(SwedishStemmer::new, "swedish");
    }

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
                + " the wwdw-analysis plugin supports " + LANGUAGES.keySet());
        }
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return stemmer.apply(tokenStream);
    }
}
