package dev.aiblog.core.ai;

import dev.aiblog.core.model.Draft;
import dev.aiblog.core.model.PostOptions;
import dev.aiblog.core.model.TokenUsage;

/** Writes a draft for a topic. Implementations throw the named errors of {@code dev.aiblog.core.errors}. */
public interface TextModel {
    GeneratedText write(String topic, PostOptions options);

    /** The draft, the model that wrote it, and what it cost in tokens. */
    record GeneratedText(Draft draft, String model, TokenUsage usage) {}
}
