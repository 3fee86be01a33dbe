package nl.watwerktindewijk.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.AnalyzerFactory;
import org.elasticsearch.plugin.analysis.CharFilterFactory;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.elasticsearch.plugin.analysis.TokenizerFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.BooleanSetting;
import org.elasticsearch.plugin.settings.IntSetting;
import org.elasticsearch.plugin.settings.ListSetting;
import org.elasticsearch.plugin.settings.LongSetting;
import org.elasticsearch.plugin.settings.StringSetting;
import org.junit.jupiter.api.Test;

/**
 * Checks what Elasticsearch checks (or silently relies on) when it loads a stable plugin:
 * the hand-written named_components.json lists exactly the annotated classes, each class can be
 * instantiated the way StableApiWrappers does it, and the descriptor is complete.
 */
class PluginMetadataTest {

    static final Map<String, Class<?>> EXTENSIBLES = Map.of(
        TokenFilterFactory.class.getName(), TokenFilterFactory.class,
        TokenizerFactory.class.getName(), TokenizerFactory.class,
        AnalyzerFactory.class.getName(), AnalyzerFactory.class,
        CharFilterFactory.class.getName(), CharFilterFactory.class
    );

    /** Names the bare 8.19 server already registers: registering them again breaks node startup. */
    static final Map<String, Set<String>> CORE_NAMES = Map.of(
        TokenFilterFactory.class.getName(), Set.of("lowercase", "stop", "shingle", "standard"),
        TokenizerFactory.class.getName(), Set.of("standard"),
        AnalyzerFactory.class.getName(), Set.of("standard", "simple", "whitespace", "keyword", "stop", "default"),
        CharFilterFactory.class.getName(), Set.of()
    );

