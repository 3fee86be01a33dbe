package nl.watwerktindewijk.analysis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.apache.lucene.analysis.CharArraySet;

/** Word lists and small setting helpers shared by the components. */
final class Words {

    private Words() {}

    static CharArraySet wordSet(Collection<String> words, boolean ignoreCase) {
        return CharArraySet.unmodifiableSet(new CharArraySet(words, ignoreCase));
    }

    /** Why file-based settings ({@code synonyms_path}, {@code word_list_path}...) are rejected. */
    static final String NO_FILES = "the stable plugin API gives no access to files or other indices";

    /** Fails clearly, instead of ignoring it, when a setting the plugin does not implement is set. */
    static void rejectUnsupported(String component, String setting, String value, String why) {
        if (value != null && value.isEmpty() == false) {
            throw new IllegalArgumentException(
                "[" + component + "] setting [" + setting + "] is not supported by the wwdw-analysis plugin: " + why);
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
