package nl.watwerktindewijk.analysis;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.elasticsearch.plugin.settings.BooleanSetting;
import org.elasticsearch.plugin.settings.IntSetting;
import org.elasticsearch.plugin.settings.ListSetting;
import org.elasticsearch.plugin.settings.LongSetting;
import org.elasticsearch.plugin.settings.StringSetting;

/**
 * A settings-interface implementation that behaves like Elasticsearch 8.19's
 * SettingsInvocationHandler: each method has exactly one setting annotation; the value at the
 * annotation's path is parsed with Integer/Long/Boolean.valueOf, else the annotation's default;
 * a list setting without a value is an empty list and a single string becomes a one-element list.
 * So the tests exercise the real annotation paths and defaults.
 */
final class TestSettings {

    private TestSettings() {}

    static <T> T of(Class<T> settingsInterface, Object... pathsAndValues) {
        if (pathsAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("need path/value pairs");
        }
        Map<String, Object> values = new java.util.HashMap<>();
        for (int i = 0; i < pathsAndValues.length; i += 2) {
            values.put((String) pathsAndValues[i], pathsAndValues[i + 1]);
        }
        return of(settingsInterface, values);
    }

    static <T> T of(Class<T> settingsInterface, Map<String, Object> values) {
        Object proxy = Proxy.newProxyInstance(settingsInterface.getClassLoader(), new Class<?>[] { settingsInterface },
            (p, method, args) -> {
                Annotation[] annotations = method.getAnnotations();
                if (annotations.length != 1) {
                    throw new AssertionError(method + " must carry exactly one setting annotation");
                }
                Annotation a = annotations[0];
                if (a instanceof IntSetting s) {
                    Object v = values.get(s.path());
                    return v == null ? s.defaultValue() : Integer.valueOf(String.valueOf(v));
                } else if (a instanceof LongSetting s) {
                    Object v = values.get(s.path());
                    return v == null ? s.defaultValue() : Long.valueOf(String.valueOf(v));
                } else if (a instanceof BooleanSetting s) {
                    Object v = values.get(s.path());
                    return v == null ? s.defaultValue() : Boolean.valueOf(String.valueOf(v));
                } else if (a instanceof StringSetting s) {
                    Object v = values.get(s.path());
                    return v == null ? s.defaultValue() : String.valueOf(v);
                } else if (a instanceof ListSetting s) {
                    Object v = values.get(s.path());
                    if (v == null) {
                        return Collections.emptyList();
                    }
                    if (v instanceof List<?> list) {
                        return list.stream().map(String::valueOf).toList();
                    }
                    return List.of(String.valueOf(v));
                }
                throw new IllegalArgumentException("Unrecognised annotation " + a);
            });
        return settingsInterface.cast(proxy);
    }
}