    static Path metadataDir() {
        String dir = System.getProperty("plugin.metadata.dir", "target/plugin-metadata");
        return Path.of(dir);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, String>> namedComponents() throws IOException {
        String json = Files.readString(metadataDir().resolve("named_components.json"), StandardCharsets.UTF_8);
        Object parsed = new MiniJson(json).parse();
        Map<String, Map<String, String>> result = new TreeMap<>();
        ((Map<String, Object>) parsed).forEach((k, v) -> result.put(k, (Map<String, String>) v));
        return result;
    }

    @Test
    void namedComponentsFileMatchesAnnotatedClasses() throws Exception {
        Map<String, Map<String, String>> declared = namedComponents();
        Set<String> listedClasses = new TreeSet<>();
        for (var extensible : declared.entrySet()) {
            Class<?> iface = EXTENSIBLES.get(extensible.getKey());
            assertNotNull(iface, "unknown extensible interface " + extensible.getKey());
            for (var component : extensible.getValue().entrySet()) {
                Class<?> cls = Class.forName(component.getValue());
                listedClasses.add(cls.getName());
                assertTrue(iface.isAssignableFrom(cls), cls + " must implement " + iface);
                NamedComponent nc = cls.getAnnotation(NamedComponent.class);
                assertNotNull(nc, cls + " lacks @NamedComponent");
                assertEquals(component.getKey(), nc.value(), "name in named_components.json vs @NamedComponent of " + cls);
                assertFalse(CORE_NAMES.get(extensible.getKey()).contains(nc.value()), nc.value() + " is already in core");
            }
        }
        // every annotated class in the build output is listed
        Path classes = Path.of(System.getProperty("plugin.classes.dir", "target/classes"));
        Set<String> annotated = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (name.equals("module-info") || name.endsWith("package-info")) {
                    continue;
                }
                Class<?> cls = Class.forName(name, false, getClass().getClassLoader());
                if (cls.isAnnotationPresent(NamedComponent.class)) {
                    annotated.add(name);
                }
            }
        }
        assertEquals(annotated, listedClasses, "named_components.json must list every @NamedComponent class");
    }

    @Test
    void componentsAreConstructibleTheWayElasticsearchDoesIt() throws Exception {
        for (var extensible : namedComponents().values()) {
            for (String className : extensible.values()) {
                Class<?> cls = Class.forName(className);
                assertTrue(Modifier.isPublic(cls.getModifiers()), cls + " must be public");
                Constructor<?>[] constructors = cls.getConstructors();
                assertEquals(1, constructors.length, cls + ": Plugin can only have one public constructor.");
                Constructor<?> c = constructors[0];
                if (c.getParameterCount() == 0) {
                    continue;
                }
                assertNotNull(c.getAnnotation(Inject.class), c + " takes arguments, so it needs @Inject");
                for (Class<?> p : c.getParameterTypes()) {
                    assertTrue(p.isInterface() && p.isAnnotationPresent(AnalysisSettings.class),
                        c + ": parameter " + p + " must be an @AnalysisSettings interface");
                    assertTrue(Modifier.isPublic(p.getModifiers()), p + " must be public");
                    for (Method m : p.getMethods()) {
                        checkSettingMethod(m);
                    }
                }
            }
        }
    }

    private static void checkSettingMethod(Method m) {
        Annotation[] annotations = m.getAnnotations();
        assertEquals(1, annotations.length, m + " must carry exactly one setting annotation");
        assertEquals(0, m.getParameterCount(), m + " takes no arguments");
        Annotation a = annotations[0];
        Class<?> expected;
        String path;
        if (a instanceof IntSetting s) {
            expected = int.class;
            path = s.path();
        } else if (a instanceof LongSetting s) {
            expected = long.class;
            path = s.path();
        } else if (a instanceof BooleanSetting s) {
            expected = boolean.class;
            path = s.path();
        } else if (a instanceof StringSetting s) {
            expected = String.class;
            path = s.path();
        } else if (a instanceof ListSetting s) {
            expected = List.class;
            path = s.path();
        } else {
            fail(m + ": unknown setting annotation " + a);
            return;
        }
        assertEquals(expected, m.getReturnType(), m + " return type for " + a.annotationType().getSimpleName());
        assertTrue(path.matches("[a-z_]+"), m + ": setting path " + path);
    }

    /**
     * Elasticsearch instantiates every registered component with empty settings whenever it
     * creates an index (stable components cannot say they require settings), so no constructor
     * may throw on empty settings. Components that need settings fail in create() instead, which
     * Elasticsearch calls for every analyzer at index creation.
     */
    @Test
    void everyComponentConstructsWithEmptySettings() throws Exception {
        Set<String> needSettings = Set.of("pattern_replace");
        for (var extensible : namedComponents().entrySet()) {
            for (var entry : extensible.getValue().entrySet()) {
                Constructor<?> c = Class.forName(entry.getValue()).getConstructors()[0];
                Object[] args = new Object[c.getParameterCount()];
                for (int i = 0; i < args.length; i++) {
                    args[i] = TestSettings.of(c.getParameterTypes()[i], Map.of());
                }
                Object component = c.newInstance(args);
                if (component instanceof TokenFilterFactory f) {
                    var tokenizer = new org.apache.lucene.analysis.core.KeywordTokenizer();
                    if (needSettings.contains(entry.getKey())) {
                        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.create(tokenizer),
                            entry.getKey() + " without settings must fail in create()");
                        assertFalse(e.getMessage().isBlank());
                    } else {
                        var analyzer = Tokens.analyzer(org.apache.lucene.analysis.core.KeywordTokenizer::new, List.of(f::create));
                        assertFalse(Tokens.terms(analyzer, "Wijk").isEmpty(), entry.getKey() + " with default settings");
                    }
                } else if (component instanceof TokenizerFactory t) {
                    assertFalse(Tokens.terms(t.create(), "Wijk").isEmpty(), entry.getKey());
                } else if (component instanceof AnalyzerFactory a) {
                    try (var analyzer = a.create()) {
                        assertFalse(Tokens.terms(analyzer, "wijken").isEmpty(), entry.getKey());
                    }
                }
            }
        }
    }

    @Test
    void descriptorIsComplete() throws IOException {
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(metadataDir().resolve("stable-plugin-descriptor.properties"))) {
            props.load(r);
        }
        assertEquals("wwdw-analysis", props.getProperty("name"));
        assertEquals("17", props.getProperty("java.version"));
        assertEquals(System.getProperty("expected.elasticsearch.version", "8.19.21"), props.getProperty("elasticsearch.version"));
        assertFalse(props.getProperty("description", "").isBlank());
        assertTrue(props.getProperty("version", "").matches("\\d+\\.\\d+\\.\\d+.*"));
        assertEquals(Set.of("name", "description", "version", "java.version", "elasticsearch.version"), props.stringPropertyNames(),
            "a stable plugin descriptor has exactly these keys (no classname, no modulename)");
        for (String key : props.stringPropertyNames()) {
            assertFalse(props.getProperty(key).contains("${"), key + " was not filtered");
        }
    }

    /** Just enough JSON for named_components.json: objects and strings. */
    static final class MiniJson {
        private final String s;
        private int i;

        MiniJson(String s) {
            this.s = s;
        }

        Object parse() {
            Object v = value();
            ws();
            if (i != s.length()) {
                throw new IllegalArgumentException("trailing characters at " + i);
            }
            return v;
        }

        private void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private Object value() {
            ws();
            char c = s.charAt(i);
            if (c == '{') {
                return object();
            }
            if (c == '"') {
                return string();
            }
            throw new IllegalArgumentException("unexpected '" + c + "' at " + i);
        }

        private Map<String, Object> object() {
            Map<String, Object> m = new LinkedHashMap<>();
            i++; // {
            ws();
            if (s.charAt(i) == '}') {
                i++;
                return m;
            }
            while (true) {
                ws();
                String key = string();
                ws();
                expect(':');
                if (m.put(key, value()) != null) {
                    throw new IllegalArgumentException("duplicate key " + key);
                }
                ws();
                if (s.charAt(i) == ',') {
                    i++;
                } else {
                    expect('}');
                    return m;
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (s.charAt(i) != '"') {
                char c = s.charAt(i++);
                if (c == '\\') {
                    throw new IllegalArgumentException("escapes not expected in named_components.json");
                }
                b.append(c);
            }
            i++;
            return b.toString();
        }

        private void expect(char c) {
            if (s.charAt(i) != c) {
                throw new IllegalArgumentException("expected '" + c + "' at " + i + " but got '" + s.charAt(i) + "'");
            }
            i++;
        }
    }
}
