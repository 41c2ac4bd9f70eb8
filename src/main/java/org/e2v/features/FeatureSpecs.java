package org.e2v.features;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.e2v.common.E2vException;

/** Registry of the feature sets: defaults, field descriptions, parsing with overrides, canonical JSON. */
public final class FeatureSpecs {
    /** Names of the feature sets computed from audio. */
    public static final List<String> AUDIO_KINDS = List.of(EmobaseSpec.KIND, MfccSpec.KIND, LogMelSpec.KIND);

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    private FeatureSpecs() {
    }

    /** The default spec of an audio feature set ("emobase", "mfcc", "logmel"). */
    public static AudioFeatureSpec defaults(String kind) {
        return switch (kind.toLowerCase(Locale.ROOT)) {
            case EmobaseSpec.KIND -> EmobaseSpec.defaults();
            case MfccSpec.KIND -> MfccSpec.defaults();
            case LogMelSpec.KIND -> LogMelSpec.defaults();
            default -> throw new E2vException("unknown feature set '" + kind + "' (expected one of " + AUDIO_KINDS
                    + " or npy:<folder>)");
        };
    }

    /** Field names, defaults and one-line descriptions of a feature set, for help texts and tooltips. */
    public static List<SpecField> describe(String kind) {
        return SpecFields.describe((Record) defaults(kind));
    }

    /**
     * Parses a feature choice as given on the command line: "emobase", "mfcc", "logmel" or
     * "npy:&lt;folder or file&gt;", with field overrides ("coefficients" -> "20",
     * "normalisation" -> "speaker"). Unknown fields and invalid values are reported by name.
     */
    public static FeatureSpec parse(String choice, Map<String, String> overrides) {
        String c = choice.strip();
        if (c.toLowerCase(Locale.ROOT).startsWith("npy:")) {
            String location = c.substring(4);
            if (location.isBlank()) {
                throw new E2vException("npy: needs a folder or file, e.g. npy:features/vqwav2vec");
            }
            Normalisation n = Normalisation.NONE;
            for (var e : overrides.entrySet()) {
                if (!e.getKey().equals("normalisation")) {
                    throw new E2vException("imported features have no field '" + e.getKey() + "' (only normalisation)");
                }
                n = parseNormalisation(e.getValue());
            }
            return new ImportedFeatureSpec(Path.of(location), n);
        }
        AudioFeatureSpec base = defaults(c);
        if (overrides.isEmpty()) {
            return base;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = MAPPER.convertValue(base, TreeMap.class);
        for (var e : overrides.entrySet()) {
            if (!fields.containsKey(e.getKey())) {
                throw new E2vException("feature set " + base.kind() + " has no field '" + e.getKey() + "' (fields: "
                        + String.join(", ", fields.keySet()) + ")");
            }
            fields.put(e.getKey(), e.getValue());
        }
        try {
            return MAPPER.convertValue(fields, base.getClass());
        } catch (IllegalArgumentException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new E2vException("invalid " + base.kind() + " settings: " + root.getMessage(), e);
        }
    }

    private static Normalisation parseNormalisation(String text) {
        try {
            return Normalisation.parse(text);
        } catch (IllegalArgumentException e) {
            throw new E2vException(e.getMessage(), e);
        }
    }

    /** Canonical JSON: "kind" plus every field, keys sorted, no whitespace. Recorded in provenance. */
    public static String canonicalJson(FeatureSpec spec) {
        return write(fieldMap(spec));
    }

    /**
     * Canonical JSON of the raw features a spec produces, i.e. without its normalisation (the cache
     * stores raw features, so specs that differ only in normalisation share entries).
     */
    public static String cacheJson(AudioFeatureSpec spec) {
        Map<String, Object> fields = fieldMap(spec);
        fields.remove("normalisation");
        return write(fields);
    }

    private static Map<String, Object> fieldMap(FeatureSpec spec) {
        Map<String, Object> fields = new TreeMap<>();
        if (spec instanceof ImportedFeatureSpec imported) {
            fields.put("source", imported.source().toAbsolutePath().normalize().toString());
            fields.put("normalisation", imported.normalisation().id());
        } else {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = MAPPER.convertValue(spec, TreeMap.class);
            fields.putAll(m);
        }
        fields.put("kind", spec.kind());
        return fields;
    }

    private static String write(Map<String, Object> fields) {
        try {
            return MAPPER.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + fields, e);
        }
    }

    /** Reads a spec back from its canonical JSON. */
    public static FeatureSpec fromJson(String json) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = MAPPER.readValue(json, TreeMap.class);
            Object kind = fields.remove("kind");
            if (kind == null) {
                throw new E2vException("feature spec JSON has no \"kind\": " + json);
            }
            if (ImportedFeatureSpec.KIND.equals(kind)) {
                return new ImportedFeatureSpec(Path.of(String.valueOf(fields.get("source"))),
                        parseNormalisation(String.valueOf(fields.getOrDefault("normalisation", "none"))));
            }
            return MAPPER.convertValue(fields, defaults(kind.toString()).getClass());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new E2vException("invalid feature spec JSON: " + plainMessage(e), e);
        }
    }

    /** Jackson's message without its "at [Source: ...]" location suffix and class-name preamble. */
    private static String plainMessage(Exception e) {
        Throwable t = e;
        if (e instanceof IllegalArgumentException && e.getCause() instanceof JsonProcessingException j) {
            t = j;
        }
        String m = t instanceof JsonProcessingException j ? j.getOriginalMessage() : t.getMessage();
        if (m == null) {
            return t.getClass().getSimpleName();
        }
        int problem = m.indexOf("problem: ");
        return (problem >= 0 ? m.substring(problem + "problem: ".length()) : m).strip();
    }
}
