package nl.watwerktindewijk.analysis;

import java.util.function.Function;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.AnalysisMode;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/**
 * {@code synonym_graph}: multi-word synonyms as a token graph (Lucene {@link SynonymGraphFilter}).
 * Rules are parsed with a fixed lowercase + ASCII folding chain, see {@link SynonymRules}.
 */
@NamedComponent("synonym_graph")
public final class SynonymGraphTokenFilterFactory implements TokenFilterFactory {

    private final Function<TokenStream, TokenStream> filter;
    private final boolean updateable;

    @Inject
    public SynonymGraphTokenFilterFactory(SynonymSettings settings) {
        this.filter = Deferred.filter(() -> {
            SynonymMap map = SynonymRules.build("synonym_graph", settings);
            return map == null ? ts -> ts : ts -> new SynonymGraphFilter(ts, map, false);
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
