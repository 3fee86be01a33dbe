package nl.watwerktindewijk.analysis;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionLengthAttribute;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/** Runs text through Lucene token streams built from our factories. */
final class Tokens {

    private Tokens() {}

    record Token(String term, int position, int positionLength, boolean keyword) {
        @Override
        public String toString() {
            return term + "@" + position + (positionLength != 1 ? "/" + positionLength : "");
        }
    }

    /** A custom analyzer: tokenizer + filters, like Elasticsearch's custom analyzer. */
    static Analyzer analyzer(Supplier<Tokenizer> tokenizer, List<Function<TokenStream, TokenStream>> filters) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = tokenizer.get();
                TokenStream stream = source;
                for (Function<TokenStream, TokenStream> f : filters) {
                    stream = f.apply(stream);
                }
                return new TokenStreamComponents(source, stream);
            }
        };
    }

    @SafeVarargs
    static Analyzer standard(Function<TokenStream, TokenStream>... filters) {
        return analyzer(StandardTokenizer::new, List.of(filters));
    }

    static Analyzer standard(TokenFilterFactory... factories) {
        List<Function<TokenStream, TokenStream>> filters = new ArrayList<>();
        for (TokenFilterFactory f : factories) {
            filters.add(f::create);
        }
        return analyzer(StandardTokenizer::new, filters);
    }

    static List<Token> tokens(Analyzer analyzer, String text) {
        try (TokenStream ts = analyzer.tokenStream("f", new StringReader(text))) {
            return read(ts);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static List<Token> tokens(Tokenizer tokenizer, String text) {
        tokenizer.setReader(new StringReader(text));
        try (TokenStream ts = tokenizer) {
            return read(ts);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<Token> read(TokenStream ts) throws IOException {
        CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
        PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
        PositionLengthAttribute len = ts.addAttribute(PositionLengthAttribute.class);
        KeywordAttribute kw = ts.addAttribute(KeywordAttribute.class);
        List<Token> out = new ArrayList<>();
        ts.reset();
        int pos = -1;
        while (ts.incrementToken()) {
            pos += inc.getPositionIncrement();
            out.add(new Token(term.toString(), pos, len.getPositionLength(), kw.isKeyword()));
        }
        ts.end();
        return out;
    }

    static List<String> terms(Analyzer analyzer, String text) {
        return tokens(analyzer, text).stream().map(Token::term).toList();
    }

    static List<String> terms(Tokenizer tokenizer, String text) {
        return tokens(tokenizer, text).stream().map(Token::term).toList();
    }
}
