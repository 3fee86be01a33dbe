package nl.watwerktindewijk.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ngram.NGramTokenFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/** {@code ngram} token filter: every substring of each token ("wijk", 3-3 → wij, ijk). */
@NamedComponent("ngram")
public final class NGramTokenFilterFactory extends NGramComponent implements TokenFilterFactory {

    @Inject
    public NGramTokenFilterFactory(NGramSettings settings) {
        super("ngram", settings);
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new NGramTokenFilter(tokenStream, minGram, maxGram, preserveOriginal);
    }
}
