package nl.watwerktindewijk.analysis;

import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ngram.NGramTokenizer;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenizerFactory;

/** {@code ngram} tokenizer: every substring of the text ("wijk", 3-3 → wij, ijk). */
@NamedComponent("ngram")
public final class NGramTokenizerFactory extends NGramComponent implements TokenizerFactory {

    @Inject
    public NGramTokenizerFactory(NGramSettings settings) {
        super("ngram", settings);
    }

    @Override
    public Tokenizer create() {
        rejectTokenChars();
        return new NGramTokenizer(minGram, maxGram);
    }
}
