package nl.watwerktindewijk.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.reverse.ReverseStringFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/** {@code edge_ngram} token filter: the beginnings of each token ("wijk" → w, wi, wij, wijk). */
@NamedComponent("edge_ngram")
public final class EdgeNGramTokenFilterFactory extends NGramComponent implements TokenFilterFactory {

    private final boolean back;

    @Inject
    public EdgeNGramTokenFilterFactory(NGramSettings settings) {
        super("edge_ngram", settings);
        this.back = switch (settings.side()) {
            case "front" -> false;
            case "back" -> true;
            default -> throw new IllegalArgumentException("invalid side: " + settings.side());
        };
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        TokenStream result = back ? new ReverseStringFilter(tokenStream) : tokenStream;
        result = new EdgeNGramTokenFilter(result, minGram, maxGram, preserveOriginal);
        return back ? new ReverseStringFilter(result) : result;
    }
}
