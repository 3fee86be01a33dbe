package nl.watwerktindewijk.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.BooleanSetting;

/**
 * {@code asciifolding}: "één" → "een", "café" → "cafe" (Lucene {@link ASCIIFoldingFilter}).
 *
 * <p>Note: Elasticsearch 8.19 does not let stable-plugin filters into a custom
 * <em>normalizer</em> ("Custom normalizer [x] may not use filter [asciifolding]"); inside
 * analyzers, {@link #normalize} is used for prefix/wildcard/fuzzy query terms.
 */
@NamedComponent("asciifolding")
public final class AsciiFoldingTokenFilterFactory implements TokenFilterFactory {

    @AnalysisSettings
    public interface Settings {
        /** Also keep the unfolded token (at the same position). */
        @BooleanSetting(path = "preserve_original", defaultValue = false)
        boolean preserveOriginal();
    }

    private final boolean preserveOriginal;

    @Inject
    public AsciiFoldingTokenFilterFactory(Settings settings) {
        this.preserveOriginal = settings.preserveOriginal();
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new ASCIIFoldingFilter(tokenStream, preserveOriginal);
    }

    @Override
    public TokenStream normalize(TokenStream tokenStream) {
        return new ASCIIFoldingFilter(tokenStream, false);
    }
}
