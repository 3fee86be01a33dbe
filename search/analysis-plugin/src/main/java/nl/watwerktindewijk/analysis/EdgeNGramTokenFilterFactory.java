package nl.watwerktindewijk.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.reverse.ReverseStringFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.BooleanSetting;
import org.elasticsearch.plugin.settings.IntSetting;
import org.elasticsearch.plugin.settings.StringSetting;

/** {@code edge_ngram} token filter: the beginnings of each token ("wijk" → w, wi, wij, wijk). */
@NamedComponent("edge_ngram")
public final class EdgeNGramTokenFilterFactory implements TokenFilterFactory {

    @AnalysisSettings
    public interface Settings {
        @IntSetting(path = "min_gram", defaultValue = 1)
        int minGram();

        @IntSetting(path = "max_gram", defaultValue = 2)
        int maxGram();

        @BooleanSetting(path = "preserve_original", defaultValue = false)
        boolean preserveOriginal();

        /** "front" (default) or "back" (the ends of the token), as Elasticsearch still accepts. */
        @StringSetting(path = "side", defaultValue = "front")
        String side();
    }

    private final int minGram;
    private final int maxGram;
    private final boolean preserveOriginal;
    private final boolean back;

    @Inject
    public EdgeNGramTokenFilterFactory(Settings settings) {
        this.minGram = settings.minGram();
        this.maxGram = settings.maxGram();
        this.preserveOriginal = settings.preserveOriginal();
        this.back = switch (settings.side()) {
            case "front" -> false;
            case "back" -> true;
            default -> throw new IllegalArgumentException("invalid side: " + settings.side());
        };
        NGrams.check("edge_ngram", minGram, maxGram);
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        TokenStream result = back ? new ReverseStringFilter(tokenStream) : tokenStream;
        result = new EdgeNGramTokenFilter(result, minGram, maxGram, preserveOriginal);
        return back ? new ReverseStringFilter(result) : result;
    }
}
