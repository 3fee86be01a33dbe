package nl.watwerktindewijk.analysis;

import java.util.List;

/**
 * What the {@code ngram} and {@code edge_ngram} filters and tokenizers share: their settings,
 * checked as Elasticsearch checks them. Unlike Elasticsearch, a stable plugin sees only its own
 * settings, so the index setting {@code index.max_ngram_diff} cannot be checked here: set it
 * anyway (Wagtail does), production enforces it.
 */
abstract class NGramComponent {

    final String name;
    final int minGram;
    final int maxGram;
    /** Read by the filters only. */
    final boolean preserveOriginal;
    /** Read by the tokenizers only, see {@link #rejectTokenChars()}. */
    private final List<String> tokenChars;

    NGramComponent(String name, NGramSettings settings) {
        this.name = name;
        this.minGram = settings.minGram();
        this.maxGram = settings.maxGram();
        this.preserveOriginal = settings.preserveOriginal();
        this.tokenChars = Words.nonBlank(settings.tokenChars());
        if (minGram < 1) {
            throw new IllegalArgumentException("[" + name + "] min_gram must be greater than zero, got [" + minGram + "]");
        }
        if (maxGram < minGram) {
            throw new IllegalArgumentException("[" + name + "] max_gram [" + maxGram + "] must not be smaller than min_gram [" + minGram + "]");
        }
    }

    /**
     * For the tokenizers' {@code create()}: {@code token_chars} (split the text on other
     * characters) is used by no index setting of this project or of Wagtail, so the plugin does
     * not implement it; it fails index creation instead of being ignored, so that no index
     * analyses differently here than in production.
     */
    void rejectTokenChars() {
        Words.rejectUnsupported(name, "token_chars", String.join(",", tokenChars),
            "no index setting uses it; leave it out (every character is then a token character)");
    }
}
