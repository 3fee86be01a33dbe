package nl.watwerktindewijk.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.reverse.ReverseStringFilter;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/** {@code reverse}: "wijk" → "kjiw" (suffix search with edge n-grams). */
@NamedComponent("reverse")
public final class ReverseTokenFilterFactory implements TokenFilterFactory {

    public ReverseTokenFilterFactory() {}

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new ReverseStringFilter(tokenStream);
    }
}
