package org.e2v.enroll;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.e2v.common.E2vException;

/**
 * What a user enrolled for a task, as saved to disk: the class bins in order, the utterance ids
 * enrolled in each, the encoder the embeddings came from, and the open-set threshold. Embeddings
 * are not stored: they are recomputed (or read from the cache) with the named model.
 *
 * @param schemaVersion file format version ({@link #SCHEMA_VERSION} when written by this e2v)
 * @param classes       class names in bin order
 * @param enrolled      utterance ids per class; every key is in {@code classes}, every class has an entry
 * @param modelId       encoder name or path, or null when not recorded
 * @param modelHash     hash of the encoder file (e.g. "sha256:..."), or null when not recorded
 * @param maxDistance   open-set rejection threshold on the cosine distance, or null for closed set
 */
public record EnrollmentSet(int schemaVersion, List<String> classes, Map<String, List<String>> enrolled,
        String modelId, String modelHash, Double maxDistance) {
    /** The version this e2v writes and the newest it reads. */
    public static final int SCHEMA_VERSION = 1;

    /**
     * @throws E2vException if a class is blank or repeated, an enrolled key is not a class, an
     *                      utterance is enrolled twice, or the threshold is not a distance in [0, 2]
     */
    public EnrollmentSet {
        classes = List.copyOf(classes);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        for (String c : classes) {
            if (c.isBlank()) {
                throw new E2vException("a class name is empty");
            }
            if (copy.put(c, List.of()) != null) {
                throw new E2vException("class \"" + c + "\" is listed twice");
            }
        }
        Map<String, String> classOf = new HashMap<>();
        for (Map.Entry<String, List<String>> e : enrolled.entrySet()) {
            if (!copy.containsKey(e.getKey())) {
                throw new E2vException("enrolled samples for \"" + e.getKey() + "\", which is not one of the classes " + classes);
            }
            for (String id : e.getValue()) {
                String previous = classOf.put(id, e.getKey());
                if (previous != null) {
                    throw new E2vException("utterance " + id + " is enrolled twice (in \"" + previous + "\" and \""
                            + e.getKey() + "\")");
                }
            }
            copy.put(e.getKey(), List.copyOf(e.getValue()));
        }
        enrolled = java.util.Collections.unmodifiableMap(copy);
        if (maxDistance != null && (maxDistance.isNaN() || maxDistance < 0 || maxDistance > 2)) {
            throw new E2vException("the rejection threshold must be a cosine distance in [0, 2], got " + maxDistance);
        }
    }

    /** All enrolled utterance ids, class by class. */
    public List<String> allEnrolledIds() {
        List<String> ids = new ArrayList<>();
        enrolled.values().forEach(ids::addAll);
        return ids;
    }
}
