package org.e2v.ui;

import java.util.Objects;

/**
 * A screen as listed in the side navigation.
 *
 * @param id      stable id, stored in workspaces to reopen the same screen ("corpus", "enroll")
 * @param title   navigation label ("Enroll & verify")
 * @param factory creates the screen on first visit
 */
public record ScreenRegistration(String id, String title, ScreenFactory factory) {
    public ScreenRegistration {
        if (id == null || !id.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("screen id must be lower-case letters, digits and '-': " + id);
        }
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("screen " + id + " needs a title");
        }
        Objects.requireNonNull(factory, "factory");
    }
}
