package nl.watwerktindewijk.analysis;

/**
 * What the {@code ngram} and {@code edge_ngram} filters and tokenizers share: their settings,
 * checked as Elasticsearch checks them. Unlike Elasticsearch, a stable plugin sees only its own
 * settings, so the index setting {@code index.max_ngram_diff} cannot be checked here: set it
 * anyway (Wagtail does), production enforces it.
 */
abstract class NGramComponent {

    final int minGram;
    final int maxGram;
    /** Read by the filters only. */
    final boolean preserveOriginal;

    NGramComponent(String name, NGramSettings settings) {
        this.minGram = settings.minGram();
        this.maxGram = settings.maxGram();
        this.preserveOriginal = settings.preserveOriginal();
        if (minGram < 1) {
            throw new IllegalArgumentException("[" + name + "] min_gram must be greater than zero, got [" + minGram + "]");
        }
        if (maxGram < minGram) {
            throw new IllegalArgumentException("[" + name + "] max_gram [" + maxGram + "] must not be smaller than min_gram [" + minGram + "]");
        }
    }

    /**
     * For the tokenizers: {@code token_chars} (split the text on other characters) is used by no
     * index setting of this project or of Wagtail, so the plugin does not implement it; it fails
     * instead of being ignored, so that no index analyses differently here than in production.
     */
    static void rejectTokenChars(String name, NGramSettings settings) {
        Words.rejectUnsupported(name, "token_chars", String.join(",", Words.nonBlank(settings.tokenChars())),
            "leave it out (every character is a token character) or use a full Elasticsearch distribution");
    }
}
