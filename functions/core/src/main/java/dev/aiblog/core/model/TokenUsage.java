package dev.aiblog.core.model;

/** Tokens a model call consumed, and the images it made (0 for text). */
public record TokenUsage(long inputTokens, long outputTokens, int images) {
    public static final TokenUsage NONE = new TokenUsage(0, 0, 0);

    public static TokenUsage text(long inputTokens, long outputTokens) {
        return new TokenUsage(inputTokens, outputTokens, 0);
    }

    public TokenUsage plus(TokenUsage other) {
        return new TokenUsage(
                inputTokens + other.inputTokens, outputTokens + other.outputTokens, images + other.images);
    }
}
