package nl.watwerktindewijk.analysis;

import java.util.List;
import java.util.function.Function;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.AnalysisMode;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.BooleanSetting;
import org.elasticsearch.plugin.settings.ListSetting;
import org.elasticsearch.plugin.settings.StringSetting;

/**
 * {@code synonym_graph}: multi-word synonyms as a token graph (Lucene {@link SynonymGraphFilter}).
 * Rules are parsed with a fixed lowercase + ASCII folding chain, see {@link SynonymRules}.
 */
@NamedComponent("synonym_graph")
public final class SynonymGraphTokenFilterFactory implements TokenFilterFactory {

    @AnalysisSettings
    public interface Settings {
        /** Inline rules in Solr format: "a, b, c" or "a, b => c". */
        @ListSetting(path = "synonyms")
        List<String> synonyms();

        /** "solr" only: the plugin rejects "wordnet" (no index setting uses it). */
        @StringSetting(path = "format", defaultValue = "solr")
        String format();

        /** For equivalent synonyms "a, b, c": map every word to all (true) or all to the first (false). */
        @BooleanSetting(path = "expand", defaultValue = true)
        boolean expand();

        /** Skip rules that cannot be parsed instead of failing. */
        @BooleanSetting(path = "lenient", defaultValue = false)
        boolean lenient();

        /** Search-time only (reloadable) synonyms. */
        @BooleanSetting(path = "updateable", defaultValue = false)
        boolean updateable();

        /** Not supported here (no file access): rejected when set. */
        @StringSetting(path = "synonyms_path", defaultValue = "")
        String synonymsPath();

        /** Not supported here (the synonyms API is part of analysis-common): rejected when set. */
        @StringSetting(path = "synonyms_set", defaultValue = "")
        String synonymsSet();
    }

    private final Function<TokenStream, TokenStream> filter;
    private final boolean updateable;

    @Inject
    public SynonymGraphTokenFilterFactory(Settings settings) {
        this.filter = Deferred.filter(() -> {
            SynonymMap map = SynonymRules.build(settings);
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
