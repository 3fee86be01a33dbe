package nl.watwerktindewijk.analysis;

import java.util.Locale;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.pattern.PatternReplaceFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.BooleanSetting;
import org.elasticsearch.plugin.settings.StringSetting;

/** {@code pattern_replace}: a Java regular expression replacement on each token. */
@NamedComponent("pattern_replace")
public final class PatternReplaceTokenFilterFactory implements TokenFilterFactory {

    @AnalysisSettings
    public interface Settings {
        @StringSetting(path = "pattern", defaultValue = "")
        String pattern();

        @StringSetting(path = "replacement", defaultValue = "")
        String replacement();

        /** Replace every match (true) or only the first. */
        @BooleanSetting(path = "all", defaultValue = true)
        boolean all();

        /** Java regex flags separated by "|", e.g. "CASE_INSENSITIVE|COMMENTS". */
        @StringSetting(path = "flags", defaultValue = "")
        String flags();
    }

    static final String MISSING = "pattern is missing for [pattern_replace] token filter of type 'pattern_replace'";

    private final Pattern pattern;
    private final String replacement;
    private final boolean all;

    @Inject
    public PatternReplaceTokenFilterFactory(Settings settings) {
        // Without settings this must not throw: see Deferred.
        this.pattern = settings.pattern().isEmpty() ? null : Pattern.compile(settings.pattern(), flags(settings.flags()));
        this.replacement = settings.replacement();
        this.all = settings.all();
    }

    static int flags(String flags) {
        int result = 0;
        for (String raw : flags.split("\\|")) {
            String flag = raw.trim().toUpperCase(Locale.ROOT);
            if (flag.isEmpty()) {
                continue;
            }
            if (flag.startsWith("PATTERN.")) {
                flag = flag.substring("PATTERN.".length());
            }
            result |= switch (flag) {
                case "CASE_INSENSITIVE" -> Pattern.CASE_INSENSITIVE;
                case "MULTILINE" -> Pattern.MULTILINE;
                case "DOTALL" -> Pattern.DOTALL;
                case "UNICODE_CASE" -> Pattern.UNICODE_CASE;
                case "CANON_EQ" -> Pattern.CANON_EQ;
                case "UNIX_LINES" -> Pattern.UNIX_LINES;
                case "LITERAL" -> Pattern.LITERAL;
                case "COMMENTS" -> Pattern.COMMENTS;
                case "UNICODE_CHAR_CLASS" -> Pattern.UNICODE_CHARACTER_CLASS;
                default -> throw new IllegalArgumentException("Unknown regex flag [" + raw.trim() + "]");
            };
        }
        return result;
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        Deferred.require(pattern != null, MISSING);
        return new PatternReplaceFilter(tokenStream, pattern, replacement, all);
    }
}
