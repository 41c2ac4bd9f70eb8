package org.e2v.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.e2v.common.AppInfo;
import org.e2v.common.AtomicFiles;
import org.e2v.common.InputException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The model file: a zip archive (CRC-checked) with {@code model.json} (format tag, schema
 * version, versions, spec, loss spec, classes, input dims, provenance, optimizer state, array
 * table) and {@code arrays.bin} (the arrays of the table, big-endian, in table order).
 *
 * <p>Schema history: 1 = first version. A reader of schema N reads every file of schema &lt;= N;
 * fields a file's schema did not record yet load as "unknown".
 */
final class ModelFile {
    static final String FORMAT = "e2v-encoder";
    static final int SCHEMA_VERSION = 1;
    static final String UNKNOWN = "unknown";
    private static final String META = "model.json";
    private static final String ARRAYS = "arrays.bin";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ModelFile() {
    }

    static void write(Path file, EncoderModel model, ModelProvenance provenance) {
        List<Map.Entry<String, INDArray>> arrays = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        model.params().all().forEach((n, a) -> add(arrays, kinds, "param", n, a));
        model.lossParams().forEach((n, a) -> add(arrays, kinds, "loss", n, a));
        model.adamaxM().forEach((n, a) -> add(arrays, kinds, "adamax_m", n, a));
        model.adamaxU().forEach((n, a) -> add(arrays, kinds, "adamax_u", n, a));

        ObjectNode meta = MAPPER.createObjectNode();
        meta.put("format", FORMAT);
        meta.put("schemaVersion", SCHEMA_VERSION);
        meta.put("e2vVersion", AppInfo.version());
        meta.put("nd4jVersion", nd4jVersion());
        meta.put("savedAt", Instant.now().toString());
        meta.set("spec", MAPPER.valueToTree(model.spec()));
        meta.set("lossSpec", model.lossSpec() == null ? null : MAPPER.valueToTree(model.lossSpec()));
        meta.set("classNames", MAPPER.valueToTree(model.classNames()));
        meta.put("inputDims", model.inputDims());
        meta.put("dataType", model.dataType().name());
        meta.put("seed", model.seed());
        meta.set("featureConfig", MAPPER.valueToTree(provenance.featureConfig()));
        meta.set("training", MAPPER.valueToTree(provenance.training()));
        ObjectNode opt = meta.putObject("optimizer");
        opt.put("name", "adamax");
        opt.put("beta1", EncoderModel.ADAMAX_BETA1);
        opt.put("beta2", EncoderModel.ADAMAX_BETA2);
        opt.put("eps", EncoderModel.ADAMAX_EPS);
        opt.put("step", model.steps());
        ArrayNode table = meta.putArray("arrays");
        for (int i = 0; i < arrays.size(); i++) {
            ObjectNode row = table.addObject();
            row.put("kind", kinds.get(i));
            row.put("name", arrays.get(i).getKey());
            row.put("dataType", arrays.get(i).getValue().dataType().name());
            row.set("shape", MAPPER.valueToTree(arrays.get(i).getValue().shape()));
        }
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.putNextEntry(new ZipEntry(META));
            zip.write(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(meta));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(ARRAYS));
            DataOutputStream data = new DataOutputStream(zip);
            for (Map.Entry<String, INDArray> e : arrays) {
                INDArray a = e.getValue();
                if (a.dataType() == DataType.DOUBLE) {
                    for (double d : a.dup('c').data().asDouble()) {
                        data.writeDouble(d);
                    }
                } else {
                    for (float f : a.castTo(DataType.FLOAT).dup('c').data().asFloat()) {
                        data.writeFloat(f);
                    }
                }
            }
            data.flush();
            zip.closeEntry();
            zip.finish();
        });
    }

    private static void add(List<Map.Entry<String, INDArray>> arrays, List<String> kinds, String kind, String name,
                            INDArray a) {
        arrays.add(Map.entry(name, a));
        kinds.add(kind);
    }

    static LoadedModel read(Path file, TrainingLoss loss) {
        if (!Files.isRegularFile(file)) {
            throw new InputException(file, "model file not found");
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry metaEntry = zip.getEntry(META);
            ZipEntry arraysEntry = zip.getEntry(ARRAYS);
            if (metaEntry == null || arraysEntry == null) {
                throw new InputException(file, "is not an e2v model file (no " + META + "/" + ARRAYS + " inside)");
            }
            JsonNode meta;
            try (InputStream in = zip.getInputStream(metaEntry)) {
                meta = MAPPER.readTree(in);
            }
            if (meta == null || !FORMAT.equals(meta.path("format").asText())) {
                throw new InputException(file, "is not an e2v encoder model (format tag is '"
                        + (meta == null ? "" : meta.path("format").asText()) + "', expected '" + FORMAT + "')");
            }
            int schema = meta.path("schemaVersion").asInt(-1);
            if (schema > SCHEMA_VERSION) {
                throw new InputException(file, "was written by a newer e2v (model schema " + schema
                        + "; this e2v reads schema " + SCHEMA_VERSION + " and older): update e2v to load it");
            }
            if (schema < 1) {
                throw new InputException(file, "has an invalid model schema version '" + meta.path("schemaVersion") + "'");
            }
            EncoderModel model = buildModel(file, meta, loss);
            try (InputStream raw = zip.getInputStream(arraysEntry)) {
                readArrays(file, meta, model, new DataInputStream(new BufferedInputStream(raw)));
            } catch (RuntimeException | IOException e) {
                model.close();
                throw e;
            }
            model.restoreSteps(meta.path("optimizer").path("step").asLong(0), file);
            ModelProvenance provenance = new ModelProvenance(toMap(meta.get("featureConfig")), toMap(meta.get("training")));
            return new LoadedModel(model, provenance, schema, text(meta, "e2vVersion"), text(meta, "nd4jVersion"),
                    text(meta, "savedAt"));
        } catch (NoSuchFileException e) {
            throw new InputException(file, "model file not found", e);
        } catch (ZipException e) {
            throw new InputException(file, "is damaged or not an e2v model file (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new InputException(file, "could not be read: " + e.getMessage(), e);
        }
    }

    private static EncoderModel buildModel(Path file, JsonNode meta, TrainingLoss loss) {
        EncoderSpec spec;
        LossSpec lossSpec;
        List<String> classes = new ArrayList<>();
        try {
            spec = MAPPER.treeToValue(required(file, meta, "spec"), EncoderSpec.class);
            JsonNode ls = meta.get("lossSpec");
            lossSpec = ls == null || ls.isNull() ? null : MAPPER.treeToValue(ls, LossSpec.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new InputException(file, "has an invalid encoder or loss spec: " + rootMessage(e), e);
        }
        for (JsonNode c : required(file, meta, "classNames")) {
            classes.add(c.asText());
        }
        int inputDims = required(file, meta, "inputDims").asInt();
        DataType dataType;
        try {
            dataType = DataType.valueOf(meta.path("dataType").asText("FLOAT"));
        } catch (IllegalArgumentException e) {
            throw new InputException(file, "has an unknown data type '" + meta.path("dataType").asText() + "'", e);
        }
        try {
            return EncoderModel.create(spec, inputDims, classes, lossSpec, loss, meta.path("seed").asLong(0), dataType);
        } catch (IllegalArgumentException e) {
            throw new InputException(file, "describes an invalid model: " + e.getMessage(), e);
        }
    }

    private static void readArrays(Path file, JsonNode meta, EncoderModel model, DataInputStream in) throws IOException {
        Map<String, INDArray> declared = model.params().all();
        int restoredParams = 0;
        for (JsonNode row : required(file, meta, "arrays")) {
            String kind = row.path("kind").asText();
            String name = row.path("name").asText();
            long[] shape = MAPPER.treeToValue(row.path("shape"), long[].class);
            DataType type = DataType.valueOf(row.path("dataType").asText("FLOAT"));
            INDArray value = readArray(in, shape, type);
            switch (kind) {
                case "param" -> {
                    INDArray target = declared.get(name);
                    if (target == null || !java.util.Arrays.equals(target.shape(), shape)) {
                        throw new InputException(file, "is inconsistent: parameter " + name + " of shape "
                                + java.util.Arrays.toString(shape) + " does not fit the encoder spec");
                    }
                    target.assign(value);
                    restoredParams++;
                }
                case "loss" -> model.lossParams().put(name, value);
                case "adamax_m" -> model.adamaxM().put(name, value);
                case "adamax_u" -> model.adamaxU().put(name, value);
                default -> throw new InputException(file, "has an array of unknown kind '" + kind + "'");
            }
        }
        if (restoredParams != declared.size()) {
            throw new InputException(file, "is incomplete: " + restoredParams + " of " + declared.size()
                    + " parameters present");
        }
    }

    private static INDArray readArray(DataInputStream in, long[] shape, DataType type) throws IOException {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        try {
            if (type == DataType.DOUBLE) {
                double[] v = new double[Math.toIntExact(n)];
                for (int i = 0; i < v.length; i++) {
                    v[i] = in.readDouble();
                }
                return Nd4j.create(v, shape, DataType.DOUBLE);
            }
            float[] v = new float[Math.toIntExact(n)];
            for (int i = 0; i < v.length; i++) {
                v[i] = in.readFloat();
            }
            return Nd4j.create(v, shape, 'c').castTo(type);
        } catch (java.io.EOFException e) {
            throw new ZipException("array data ends early");
        }
    }

    private static JsonNode required(Path file, JsonNode meta, String field) {
        JsonNode n = meta.get(field);
        if (n == null || n.isNull()) {
            throw new InputException(file, "is missing the mandatory field '" + field + "'");
        }
        return n;
    }

    private static String text(JsonNode meta, String field) {
        JsonNode n = meta.get(field);
        return n == null || n.isNull() ? UNKNOWN : n.asText();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> toMap(JsonNode node) {
        if (node == null || node.isNull()) {
            return Map.of("status", UNKNOWN);
        }
        return MAPPER.convertValue(node, LinkedHashMap.class);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /** ND4J's version from its Maven metadata, or "unknown". */
    static String nd4jVersion() {
        try (InputStream in = Nd4j.class.getResourceAsStream("/META-INF/maven/org.nd4j/nd4j-api/pom.properties")) {
            if (in == null) {
                return UNKNOWN;
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", UNKNOWN);
        } catch (IOException e) {
            return UNKNOWN;
        }
    }
}
