package nl.watwerktindewijk.analysis;

import java.util.function.Function;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.synonym.SynonymFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.AnalysisMode;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/**
 * {@code synonym}: the older, non-graph synonym filter (Lucene {@link SynonymFilter}); prefer
 * {@code synonym_graph} for multi-word synonyms at search time.
 */
@NamedComponent("synonym")
public final class SynonymTokenFilterFactory implements TokenFilterFactory {

    private final Function<TokenStream, TokenStream> filter;
    private final boolean updateable;

    @Inject
    @SuppressWarnings("deprecation")
    public SynonymTokenFilterFactory(SynonymSettings settings) {
        this.filter = Deferred.filter(() -> {
            SynonymMap map = SynonymRules.build("synonym", settings);
            return map == null ? ts -> ts : ts -> new SynonymFilter(ts, map, false);
        });
        this.updateable = settings.updateable();
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return filter.apply(tokenStream);
    }

    @Override
    public AnalysisMode getAnalysisMode() {
        return updateable ? AnalysisMode.SEARCH_TIME : AnalysisMode.ALL;
    }
}
