package org.e2v.experiment.workspace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.e2v.common.AtomicFiles;
import org.e2v.common.InputException;

/**
 * Reads and writes {@link Workspace} files (JSON with a {@code schemaVersion}). Saving goes
 * through {@link AtomicFiles}, so a crash mid-save leaves the previous file intact. The layout is
 * written field by field rather than by reflection so that a renamed Java field can never silently
 * change the file format, and so that each problem gets a message naming the field.
 *
 * <p>Relative paths inside a workspace file are resolved against the file's folder, so a
 * workspace saved next to its corpus can be moved together with it.
 */
public final class WorkspaceStore {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private WorkspaceStore() {
    }

    /** Saves {@code workspace} to {@code file}, replacing it atomically. */
    public static void save(Path file, Workspace workspace) {
        AtomicFiles.writeString(file, toJson(workspace));
    }

    /**
     * Loads a workspace file.
     *
     * @throws InputException naming the file when it is missing, not JSON, not a workspace, from a
     *                        newer e2v, or has a field of the wrong kind
     */
    public static Workspace load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InputException(file, "does not exist");
        } catch (IOException e) {
            throw new InputException(file, "could not be read: " + e.getMessage(), e);
        }
        return fromJson(file, text);
    }

    static String toJson(Workspace w) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schemaVersion", Workspace.SCHEMA_VERSION);
        if (w.corpus() != null) {
            ObjectNode c = root.putObject("corpus");
            c.put("path", w.corpus().path().toString());
            c.put("format", w.corpus().format());
        }
        ObjectNode bins = root.putObject("enrollment");
        w.enrollment().forEach((name, ids) -> {
            ArrayNode a = bins.putArray(name);
            ids.forEach(a::add);
        });
        if (w.model() != null) {
            root.put("model", w.model().toString());
        }
        if (w.run() != null) {
            root.put("run", w.run().toString());
        }
        ObjectNode ui = root.putObject("ui");
        w.uiState().forEach(ui::put);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree of strings cannot fail to serialise", e);
        }
    }

    static Workspace fromJson(Path file, String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InputException(file, "is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new InputException(file, "is not an e2v workspace (expected a JSON object)");
        }
        JsonNode version = root.get("schemaVersion");
        if (version == null || !version.canConvertToInt()) {
            throw new InputException(file, "is not an e2v workspace (no schemaVersion)");
        }
        if (version.asInt() > Workspace.SCHEMA_VERSION) {
            throw new InputException(file, "was written by a newer e2v (workspace schema " + version.asInt()
                    + "; this version reads up to " + Workspace.SCHEMA_VERSION + ")");
        }
        if (version.asInt() < 1) {
            throw new InputException(file, "has an invalid schemaVersion " + version.asInt());
        }
        Path base = file.toAbsolutePath().getParent();
        CorpusRef corpus = null;
        JsonNode c = root.get("corpus");
        if (c != null && !c.isNull()) {
            requireObject(file, c, "corpus");
            corpus = new CorpusRef(resolve(base, requireText(file, c, "corpus.path", "path")),
                    requireText(file, c, "corpus.format", "format"));
        }
        Map<String, List<String>> enrollment = new LinkedHashMap<>();
        JsonNode bins = root.get("enrollment");
        if (bins != null && !bins.isNull()) {
            requireObject(file, bins, "enrollment");
            for (Iterator<Map.Entry<String, JsonNode>> it = bins.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isArray()) {
                    throw new InputException(file, "enrollment class '" + e.getKey() + "' must be a list of utterance ids");
                }
                List<String> ids = new ArrayList<>();
                for (JsonNode id : e.getValue()) {
                    if (!id.isTextual()) {
                        throw new InputException(file, "enrollment class '" + e.getKey() + "' contains a non-text id: " + id);
                    }
                    ids.add(id.asText());
                }
                enrollment.put(e.getKey(), ids);
            }
        }
        Map<String, String> ui = new LinkedHashMap<>();
        JsonNode uiNode = root.get("ui");
        if (uiNode != null && !uiNode.isNull()) {
            requireObject(file, uiNode, "ui");
            uiNode.fields().forEachRemaining(e -> ui.put(e.getKey(), e.getValue().asText()));
        }
        return new Workspace(corpus, enrollment, optionalPath(file, base, root, "model"),
                optionalPath(file, base, root, "run"), ui);
    }

    private static Path optionalPath(Path file, Path base, JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new InputException(file, "field '" + field + "' must be a path (text)");
        }
        return resolve(base, n.asText());
    }

    private static Path resolve(Path base, String path) {
        Path p = Path.of(path);
        return p.isAbsolute() || base == null ? p : base.resolve(p).normalize();
    }

    private static void requireObject(Path file, JsonNode n, String field) {
        if (!n.isObject()) {
            throw new InputException(file, "field '" + field + "' must be a JSON object");
        }
    }

    private static String requireText(Path file, JsonNode parent, String label, String field) {
        JsonNode n = parent.get(field);
        if (n == null || !n.isTextual() || n.asText().isBlank()) {
            throw new InputException(file, "field '" + label + "' is missing or not text");
        }
        return n.asText();
    }
}
