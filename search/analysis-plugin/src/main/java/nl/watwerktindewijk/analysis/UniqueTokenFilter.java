package nl.watwerktindewijk.analysis;

import java.io.IOException;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.FilteringTokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Drops a token whose text was seen before: anywhere in the stream, or (with
 * {@code onlyOnSamePosition}) only at the same position. Elasticsearch's {@code unique} filter.
 */
final class UniqueTokenFilter extends FilteringTokenFilter {

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);
    private final CharArraySet seen = new CharArraySet(8, false);
    private final boolean onlyOnSamePosition;

    UniqueTokenFilter(TokenStream in, boolean onlyOnSamePosition) {
        super(in);
        this.onlyOnSamePosition = onlyOnSamePosition;
    }

    @Override
    protected boolean accept() {
        if (onlyOnSamePosition && posInc.getPositionIncrement() > 0) {
            seen.clear();
        }
        if (seen.contains(term.buffer(), 0, term.length())) {
            return false;
        }
        char[] copy = new char[term.length()];
        System.arraycopy(term.buffer(), 0, copy, 0, term.length());
        seen.add(copy);
        return true;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        seen.clear();
    }
}
