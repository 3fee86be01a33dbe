package nl.watwerktindewijk.analysis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.nl.DutchAnalyzer;

/** Word lists and small setting helpers shared by the components. */
final class Words {

    private Words() {}

    /** Named word lists as Elasticsearch resolves them in stop word settings. */
    static final Map<String, CharArraySet> NAMED_SETS = Map.of(
        "_dutch_", DutchAnalyzer.getDefaultStopSet(),
        "_english_", EnglishAnalyzer.ENGLISH_STOP_WORDS_SET
    );

    /**
     * A word set from a list setting. Entries that name a known list ({@code _dutch_}) are
     * expanded; {@code _none_} alone gives the empty set; an empty list gives {@code fallback}.
     */
    static CharArraySet wordSet(List<String> words, boolean ignoreCase, CharArraySet fallback) {
        if (words == null || words.isEmpty()) {
            return fallback;
        }
        if (words.size() == 1 && "_none_".equals(words.get(0).trim())) {
            return CharArraySet.EMPTY_SET;
        }
        CharArraySet set = new CharArraySet(words.size(), ignoreCase);
        for (String word : words) {
            String w = word.trim();
            CharArraySet named = NAMED_SETS.get(w);
            if (named != null) {
                set.addAll(named);
            } else if (w.startsWith("_") && w.endsWith("_") && w.length() > 2) {
                throw new IllegalArgumentException(
                    "unknown word list [" + w + "]; the wwdw-analysis plugin knows " + NAMED_SETS.keySet() + " and _none_");
            } else {
                set.add(word);
            }
        }
        return CharArraySet.unmodifiableSet(set);
    }

    static CharArraySet wordSet(Collection<String> words, boolean ignoreCase) {
        return CharArraySet.unmodifiableSet(new CharArraySet(words, ignoreCase));
    }

    /**
     * File-based settings ({@code synonyms_path}, {@code word_list_path}...) need access to the
     * node's config directory, which the stable plugin API does not give: fail clearly.
     */
    static void rejectUnsupported(String component, String setting, String value, String hint) {
        if (value != null && value.isEmpty() == false) {
            throw new IllegalArgumentException(
                "[" + component + "] setting [" + setting + "] is not supported by the wwdw-analysis plugin"
                    + " (the stable plugin API gives no file or index access); " + hint);
        }
    }

    /** Non-empty, trimmed entries of a list setting. */
    static List<String> nonBlank(List<String> values) {
        List<String> result = new ArrayList<>(values.size());
        for (String v : values) {
            if (v != null && v.isBlank() == false) {
                result.add(v.trim());
            }
        }
        return result;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
