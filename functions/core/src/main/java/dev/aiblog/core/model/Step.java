package dev.aiblog.core.model;

/** The pipeline step a running request is in. */
public enum Step {
    MODERATE_TOPIC,
    TEXT,
    MODERATE_TEXT,
    IMAGE,
    /** Waiting for an editor's decision (only with {@code ReviewMode REQUIRED}). */
    REVIEW,
    PUBLISH
}
