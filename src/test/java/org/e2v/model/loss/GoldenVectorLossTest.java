package org.e2v.model.loss;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.e2v.model.HostLoss;
import org.e2v.model.LossSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Every loss file of the golden vector folder (system property {@code e2v.vectors}, see
 * shared/testvectors/README.md) rebuilt in a SameDiff graph and compared with the PyTorch float64 reference:
 * the loss, the intermediate values the graph exposes and every gradient the file holds. Dispatch is on
 * {@code family}; all shapes and hyper-parameters come from {@code inputs}, so other folders in the same
 * format (other K, N, E, C, margins) run unchanged. Each file runs in DOUBLE (README tolerances for float64)
 * and in FLOAT (README tolerances for float32).
 */
class GoldenVectorLossTest {
    private static final Set<String> LOSS_FAMILIES = Set.of("aproto", "proto", "am_softmax", "aam_softmax",
            "softmax_ce", "triplet_batch_hard", "ce_plus_namp");
    /** Families whose loss also has a host version (decision 0136), checked in double as well. */
    private static final Set<String> HOST_FAMILIES = Set.of("aproto", "proto", "softmax_ce", "ce_plus_namp");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Largest relative error seen in DOUBLE, per kind of value, for the report written after the run. */
    private static final Map<String, Double> MAX_RELATIVE_ERROR = new LinkedHashMap<>();

    @TestFactory
    Stream<DynamicTest> everyLossFileMatchesTheReference() throws IOException {
        Path folder = Path.of(System.getProperty("e2v.vectors", "../shared/testvectors"));
        if (!Files.isDirectory(folder)) {
            throw new AssertionError("golden vector folder " + folder.toAbsolutePath()
                    + " does not exist; set -De2v.vectors=<folder with the *.json test vectors>");
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : files) {
            JsonNode root = JSON.readTree(file.toFile());
            String family = root.path("family").asText();
            if (!LOSS_FAMILIES.contains(family)) {
                continue;
            }
            String id = file.getFileName().toString();
            tests.add(DynamicTest.dynamicTest(id + " double", () -> check(root, DataType.DOUBLE)));
            tests.add(DynamicTest.dynamicTest(id + " float", () -> check(root, DataType.FLOAT)));
            if (HOST_FAMILIES.contains(family)) {
                tests.add(DynamicTest.dynamicTest(id + " host", () -> checkHost(root)));
            }
        }
        assertThat(tests).as("loss vector files in %s", folder.toAbsolutePath()).isNotEmpty();
        return tests.stream();
    }

