package dev.aiblog.local.iam;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** An IAM wildcard pattern: {@code *} any run of characters, {@code ?} exactly one. */
final class Wildcard {

    // Policies are few and fixed for a run: compile each pattern once.
    private static final Map<String, Wildcard> ACTIONS = new ConcurrentHashMap<>();
    private static final Map<String, Wildcard> RESOURCES = new ConcurrentHashMap<>();

    private final String text;
    private final Pattern pattern;

    private Wildcard(String text, boolean ignoreCase) {
        this.text = text;
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        this.pattern = Pattern.compile(
                regex.toString(), Pattern.DOTALL | (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0));
    }

    /** Action names match case-insensitively ({@code dynamodb:getitem} is {@code dynamodb:GetItem}). */
    static Wildcard action(String text) {
        return ACTIONS.computeIfAbsent(text, t -> new Wildcard(t, true));
    }

    /** Resource ARNs match case-sensitively. */
    static Wildcard resource(String text) {
        return RESOURCES.computeIfAbsent(text, t -> new Wildcard(t, false));
    }

    boolean matches(String value) {
        return pattern.matcher(value).matches();
    }

    @Override
    public String toString() {
        return text;
    }
}
