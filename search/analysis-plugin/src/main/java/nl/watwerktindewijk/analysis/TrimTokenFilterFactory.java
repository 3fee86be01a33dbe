package nl.watwerktindewijk.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.TrimFilter;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/** {@code trim}: strips leading and trailing whitespace from each token. */
@NamedComponent("trim")
public final class TrimTokenFilterFactory implements TokenFilterFactory {

    public TrimTokenFilterFactory() {}

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new TrimFilter(tokenStream);
    }

    @Override
    public TokenStream normalize(TokenStream tokenStream) {
        return new TrimFilter(tokenStream);
    }
}
