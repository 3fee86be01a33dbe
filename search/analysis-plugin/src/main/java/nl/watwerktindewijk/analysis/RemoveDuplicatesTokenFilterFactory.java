package nl.watwerktindewijk.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.RemoveDuplicatesTokenFilter;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/**
 * {@code remove_duplicates}: drops a token identical to another at the same position (useful
 * after {@code keyword_repeat}-like or decompounding chains where a stem equals the original).
 */
@NamedComponent("remove_duplicates")
public final class RemoveDuplicatesTokenFilterFactory implements TokenFilterFactory {

    public RemoveDuplicatesTokenFilterFactory() {}

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new RemoveDuplicatesTokenFilter(tokenStream);
    }
}
