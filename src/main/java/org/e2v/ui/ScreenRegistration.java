package org.e2v.ui;

import java.util.Objects;

/**
 * A screen as listed in the side navigation.
 *
 * @param id          stable id, stored in workspaces to reopen the same screen ("corpus", "enroll")
 * @param title       navigation label ("Enroll & verify")
 * @param factory     creates the screen on first visit
 * @param warmOnStart create the screen (not show it) right after start, so that work it starts by
 *                    itself (the Enroll screen embedding the open corpus) is done before the first visit
 */
public record ScreenRegistration(String id, String title, ScreenFactory factory, boolean warmOnStart) {
    /** A screen created on its first visit. */
    public ScreenRegistration(String id, String title, ScreenFactory factory) {
        this(id, title, factory, false);
    }

    /** This registration, created right after start. */
    public ScreenRegistration warmedOnStart() {
        return new ScreenRegistration(id, title, factory, true);
    }

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
