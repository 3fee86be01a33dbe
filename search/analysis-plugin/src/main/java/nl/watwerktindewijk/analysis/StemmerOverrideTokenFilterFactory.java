package nl.watwerktindewijk.analysis;

import java.io.IOException;
import java.util.List;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.StemmerOverrideFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.ListSetting;
import org.elasticsearch.plugin.settings.StringSetting;

/**
 * {@code stemmer_override}: rules "huizen, huis => huis" set the stem of the listed words and mark
 * them as keywords, so that a following stemmer leaves them alone. Put it before the stemmer.
 */
@NamedComponent("stemmer_override")
public final class StemmerOverrideTokenFilterFactory implements TokenFilterFactory {

    @AnalysisSettings
    public interface Settings {
        @ListSetting(path = "rules")
        List<String> rules();

        @StringSetting(path = "rules_path", defaultValue = "")
        String rulesPath();
    }

    private final StemmerOverrideFilter.StemmerOverrideMap overrides;

    @Inject
    public StemmerOverrideTokenFilterFactory(Settings settings) {
        Words.rejectUnsupported("stemmer_override", "rules_path", settings.rulesPath(), "list the rules inline in [rules]");
        List<String> rules = Words.nonBlank(settings.rules());
        if (rules.isEmpty()) {
            // Without settings this must not throw: see Required.
            this.overrides = null;
            return;
        }
        StemmerOverrideFilter.Builder builder = new StemmerOverrideFilter.Builder(false);
        for (String rule : rules) {
            String[] sides = rule.split("=>", -1);
            if (sides.length != 2) {
                throw new IllegalArgumentException("Invalid Keyword override Rule:" + rule);
            }
            String override = sides[1].trim();
            if (override.isEmpty()) {
                throw new IllegalArgumentException("Invalid Keyword override Rule:" + rule);
            }
            for (String key : sides[0].split(",")) {
                String k = key.trim();
                if (k.isEmpty()) {
                    throw new IllegalArgumentException("Invalid Keyword override Rule:" + rule);
                }
                builder.add(k, override);
            }
        }
        try {
            this.overrides = builder.build();
        } catch (IOException e) {
            throw new IllegalStateException("failed to build stemmer overrides", e);
        }
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        Required.check(overrides != null, "stemmer override filter requires either `rules` or `rules_path` to be configured");
        return new StemmerOverrideFilter(tokenStream, overrides);
    }
}
