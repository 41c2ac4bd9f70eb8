package org.e2v.enroll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.e2v.metrics.ClassificationReport;
import org.e2v.metrics.McNemarResult;
import org.e2v.metrics.Metrics;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Checks enroll-to-verify and the metrics against every golden vector file of the families
 * {@code enroll_verify}, {@code metrics} and {@code mcnemar_tables} in the folder named by the
 * system property {@code e2v.vectors} (see its README). Shapes come from each file's inputs.
 */
class GoldenVectorsTest {
    private static final Set<String> FAMILIES = Set.of("enroll_verify", "metrics", "mcnemar_tables");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** README tolerances: double arithmetic. */
    private static final double RTOL = 1e-10;
    private static final double ATOL = 1e-12;
    /** README tolerances: float arithmetic (the interactive session). */
    private static final double RTOL_FLOAT = 1e-4;
    private static final double ATOL_FLOAT = 1e-5;

    @TestFactory
    Stream<DynamicTest> everyVectorFileOfOurFamiliesMatches() throws IOException {
        Path dir = Path.of(System.getProperty("e2v.vectors", "../shared/testvectors"));
        if (!Files.isDirectory(dir)) {
            fail("golden test vector folder " + dir.toAbsolutePath() + " does not exist; set the system property "
                    + "e2v.vectors to the folder holding the *.json vectors (default ../shared/testvectors)");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().collect(Collectors.toList());
        }
        List<DynamicTest> tests = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (Path file : files) {
            JsonNode root = MAPPER.readTree(file.toFile());
            String family = root.path("family").asText();
            if (!FAMILIES.contains(family)) {
                continue; // loss families are checked by the model package
            }
            seen.add(family);
            tests.add(DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                switch (family) {
                    case "enroll_verify" -> checkEnrollVerify(root);
                    case "metrics" -> checkMetrics(root);
                    default -> checkMcNemarTables(root);
                }
            }));
        }
        // A folder without our families would make this test pass vacuously.
        assertThat(seen).as("families found in %s", dir).isEqualTo(new TreeSet<>(FAMILIES));
        return tests.stream();
    }

    private static void checkEnrollVerify(JsonNode root) {
        JsonNode in = root.get("inputs");
        JsonNode ex = root.get("expected");
        int dims = in.get("E").asInt();
        int classes = in.get("num_classes").asInt();
        double[][] queries = matrix(in.get("queries"));
        assertThat(queries).hasNumberOfRows(in.get("Q").asInt());
        double[][] prototypes = new double[classes][];
        for (int c = 0; c < classes; c++) {
            double[][] enrolled = matrix(in.get("enrolled").get(c));
            assertThat(enrolled.length).isEqualTo(in.get("enrolled_counts").get(c).asInt());
            prototypes[c] = CosineVerifier.prototype(enrolled);
            assertThat(prototypes[c]).hasSize(dims);
        }
        assertClose("prototypes", prototypes, matrix(ex.get("prototypes")), RTOL, ATOL);
        double[][] d = CosineVerifier.cosineDistances(queries, prototypes);
        double[][] cos = new double[queries.length][classes];
        for (int q = 0; q < queries.length; q++) {
            for (int c = 0; c < classes; c++) {
                cos[q][c] = CosineVerifier.cosine(queries[q], prototypes[c]);
            }
        }
        assertClose("cos", cos, matrix(ex.get("cos")), RTOL, ATOL);
        assertClose("D", d, matrix(ex.get("D")), RTOL, ATOL);
        int[] expectedPredicted = ints(ex.get("predicted"));
        assertThat(CosineVerifier.nearest(d, Double.POSITIVE_INFINITY)).isEqualTo(expectedPredicted);
        double[] angles = new double[queries.length];
        for (int q = 0; q < queries.length; q++) {
            angles[q] = CosineVerifier.polarAngleDeg(d[q][0], d[q][1]);
        }
        assertClose("polar_angle_deg", new double[][] {angles}, new double[][] {doubles(ex.get("polar_angle_deg"))}, RTOL, ATOL);

        // The same case through the incremental float session, enrolling one sample at a time.
        List<String> names = new ArrayList<>();
        in.get("class_names").forEach(n -> names.add(n.asText()));
        List<String> ids = new ArrayList<>();
        List<String> truth = new ArrayList<>();
        int[] trueLabels = ints(in.get("query_true_labels"));
        for (int q = 0; q < queries.length; q++) {
            ids.add("q" + q);
            truth.add(names.get(trueLabels[q]));
        }
        EnrollmentSession session = new EnrollmentSession(ids, toFloat(queries), truth);
        names.forEach(session::addClass);
        VerificationResult result = null;
        for (int c = 0; c < classes; c++) {
            float[][] enrolled = toFloat(matrix(in.get("enrolled").get(c)));
            for (int i = 0; i < enrolled.length; i++) {
                result = session.enroll(names.get(c), "c" + c + "-" + i, enrolled[i]);
            }
        }
        assertThat(result.classNames()).isEqualTo(names);
        assertThat(result.predicted()).isEqualTo(expectedPredicted);
        double[][] sessionD = new double[queries.length][classes];
        for (int q = 0; q < queries.length; q++) {
            for (int c = 0; c < classes; c++) {
                sessionD[q][c] = result.distance(q, c);
            }
        }
        assertClose("session D", sessionD, matrix(ex.get("D")), RTOL_FLOAT, ATOL_FLOAT);
        assertClose("session polar angles", new double[][] {result.polarAnglesDeg()},
                new double[][] {doubles(ex.get("polar_angle_deg"))}, RTOL_FLOAT, ATOL_FLOAT);
        List<String> predictedNames = new ArrayList<>();
        for (int p : expectedPredicted) {
            predictedNames.add(names.get(p));
        }
        assertThat(result.metrics().uar()).isEqualTo(Metrics.evaluate(truth, predictedNames).uar());
    }

    private static void checkMetrics(JsonNode root) {
        JsonNode in = root.get("inputs");
        JsonNode ex = root.get("expected");
        List<Integer> truth = intList(in.get("y_true"));
        assertThat(truth).hasSize(in.get("n").asInt());
        List<Integer> predA = intList(in.get("y_pred_a"));
        List<Integer> predB = intList(in.get("y_pred_b"));
        checkReport(Metrics.evaluate(truth, predA), ex.get("classifier_a"));
        checkReport(Metrics.evaluate(truth, predB), ex.get("classifier_b"));
        checkMcNemar(Metrics.mcNemar(truth, predA, predB), ex.get("mcnemar"));
        // String labels that sort like the integers give the same numbers.
        ClassificationReport<String> named = Metrics.evaluate(names(truth), names(predA));
        assertThat(named.uar()).isEqualTo(ex.get("classifier_a").get("uar").asDouble(), within(ex.get("classifier_a").get("uar")));
        assertThat(named.confusion()).isEqualTo(intMatrix(ex.get("classifier_a").get("confusion")));
    }

    private static void checkReport(ClassificationReport<Integer> r, JsonNode ex) {
        assertThat(r.labels()).isEqualTo(intList(ex.get("labels")));
        assertThat(r.trueClasses()).isEqualTo(intList(ex.get("true_classes")));
        assertThat(r.confusion()).isEqualTo(intMatrix(ex.get("confusion")));
        assertThat(r.support()).isEqualTo(ints(ex.get("support")));
        assertClose("precision", new double[][] {r.precision()}, new double[][] {doubles(ex.get("precision"))}, RTOL, ATOL);
        assertClose("recall", new double[][] {r.recall()}, new double[][] {doubles(ex.get("recall"))}, RTOL, ATOL);
        assertClose("f1", new double[][] {r.f1()}, new double[][] {doubles(ex.get("f1"))}, RTOL, ATOL);
        assertThat(r.uar()).as("uar").isCloseTo(ex.get("uar").asDouble(), within(ex.get("uar")));
        assertThat(r.uarAllLabels()).as("uar_sklearn_default")
                .isCloseTo(ex.get("uar_sklearn_default").asDouble(), within(ex.get("uar_sklearn_default")));
        assertThat(r.weightedF1()).as("weighted_f1").isCloseTo(ex.get("weighted_f1").asDouble(), within(ex.get("weighted_f1")));
        assertThat(r.accuracy()).as("accuracy").isCloseTo(ex.get("accuracy").asDouble(), within(ex.get("accuracy")));
    }

    private static void checkMcNemarTables(JsonNode root) {
        JsonNode tables = root.get("inputs").get("tables");
        JsonNode results = root.get("expected").get("results");
        assertThat(results.size()).isEqualTo(tables.size());
        for (int i = 0; i < tables.size(); i++) {
            checkMcNemar(McNemarResult.of(tables.get(i).get("b").asInt(), tables.get(i).get("c").asInt()), results.get(i));
        }
    }

    private static void checkMcNemar(McNemarResult m, JsonNode ex) {
        String what = "McNemar b=" + ex.get("b") + " c=" + ex.get("c");
        assertThat(m.b()).as(what).isEqualTo(ex.get("b").asInt());
        assertThat(m.c()).as(what).isEqualTo(ex.get("c").asInt());
        assertThat(m.nDiscordant()).as(what).isEqualTo(ex.get("n_discordant").asInt());
        assertThat(m.pExact()).as(what + " p_exact").isCloseTo(ex.get("p_exact").asDouble(), within(ex.get("p_exact")));
        assertThat(m.chi2Cc()).as(what + " chi2_cc").isCloseTo(ex.get("chi2_cc").asDouble(), within(ex.get("chi2_cc")));
        assertThat(m.pChi2Cc()).as(what + " p_chi2_cc").isCloseTo(ex.get("p_chi2_cc").asDouble(), within(ex.get("p_chi2_cc")));
    }

    private static org.assertj.core.data.Offset<Double> within(JsonNode expected) {
        return org.assertj.core.data.Offset.offset(ATOL + RTOL * Math.abs(expected.asDouble()));
    }

    private static void assertClose(String what, double[][] actual, double[][] expected, double rtol, double atol) {
        assertThat(actual.length).as(what + " rows").isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i].length).as(what + " row " + i + " length").isEqualTo(expected[i].length);
            for (int j = 0; j < expected[i].length; j++) {
                double tol = atol + rtol * Math.abs(expected[i][j]);
                assertThat(actual[i][j]).as("%s[%d][%d]", what, i, j).isCloseTo(expected[i][j], org.assertj.core.data.Offset.offset(tol));
            }
        }
    }

    private static List<String> names(List<Integer> labels) {
        return labels.stream().map(l -> String.format("class%05d", l)).collect(Collectors.toList());
    }

    private static double[][] matrix(JsonNode node) {
        double[][] m = new double[node.size()][];
        for (int i = 0; i < node.size(); i++) {
            m[i] = doubles(node.get(i));
        }
        return m;
    }

    private static int[][] intMatrix(JsonNode node) {
        int[][] m = new int[node.size()][];
        for (int i = 0; i < node.size(); i++) {
            m[i] = ints(node.get(i));
        }
        return m;
    }

    private static double[] doubles(JsonNode node) {
        double[] v = new double[node.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = node.get(i).asDouble();
        }
        return v;
    }

    private static int[] ints(JsonNode node) {
        int[] v = new int[node.size()];
        for (int i = 0; i < v.length; i++) {
            assertThat(node.get(i).isIntegralNumber()).as("integer expected, got %s", node.get(i)).isTrue();
            v[i] = node.get(i).asInt();
        }
        return v;
    }

    private static List<Integer> intList(JsonNode node) {
        List<Integer> out = new ArrayList<>();
        for (int v : ints(node)) {
            out.add(v);
        }
        return out;
    }

    private static float[][] toFloat(double[][] m) {
        float[][] f = new float[m.length][];
        for (int i = 0; i < m.length; i++) {
            f[i] = new float[m[i].length];
            for (int j = 0; j < m[i].length; j++) {
                f[i][j] = (float) m[i][j];
            }
        }
        return f;
    }
}
