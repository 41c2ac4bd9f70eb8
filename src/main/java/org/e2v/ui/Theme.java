package org.e2v.ui;

import java.util.Locale;

/** The workbench's colour themes; each is a stylesheet of colours on top of {@code base.css}. */
public enum Theme {
    LIGHT("Light"), DARK("Dark");

    private final String displayName;

    Theme(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /** The theme's stylesheet URL (for {@code Scene.getStylesheets()}). */
    public String stylesheet() {
        return resource(name().toLowerCase(Locale.ROOT) + ".css");
    }

    /** Layout, spacing and typography shared by both themes. */
    public static String baseStylesheet() {
        return resource("base.css");
    }

    /** Parses a stored theme name; unknown or missing names give LIGHT. */
    public static Theme parse(String name) {
        if (name != null) {
            for (Theme t : values()) {
                if (t.name().equalsIgnoreCase(name.strip())) {
                    return t;
                }
            }
        }
        return LIGHT;
    }

    private static String resource(String name) {
        var url = Theme.class.getResource(name);
        if (url == null) {
            throw new IllegalStateException("stylesheet " + name + " is missing from the application");
        }
        return url.toExternalForm();
    }
}
