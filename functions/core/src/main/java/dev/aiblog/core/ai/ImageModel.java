package dev.aiblog.core.ai;

import dev.aiblog.core.model.TokenUsage;

/** Draws the hero image for a post from the draft's image prompt. */
public interface ImageModel {
    GeneratedImage draw(String prompt);

    /** Image bytes with their content type, the model, and usage (images count, and tokens where the model reports them). */
    record GeneratedImage(byte[] bytes, String contentType, String model, TokenUsage usage) {}
}
