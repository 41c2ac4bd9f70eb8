package org.e2v.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.e2v.common.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-user preferences kept in {@code <user dir>/settings.json}. A missing or damaged file gives
 * the defaults (and is logged): preferences are never worth refusing to start over.
 *
 * @param theme        the colour theme
 * @param lastWorkspace the workspace file last opened or saved, or null
 */
public record UserSettings(Theme theme, Path lastWorkspace) {
    private static final Logger LOG = LoggerFactory.getLogger(UserSettings.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    public UserSettings {
        theme = theme == null ? Theme.LIGHT : theme;
    }

    public static UserSettings defaults() {
        return new UserSettings(Theme.LIGHT, null);
    }

    public UserSettings withTheme(Theme newTheme) {
        return new UserSettings(newTheme, lastWorkspace);
    }

    public UserSettings withLastWorkspace(Path file) {
        return new UserSettings(theme, file);
    }

    /** Reads the settings file; defaults when it is missing or unreadable. */
    public static UserSettings load(Path file) {
        if (!Files.isRegularFile(file)) {
            return defaults();
        }
        try {
            JsonNode n = JSON.readTree(file.toFile());
            if (n == null || !n.isObject()) {
                LOG.warn("{}: not a settings object; using defaults", file);
                return defaults();
            }
            String last = n.path("lastWorkspace").asText("");
            return new UserSettings(Theme.parse(n.path("theme").asText(null)), last.isBlank() ? null : Path.of(last));
        } catch (IOException e) {
            LOG.warn("{}: unreadable settings ({}); using defaults", file, e.getMessage());
            return defaults();
        }
    }

    /** Writes the settings atomically. */
    public void save(Path file) {
        ObjectNode n = JSON.createObjectNode();
        n.put("theme", theme.name().toLowerCase(java.util.Locale.ROOT));
        if (lastWorkspace != null) {
            n.put("lastWorkspace", lastWorkspace.toString());
        }
        AtomicFiles.writeString(file, n.toPrettyString() + "\n");
    }
}