    @AfterAll
    static void writeErrorReport() {
        StringBuilder report = new StringBuilder("max relative error vs golden vectors (double)\n");
        MAX_RELATIVE_ERROR.forEach((k, v) -> report.append(k).append('\t').append(v).append('\n'));
        try {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "golden-loss-errors.txt"), report.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Which loss to build for a file, and which graph variable holds each expected value. */
    private record Case(LossSpec spec, String lossVariable, Map<String, String> expectedToVariable, int classes,
                        int perClass, double[][] headW, double[] headBias) {
    }

    private static void check(JsonNode root, DataType dataType) {
        JsonNode in = root.get("inputs");
        String family = root.get("family").asText();
        double[][] x = matrix(in.get("embeddings"));
        int[] labels = ints(in.get("labels"));
        Case c = caseFor(family, in, x, labels);
        LossGraph graph = LossGraph.build(c.spec(), dataType, x, c.headW(), c.headBias(), labels, c.classes(),
                c.perClass());
        boolean isDouble = dataType == DataType.DOUBLE;
        String tag = root.get("case_id").asText() + " [" + dataType + "]";

        JsonNode expected = root.get("expected");
        for (Map.Entry<String, String> e : c.expectedToVariable().entrySet()) {
            JsonNode node = expected.get(e.getKey());
            if (node == null) {
                continue;
            }
            double[] want = flat(node);
            double[] got = graph.value(e.getValue());
            double rtol = isDouble ? 1e-10 : 1e-4;
            double atol = isDouble ? 1e-12 : 1e-5;
            compare(tag + " expected." + e.getKey(), got, want, rtol, atol, isDouble ? "value " + e.getKey() : null);
        }

        JsonNode gradients = root.get("gradients");
        for (var it = gradients.fields(); it.hasNext(); ) {
            var g = it.next();
            String lossVariable = c.lossVariable();
            String variable;
            switch (g.getKey()) {
                case "embeddings" -> variable = LossGraph.EMBEDDINGS;
                case "embeddings_ce" -> {
                    variable = LossGraph.EMBEDDINGS;
                    lossVariable = LossVariables.CE;
                }
                case "embeddings_namp" -> {
                    variable = LossGraph.EMBEDDINGS;
                    lossVariable = LossVariables.METRIC;
                }
                case "W" -> variable = LossGraph.HEAD_W;
                case "bias" -> variable = LossGraph.HEAD_BIAS;
                case "w" -> variable = LossVariables.SCALE_W;
                case "b" -> variable = LossVariables.BIAS_B;
                default -> throw new AssertionError(tag + ": unknown gradient '" + g.getKey() + "'");
            }
            INDArray grad = graph.gradients(lossVariable, variable).get(variable);
            assertThat(grad).as("%s gradient of %s wrt %s", tag, lossVariable, variable).isNotNull();
            double[] got = grad.castTo(DataType.DOUBLE).data().asDouble();
            double[] want = flat(g.getValue());
            double maxAbs = 0;
            for (double v : want) {
                maxAbs = Math.max(maxAbs, Math.abs(v));
            }
            if (g.getKey().equals("b")) {
                // d loss / d b is exactly 0 (b shifts a whole row of logits): absolute tolerance only.
                compare(tag + " gradients.b", got, want, 0.0, isDouble ? 1e-12 : 1e-6, null);
            } else if (isDouble) {
                compare(tag + " gradients." + g.getKey(), got, want, 1e-9, 1e-11, "gradient " + g.getKey());
            } else {
                compare(tag + " gradients." + g.getKey(), got, want, 0.0, 1e-4 * Math.max(maxAbs, 1e-30), null);
            }
        }
    }

    /**
     * The host version of the file's loss ({@link org.e2v.model.TrainingLoss#host()}) against the reference in
     * double: the loss and every gradient the file holds. Pure metric files use ceWeight 0 (their gradients
     * are the metric term's alone); the CE and NAMP parts of {@code ce_plus_namp} come from the sm loss and
     * from namp with ceWeight 0.
     */
    private static void checkHost(JsonNode root) {
        JsonNode in = root.get("inputs");
        String family = root.get("family").asText();
        double[][] x = matrix(in.get("embeddings"));
        int[] labels = ints(in.get("labels"));
        Case c = caseFor(family, in, x, labels);
        LossSpec full = c.lossVariable().equals(LossVariables.METRIC) ? withCeWeight(c.spec(), 0.0) : c.spec();
        String tag = root.get("case_id").asText() + " [host]";
        HostLoss.Result r = host(full, x, c, labels, in);
        JsonNode expected = root.get("expected");
        String lossKey = family.equals("ce_plus_namp") ? "loss_total" : "loss";
        compare(tag + " expected." + lossKey, new double[] {r.total()}, flat(expected.get(lossKey)), 1e-10, 1e-12,
                "host value loss");
        if (family.equals("ce_plus_namp")) {
            compare(tag + " expected.loss_ce", new double[] {r.ce()}, flat(expected.get("loss_ce")), 1e-10, 1e-12,
                    "host value loss");
            compare(tag + " expected.loss_namp", new double[] {r.metric()}, flat(expected.get("loss_namp")), 1e-10,
                    1e-12, "host value loss");
        }
        for (var it = root.get("gradients").fields(); it.hasNext(); ) {
            var g = it.next();
            double[] got = switch (g.getKey()) {
                case "embeddings" -> r.dEmbeddings();
                case "embeddings_ce" -> host(LossSpec.of("sm", 0.0), x, c, labels, in).dEmbeddings();
                case "embeddings_namp" -> host(withCeWeight(c.spec(), 0.0), x, c, labels, in).dEmbeddings();
                case "W" -> r.dHeadW();
                case "bias" -> r.dHeadBias();
                case "w" -> new double[] {r.dScalars().get(LossVariables.SCALE_W)};
                case "b" -> new double[] {r.dScalars().get(LossVariables.BIAS_B)};
                default -> throw new AssertionError(tag + ": unknown gradient '" + g.getKey() + "'");
            };
            double[] want = flat(g.getValue());
            if (g.getKey().equals("b")) {
                compare(tag + " gradients.b", got, want, 0.0, 1e-12, null);
            } else {
                compare(tag + " gradients." + g.getKey(), got, want, 1e-9, 1e-11, "host gradient " + g.getKey());
            }
        }
    }

    private static HostLoss.Result host(LossSpec spec, double[][] x, Case c, int[] labels, JsonNode in) {
        HostLoss loss = Losses.create(spec).host();
        assertThat(loss).as("host version of %s", spec.name()).isNotNull();
        Map<String, Double> scalars = new LinkedHashMap<>();
        scalars.put(LossVariables.SCALE_W, in.has("w") ? in.get("w").asDouble() : spec.initW());
        scalars.put(LossVariables.BIAS_B, in.has("b") ? in.get("b").asDouble() : spec.initB());
        int dims = x[0].length;
        double[] flatX = new double[x.length * dims];
        for (int r = 0; r < x.length; r++) {
            System.arraycopy(x[r], 0, flatX, r * dims, dims);
        }
        double[] flatW = new double[c.headW().length * c.headW()[0].length];
        for (int e = 0; e < c.headW().length; e++) {
            System.arraycopy(c.headW()[e], 0, flatW, e * c.headW()[e].length, c.headW()[e].length);
        }
        return loss.evaluate(flatX, x.length, dims, flatW, c.headBias(), labels, c.classes(), c.perClass(), scalars);
    }

    private static LossSpec withCeWeight(LossSpec s, double ceWeight) {
        return new LossSpec(s.name(), s.margin(), s.convention(), s.learnableMargin(), s.marginMin(), s.marginMax(),
                s.scale(), s.initW(), s.initB(), ceWeight);
    }

    private static Case caseFor(String family, JsonNode in, double[][] x, int[] labels) {
        int rows = x.length;
        int dims = x[0].length;
        switch (family) {
            case "aproto", "proto", "ce_plus_namp" -> {
                int k = in.get("K").asInt();
                int n = in.get("N").asInt();
                boolean proto = family.equals("proto");
                LossSpec spec = proto ? LossSpec.of("proto", 0.0) : angularSpec(in, family.equals("ce_plus_namp"));
                Map<String, String> names = new LinkedHashMap<>();
                names.put(family.equals("ce_plus_namp") ? "loss_namp" : "loss", LossVariables.METRIC);
                names.put(proto ? "logits" : "S", LossVariables.LOGITS);
                names.put("cos", LossVariables.COSINE);
                names.put("centroids", LossVariables.CENTROIDS);
                names.put("queries", LossVariables.QUERIES);
                names.put("per_query_loss", LossVariables.PER_QUERY);
                names.put("loss_total", LossVariables.TOTAL);
                names.put("loss_ce", LossVariables.CE);
                names.put("logits_ce", LossVariables.CE_LOGITS);
                if (family.equals("ce_plus_namp")) {
                    return new Case(spec, LossVariables.TOTAL, names, k, n, matrix(in.get("W")),
                            vector(in.get("bias")));
                }
                // Pure metric families: the head is present (the combined graph needs it) but the
                // gradients are those of the metric term alone.
                return new Case(spec, LossVariables.METRIC, names, k, n, arbitraryHead(dims, k), new double[k]);
            }
            case "am_softmax", "aam_softmax" -> {
                String name = family.equals("am_softmax") ? "am" : "aam";
                LossSpec spec = new LossSpec(name, in.get("m").asDouble(), "paper", false, -0.5, 0.5,
                        in.get("s").asDouble(), 10.0, -5.0, 1.0);
                int classes = in.get("C").asInt();
                Map<String, String> names = new LinkedHashMap<>();
                names.put("loss", LossVariables.TOTAL);
                names.put("cos", LossVariables.COSINE);
                names.put("logits", LossVariables.LOGITS);
                names.put("per_row_loss", LossVariables.PER_QUERY);
                names.put("phi_target", LossVariables.PHI_TARGET);
                return new Case(spec, LossVariables.TOTAL, names, classes, Math.max(1, rows / classes),
                        matrix(in.get("W")), new double[classes]);
            }
            case "softmax_ce" -> {
                int classes = in.get("C").asInt();
                Map<String, String> names = new LinkedHashMap<>();
                names.put("loss", LossVariables.TOTAL);
                names.put("logits", LossVariables.CE_LOGITS);
                names.put("per_row_loss", LossVariables.CE_PER_ROW);
                return new Case(LossSpec.of("sm", 0.0), LossVariables.TOTAL, names, classes,
                        Math.max(1, rows / classes), matrix(in.get("W")), vector(in.get("bias")));
            }
            case "triplet_batch_hard" -> {
                Set<Integer> distinct = new TreeSet<>();
                for (int label : labels) {
                    distinct.add(label);
                }
                int k = distinct.size();
                int n = rows / k;
                int[] episodic = LossGraph.episodicLabels(k, n);
                assertThat(labels).as("triplet vectors must be an episodic batch (labels floor(r/N))")
                        .containsExactly(episodic);
                Map<String, String> names = new LinkedHashMap<>();
                names.put("loss", LossVariables.METRIC);
                names.put("dist", LossVariables.DISTANCES);
                names.put("d_ap", LossVariables.D_AP);
                names.put("d_an", LossVariables.D_AN);
                names.put("hinge", LossVariables.HINGE);
                return new Case(LossSpec.of("triplet", in.get("margin").asDouble()), LossVariables.METRIC, names,
                        k, n, arbitraryHead(dims, k), new double[k]);
            }
            default -> throw new AssertionError("not a loss family: " + family);
        }
    }

    /** aproto / amproto / namp chosen by the sign of m, with the file's convention, w and b. */
    private static LossSpec angularSpec(JsonNode in, boolean withCrossEntropy) {
        double m = in.get("m").asDouble();
        String name = m < 0 ? "namp" : m > 0 ? "amproto" : "aproto";
        return new LossSpec(name, m, in.get("convention").asText(), false, -0.5, 0.5, 30.0,
                in.get("w").asDouble(), in.get("b").asDouble(), withCrossEntropy ? 1.0 : 0.0);
    }

    /** A fixed head for families without one (their metric gradients do not depend on it). */
    private static double[][] arbitraryHead(int dims, int classes) {
        double[][] w = new double[dims][classes];
        for (int e = 0; e < dims; e++) {
            for (int c = 0; c < classes; c++) {
                w[e][c] = Math.sin(1.0 + e * classes + c);
            }
        }
        return w;
    }

    private static void compare(String what, double[] got, double[] want, double rtol, double atol, String kind) {
        assertThat(got).as("%s: number of values", what).hasSize(want.length);
        double worstRelative = 0;
        for (int i = 0; i < want.length; i++) {
            double error = Math.abs(got[i] - want[i]);
            if (error > atol + rtol * Math.abs(want[i])) {
                throw new AssertionError(String.format("%s[%d]: got %.17g, expected %.17g (|diff| %.3g > %.3g + %.3g*|exp|)",
                        what, i, got[i], want[i], error, atol, rtol));
            }
            if (Math.abs(want[i]) > 1e-8) {
                worstRelative = Math.max(worstRelative, error / Math.abs(want[i]));
            }
        }
        if (kind != null) {
            synchronized (MAX_RELATIVE_ERROR) {
                MAX_RELATIVE_ERROR.merge(kind, worstRelative, Math::max);
            }
        }
    }

    private static double[][] matrix(JsonNode node) {
        double[][] m = new double[node.size()][];
        for (int r = 0; r < m.length; r++) {
            m[r] = vector(node.get(r));
        }
        return m;
    }

    private static double[] vector(JsonNode node) {
        double[] v = new double[node.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = node.get(i).asDouble();
        }
        return v;
    }

    private static int[] ints(JsonNode node) {
        int[] v = new int[node.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = node.get(i).asInt();
        }
        return v;
    }

    /** Row-major flattening of a number, vector or matrix. */
    private static double[] flat(JsonNode node) {
        if (!node.isArray()) {
            return new double[] {node.asDouble()};
        }
        List<Double> values = new ArrayList<>();
        collect(node, values);
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void collect(JsonNode node, List<Double> into) {
        if (node.isArray()) {
            node.forEach(child -> collect(child, into));
        } else {
            into.add(node.asDouble());
        }
    }
}
