package nl.watwerktindewijk.analysis;

import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.lucene.analysis.TokenStream;

/**
 * Settings are validated in the constructor, but a problem is reported from {@code create()}.
 *
 * <p>Two facts of Elasticsearch 8.19's stable plugin support make this necessary:
 * <ol>
 *   <li>whenever it creates an index, Elasticsearch builds a default instance, with empty
 *       settings, of every registered component that does not declare that it requires settings,
 *       and stable components cannot declare that. A constructor that throws on missing settings
 *       (pattern_replace without pattern...) would break every index creation on the node;</li>
 *   <li>an exception from a constructor reaches the client as HTTP 500 "Cannot create instance of
 *       class ..." with the real reason buried in {@code caused_by}.</li>
 * </ol>
 * Elasticsearch runs every analyzer over an empty string at index creation, which calls
 * {@code create()} of each component it uses, so invalid settings still fail index creation,
 * as HTTP 400 with our message as the reason. (Unlike Elasticsearch, a component that is
 * defined but used by no analyzer is not checked.)
 */
final class Deferred {

    private Deferred() {}

    /** The filter function built by {@code build}, or one that throws the validation error. */
    static Function<TokenStream, TokenStream> filter(Supplier<Function<TokenStream, TokenStream>> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            return ts -> {
                throw new IllegalArgumentException(e.getMessage(), e);
            };
        }
    }

    /** For {@code create()}: a setting the component needs, missing from its settings. */
    static void require(boolean present, String message) {
        if (present == false) {
            throw new IllegalArgumentException(message);
        }
    }
}
