package nl.watwerktindewijk.analysis;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * The {@code token_chars} setting of the {@code ngram} and {@code edge_ngram} tokenizers, as in
 * Elasticsearch: character classes {@code letter}, {@code digit}, {@code whitespace},
 * {@code punctuation}, {@code symbol}, {@code custom} (with {@code custom_token_chars}) and the
 * Unicode general categories by their {@link Character} constant name in lower case
 * ({@code uppercase_letter}, {@code math_symbol}, ...). An empty list keeps all characters.
 */
final class TokenChars {

    private TokenChars() {}

    private static final Map<String, IntPredicate> CLASSES = new TreeMap<>();

    static {
        CLASSES.put("letter", Character::isLetter);
        CLASSES.put("digit", Character::isDigit);
        CLASSES.put("whitespace", Character::isWhitespace);
        CLASSES.put("punctuation", c -> switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                Character.OTHER_PUNCTUATION -> true;
            default -> false;
        });
        CLASSES.put("symbol", c -> switch (Character.getType(c)) {
            case Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL,
                Character.OTHER_SYMBOL -> true;
            default -> false;
        });
        for (Field field : Character.class.getFields()) {
            int mod = field.getModifiers();
            if (field.getType() == byte.class && Modifier.isStatic(mod) && Modifier.isPublic(mod)
                && field.getName().startsWith("DIRECTIONALITY") == false) {
                try {
                    byte category = field.getByte(null);
                    CLASSES.putIfAbsent(Words.lower(field.getName()), c -> Character.getType(c) == category);
                } catch (IllegalAccessException e) {
                    // not a readable constant: skip it
                }
            }
        }
    }

    /** @return {@code null} when every character is a token character */
    static IntPredicate parse(List<String> classes, String customChars) {
        List<String> names = Words.nonBlank(classes);
        if (names.isEmpty()) {
            return null;
        }
        IntPredicate result = c -> false;
        for (String raw : names) {
            String name = Words.lower(raw);
            IntPredicate p;
            if (name.equals("custom")) {
                if (customChars == null || customChars.isEmpty()) {
                    throw new IllegalArgumentException("Token type: 'custom' requires setting `custom_token_chars`");
                }
                int[] cps = customChars.codePoints().toArray();
                p = c -> {
                    for (int cp : cps) {
                        if (cp == c) {
                            return true;
                        }
                    }
                    return false;
                };
            } else {
                p = CLASSES.get(name);
                if (p == null) {
                    throw new IllegalArgumentException("Unknown token type: '" + name + "', must be one of "
                        + CLASSES.keySet() + " or custom");
                }
            }
            result = result.or(p);
        }
        return result;
    }
}
