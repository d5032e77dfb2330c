package dev.aiblog.core.ai;

/**
 * A source of text, image and moderation models.
 *
 * @param name    "openai" for any OpenAI-compatible server, "offline" for the built-in stand-in
 * @param offline true when nothing real writes the posts; every post made this way says so
 */
public record ModelProvider(String name, boolean offline, TextModel text, ImageModel image, Moderator moderator) {}
