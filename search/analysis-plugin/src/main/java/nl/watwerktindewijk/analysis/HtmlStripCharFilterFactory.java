package nl.watwerktindewijk.analysis;

import java.io.Reader;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.lucene.analysis.charfilter.HTMLStripCharFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.CharFilterFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.ListSetting;

/** {@code html_strip} char filter: removes HTML tags and decodes entities ("&amp;eacute;" → "é"). */
@NamedComponent("html_strip")
public final class HtmlStripCharFilterFactory implements CharFilterFactory {

    @AnalysisSettings
    public interface Settings {
        /** Tags to keep. */
        @ListSetting(path = "escaped_tags")
        List<String> escapedTags();
    }

    private final Set<String> escapedTags;

    @Inject
    public HtmlStripCharFilterFactory(Settings settings) {
        List<String> tags = Words.nonBlank(settings.escapedTags());
        this.escapedTags = tags.isEmpty() ? null : Set.copyOf(new HashSet<>(tags));
    }

    @Override
    public Reader create(Reader reader) {
        return new HTMLStripCharFilter(reader, escapedTags);
    }
}
