package nl.watwerktindewijk.analysis;

import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenizer;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenizerFactory;

/**
 * {@code edge_ngram} tokenizer: the beginnings of the text ("wijk" → w, wi). Like Elasticsearch
 * it ignores the {@code side: front} that Wagtail sends.
 */
@NamedComponent("edge_ngram")
public final class EdgeNGramTokenizerFactory extends NGramComponent implements TokenizerFactory {

    @Inject
    public EdgeNGramTokenizerFactory(NGramSettings settings) {
        super("edge_ngram", settings);
    }

    @Override
    public Tokenizer create() {
        rejectTokenChars();
        return new EdgeNGramTokenizer(minGram, maxGram);
    }
}
