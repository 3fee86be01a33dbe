package nl.watwerktindewijk.analysis;

import java.util.List;

import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.BooleanSetting;
import org.elasticsearch.plugin.settings.IntSetting;
import org.elasticsearch.plugin.settings.ListSetting;
import org.elasticsearch.plugin.settings.StringSetting;

/**
 * Settings of the {@code ngram} and {@code edge_ngram} filters and tokenizers, with
 * Elasticsearch's paths and defaults. Each component reads the ones it has in Elasticsearch and,
 * like Elasticsearch, ignores the others (Wagtail sends {@code side} to the edge_ngram tokenizer).
 */
@AnalysisSettings
public interface NGramSettings {
    @IntSetting(path = "min_gram", defaultValue = 1)
    int minGram();

    @IntSetting(path = "max_gram", defaultValue = 2)
    int maxGram();

    /** Filters: also keep the token itself. */
    @BooleanSetting(path = "preserve_original", defaultValue = false)
    boolean preserveOriginal();

    /** edge_ngram filter: "front" (default) or "back" (the ends of the token), as Elasticsearch still accepts. */
    @StringSetting(path = "side", defaultValue = "front")
    String side();

    /** Tokenizers: not supported here (no index setting uses it), rejected when set. */
    @ListSetting(path = "token_chars")
    List<String> tokenChars();
}
