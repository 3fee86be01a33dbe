package nl.watwerktindewijk.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.FlattenGraphFilter;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/** {@code flatten_graph}: needed after {@code synonym_graph} in an index-time analyzer. */
@NamedComponent("flatten_graph")
public final class FlattenGraphTokenFilterFactory implements TokenFilterFactory {

    public FlattenGraphTokenFilterFactory() {}

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new FlattenGraphFilter(tokenStream);
    }
}
