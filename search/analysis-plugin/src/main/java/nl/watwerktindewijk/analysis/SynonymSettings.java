package nl.watwerktindewijk.analysis;

import java.util.List;

import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.BooleanSetting;
import org.elasticsearch.plugin.settings.ListSetting;
import org.elasticsearch.plugin.settings.StringSetting;

/** Settings of {@code synonym} and {@code synonym_graph}, as in Elasticsearch. */
@AnalysisSettings
public interface SynonymSettings {
    /** Inline rules, Solr format by default: "a, b, c" or "a, b => c". */
    @ListSetting(path = "synonyms")
    List<String> synonyms();

    /** "solr" or "wordnet". */
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

    /** Not supported here (synonyms API is part of analysis-common's filter): rejected when set. */
    @StringSetting(path = "synonyms_set", defaultValue = "")
    String synonymsSet();
}
