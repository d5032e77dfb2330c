package dev.aiblog.local.iam;

/** A statement's {@code Effect}. */
public enum Effect {
    ALLOW("Allow"),
    DENY("Deny");

    private final String json;

    Effect(String json) {
        this.json = json;
    }

    /** As written in a policy document ({@code Allow} / {@code Deny}). */
    public String json() {
        return json;
    }

    static Effect parse(String value, String where) {
        for (Effect effect : values()) {
            if (effect.json.equals(value)) {
                return effect;
            }
        }
        throw new PolicyException(where + ": Effect must be \"Allow\" or \"Deny\" (case-sensitive), got " + value);
    }
}
