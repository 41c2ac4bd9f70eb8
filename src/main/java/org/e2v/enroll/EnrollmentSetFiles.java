package org.e2v.enroll;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.e2v.common.AtomicFiles;
import org.e2v.common.E2vException;
import org.e2v.common.InputException;

/**
 * Reads and writes {@link EnrollmentSet}s as JSON:
 * <pre>{@code
 * {"format": "e2v-enrollment-set", "schema_version": 1,
 *  "classes": ["neutral", "frustrated"],
 *  "enrolled": {"neutral": ["Ses01F_impro01_F000", ...], "frustrated": [...]},
 *  "model": {"id": "namp-m-0.3", "hash": "sha256:..."},
 *  "max_distance": null}
 * }</pre>
 * Saving is atomic (a crash leaves the old file or the new one). Loading fails with an
 * {@link InputException} naming the file and the problem.
 */
public final class EnrollmentSetFiles {
    /** Value of the "format" field, so that other JSON files are recognised as such. */
    public static final String FORMAT = "e2v-enrollment-set";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EnrollmentSetFiles() {
    }

    /** Writes the set atomically. */
    public static void save(Path file, EnrollmentSet set) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("schema_version", EnrollmentSet.SCHEMA_VERSION);
        ArrayNode classes = root.putArray("classes");
        set.classes().forEach(classes::add);
        ObjectNode enrolled = root.putObject("enrolled");
        for (Map.Entry<String, List<String>> e : set.enrolled().entrySet()) {
            ArrayNode ids = enrolled.putArray(e.getKey());
            e.getValue().forEach(ids::add);
        }
        ObjectNode model = root.putObject("model");
        model.put("id", set.modelId());
        model.put("hash", set.modelHash());
        if (set.maxDistance() == null) {
            root.putNull("max_distance");
        } else {
            root.put("max_distance", set.maxDistance());
        }
        try {
            AtomicFiles.writeString(file, MAPPER.writeValueAsString(root) + "\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not encode enrollment set: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a set written by {@link #save}.
     *
     * @throws InputException if the file is missing, not JSON, not an enrollment set, from a newer
     *                        e2v, or inconsistent (unknown class, utterance enrolled twice, ...)
     */
    public static EnrollmentSet load(Path file) {
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new InputException(file, "enrollment set not found");
        } catch (JsonProcessingException e) {
            throw new InputException(file, "is not valid JSON (line " + e.getLocation().getLineNr() + "): "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InputException(file, "could not be read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText(null))) {
            throw new InputException(file, "is not an e2v enrollment set (no \"format\": \"" + FORMAT + "\")");
        }
        JsonNode version = root.get("schema_version");
        if (version == null || !version.canConvertToInt()) {
            throw new InputException(file, "has no integer \"schema_version\"");
        }
        if (version.asInt() > EnrollmentSet.SCHEMA_VERSION || version.asInt() < 1) {
            throw new InputException(file, "has schema version " + version.asInt() + "; this e2v reads versions 1 to "
                    + EnrollmentSet.SCHEMA_VERSION + " (saved by a newer e2v?)");
        }
        List<String> classes = stringList(file, root.get("classes"), "\"classes\"");
        JsonNode enrolledNode = root.get("enrolled");
        if (enrolledNode == null || !enrolledNode.isObject()) {
            throw new InputException(file, "has no \"enrolled\" object (class name -> list of utterance ids)");
        }
        Map<String, List<String>> enrolled = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = enrolledNode.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            enrolled.put(e.getKey(), stringList(file, e.getValue(), "\"enrolled\" of class \"" + e.getKey() + "\""));
        }
        JsonNode model = root.path("model");
        String modelId = model.path("id").isTextual() ? model.path("id").asText() : null;
        String modelHash = model.path("hash").isTextual() ? model.path("hash").asText() : null;
        JsonNode threshold = root.path("max_distance");
        Double maxDistance = null;
        if (threshold.isNumber()) {
            maxDistance = threshold.asDouble();
        } else if (!threshold.isMissingNode() && !threshold.isNull()) {
            throw new InputException(file, "\"max_distance\" must be a number or null, got " + threshold);
        }
        try {
            return new EnrollmentSet(version.asInt(), classes, enrolled, modelId, modelHash, maxDistance);
        } catch (E2vException e) {
            throw new InputException(file, e.getMessage(), e);
        }
    }

    private static List<String> stringList(Path file, JsonNode node, String what) {
        if (node == null || !node.isArray()) {
            throw new InputException(file, what + " must be a list of strings");
        }
        List<String> out = new ArrayList<>(node.size());
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw new InputException(file, what + " must hold only strings, found " + item);
            }
            out.add(item.asText());
        }
        return out;
    }
}
