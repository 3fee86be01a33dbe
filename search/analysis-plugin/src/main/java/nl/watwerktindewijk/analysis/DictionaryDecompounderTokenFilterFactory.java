package nl.watwerktindewijk.analysis;

import java.util.List;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.compound.DictionaryCompoundWordTokenFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.BooleanSetting;
import org.elasticsearch.plugin.settings.IntSetting;
import org.elasticsearch.plugin.settings.ListSetting;
import org.elasticsearch.plugin.settings.StringSetting;

/**
 * {@code dictionary_decompounder}: keeps a compound and adds, at the same position, every word of
 * {@code word_list} found inside it ("bewonersbedrijf" → bewonersbedrijf, bewoner, bewoners, bedrijf).
 */
@NamedComponent("dictionary_decompounder")
public final class DictionaryDecompounderTokenFilterFactory implements TokenFilterFactory {

    @AnalysisSettings
    public interface Settings {
        @ListSetting(path = "word_list")
        List<String> wordList();

        @BooleanSetting(path = "word_list_case", defaultValue = false)
        boolean wordListIgnoreCase();

        @StringSetting(path = "word_list_path", defaultValue = "")
        String wordListPath();

        @IntSetting(path = "min_word_size", defaultValue = 5)
        int minWordSize();

        @IntSetting(path = "min_subword_size", defaultValue = 2)
        int minSubwordSize();

        @IntSetting(path = "max_subword_size", defaultValue = 15)
        int maxSubwordSize();

        @BooleanSetting(path = "only_longest_match", defaultValue = false)
        boolean onlyLongestMatch();
    }

    private final CharArraySet words;
    private final int minWordSize;
    private final int minSubwordSize;
    private final int maxSubwordSize;
    private final boolean onlyLongestMatch;

    @Inject
    public DictionaryDecompounderTokenFilterFactory(Settings settings) {
        Words.rejectUnsupported("dictionary_decompounder", "word_list_path", settings.wordListPath(),
            Words.NO_FILES + "; list the words inline in [word_list]");
        List<String> list = Words.nonBlank(settings.wordList());
        // Without settings this must not throw: see Deferred.
        this.words = list.isEmpty() ? null : Words.wordSet(list, settings.wordListIgnoreCase());
        this.minWordSize = settings.minWordSize();
        this.minSubwordSize = settings.minSubwordSize();
        this.maxSubwordSize = settings.maxSubwordSize();
        this.onlyLongestMatch = settings.onlyLongestMatch();
        // Lucene validates the sizes: fail at index creation rather than at first use
        if (words != null) {
            create(new org.apache.lucene.analysis.core.KeywordTokenizer());
        }
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        Deferred.require(words != null, "word_list must be provided for [dictionary_decompounder], either as a path to a file, or directly");
        return new DictionaryCompoundWordTokenFilter(tokenStream, words, minWordSize, minSubwordSize, maxSubwordSize, onlyLongestMatch);
    }
}
