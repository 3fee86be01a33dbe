package nl.watwerktindewijk.analysis;

import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.LetterTokenizer;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenizerFactory;

/** {@code letter} tokenizer: splits on every non-letter. */
@NamedComponent("letter")
public final class LetterTokenizerFactory implements TokenizerFactory {

    public LetterTokenizerFactory() {}

    @Override
    public Tokenizer create() {
        return new LetterTokenizer();
    }
}
