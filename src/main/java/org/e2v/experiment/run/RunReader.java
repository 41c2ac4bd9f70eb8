package org.e2v.experiment.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.e2v.common.InputException;
import org.e2v.data.CsvReader;
import org.e2v.enroll.CosineVerifier;
import org.e2v.experiment.chart.ChartData;
import org.e2v.features.Npy;
import org.e2v.features.NpyArray;
import org.e2v.metrics.Metrics;

/**
 * Reads a run directory written by the experiment runner back into {@link ChartData} records, so
 * the GUI (and anyone else) draws the same figures from the files alone: metrics.json for the
 * summary, charts/*.csv for Figs. 2, 4 and 5, predictions.csv for the confusion matrix and the
 * exact polar angles of Fig. 3, the first fold's checkpoint history for the training curves, and
 * embeddings.npy/csv, enrolled.csv and prototypes.npy for the PCA map.
 */
public final class RunReader {
    /** Polar histogram bins over [0, 180] degrees: 10 degrees each, as the runner draws them. */
    public static final int POLAR_BINS = 18;
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunReader() {
    }

    /** One row of embeddings.csv: the embedding row, utterance id, true label, and whether it is a query. */
    public record EmbeddingRow(int row, String id, String label, boolean query) {
    }

    /** Whether {@code dir} looks like a run directory (it has a metrics.json). */
    public static boolean isRunDirectory(Path dir) {
        return dir != null && Files.isRegularFile(dir.resolve(RunDirectory.METRICS_JSON));
    }

    /**
     * Reads everything the run has.
     *
     * @throws InputException when {@code dir} is no run directory or one of its files is damaged
     */
    public static RunAnalyses read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InputException(dir, "is not a folder");
        }
        if (!isRunDirectory(dir)) {
            throw new InputException(dir, "is not a run folder: it has no metrics.json (run a task with 'e2v run' to make one)");
        }
        JsonNode metrics = json(dir.resolve(RunDirectory.METRICS_JSON));
        JsonNode run = Files.isRegularFile(dir.resolve(RunDirectory.RUN_JSON)) ? json(dir.resolve(RunDirectory.RUN_JSON))
                : JSON.createObjectNode();
        RunSummary summary = summary(dir, metrics, run);
        String corpus = run.path("corpus").path("path").asText(null);
        Path charts = dir.resolve("charts");
        return new RunAnalyses(dir, summary, corpus == null ? null : Path.of(corpus),
                run.path("corpus").path("format").asText("auto"),
                marginSweep(charts.resolve("margin-sweep.csv"), metrics),
                polarHistograms(dir.resolve("predictions.csv")),
                enrollmentCurve(charts.resolve("enrollment-curve.csv")),
                labelConfidence(charts.resolve("label-confidence.csv")),
                confusion(dir.resolve("predictions.csv")),
                training(dir),
                embeddings(dir, summary.taskClasses()));
    }

    static RunSummary summary(Path dir, JsonNode metrics, JsonNode run) {
        JsonNode verify = metrics.path("verify");
        List<String> classes = new ArrayList<>();
        verify.path("classes").forEach(c -> classes.add(c.asText()));
        List<String> notes = new ArrayList<>();
        metrics.path("notes").forEach(n -> notes.add(n.asText()));
        String name = run.path("task").path("name").asText(dir.getFileName() == null ? "run" : dir.getFileName().toString());
        return new RunSummary(name, number(metrics.path("pretrain").path("uar")), number(verify.path("uar")),
                number(verify.path("uar_std")), number(verify.path("weighted_f1")), number(verify.path("weighted_f1_std")),
                number(metrics.path("baseline_all").path("uar")),
                number(metrics.path("baseline_all").path("mcnemar_vs_enroll_to_verify").path("p_exact")),
                classes, verify.path("enroll_count").asInt(0), verify.path("queries").asInt(0), notes);
    }

    /** Fig. 2 from charts/margin-sweep.csv, or from metrics.json when the CSV is missing. */
    static ChartData.MarginSweep marginSweep(Path csv, JsonNode metrics) {
        List<ChartData.MarginPoint> points = new ArrayList<>();
        if (Files.isRegularFile(csv)) {
            for (Map<String, String> r : table(csv, "margin", "uar_mean", "uar_std", "f1_mean", "f1_std", "repeats")) {
                points.add(new ChartData.MarginPoint(dbl(csv, r, "margin"), dbl(csv, r, "uar_mean"), dbl(csv, r, "uar_std"),
                        dbl(csv, r, "f1_mean"), dbl(csv, r, "f1_std"), (int) dbl(csv, r, "repeats")));
            }
        } else {
            metrics.path("margin_sweep").fields().forEachRemaining(e -> points.add(new ChartData.MarginPoint(
                    Double.parseDouble(e.getKey()), number(e.getValue().path("uar_mean")), number(e.getValue().path("uar_std")),
                    number(e.getValue().path("weighted_f1_mean")), number(e.getValue().path("weighted_f1_std")), 0)));
        }
        return points.isEmpty() ? null : new ChartData.MarginSweep("Margin sweep", points);
    }

    /**
     * Fig. 3 from the query distances in predictions.csv (columns d_&lt;class&gt;): the polar angle
     * {@code 180 D_a / (D_a + D_b)} (Sec. 5.1) of every query of the pair, reference class (the
     * first task class) against each other class, as the runner computes it.
     */
    static List<ChartData.PolarHistogram> polarHistograms(Path predictions) {
        if (!Files.isRegularFile(predictions)) {
            return List.of();
        }
        List<CsvReader.Row> rows = CsvReader.read(predictions);
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> header = rows.get(0).fields();
        List<String> classes = new ArrayList<>();
        List<Integer> columns = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).startsWith("d_")) {
                classes.add(header.get(i).substring(2));
                columns.add(i);
            }
        }
        int truthColumn = header.indexOf("y_true");
        if (classes.size() < 2 || truthColumn < 0) {
            return List.of();
        }
        String ref = classes.get(0);
        List<ChartData.PolarHistogram> out = new ArrayList<>();
        for (int c = 1; c < classes.size(); c++) {
            Map<String, List<Double>> byClass = new LinkedHashMap<>();
            for (CsvReader.Row r : rows.subList(1, rows.size())) {
                String truth = r.get(truthColumn);
                if (truth.equals(ref) || truth.equals(classes.get(c))) {
                    double da = parse(predictions, r, columns.get(0));
                    double db = parse(predictions, r, columns.get(c));
                    byClass.computeIfAbsent(truth, k -> new ArrayList<>()).add(CosineVerifier.polarAngleDeg(da, db));
                }
            }
            if (byClass.isEmpty()) {
                continue;
            }
            Map<String, double[]> angles = new LinkedHashMap<>();
            byClass.forEach((k, v) -> angles.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
            out.add(new ChartData.PolarHistogram("Polar distance: " + ref + " vs " + classes.get(c), ref, classes.get(c),
                    angles, POLAR_BINS));
        }
        return out;
    }

    /** Fig. 4 from charts/enrollment-curve.csv. */
    static ChartData.EnrollmentCurve enrollmentCurve(Path csv) {
        if (!Files.isRegularFile(csv)) {
            return null;
        }
        List<ChartData.CurvePoint> points = new ArrayList<>();
        for (Map<String, String> r : table(csv, "enrolled_per_class", "uar_mean", "uar_low", "uar_high", "repeats")) {
            points.add(new ChartData.CurvePoint((int) dbl(csv, r, "enrolled_per_class"), dbl(csv, r, "uar_mean"),
                    dbl(csv, r, "uar_low"), dbl(csv, r, "uar_high"), (int) dbl(csv, r, "repeats")));
        }
        return points.isEmpty() ? null : new ChartData.EnrollmentCurve("UAR vs enrolled samples per class", points);
    }

    /** Fig. 5 from charts/label-confidence.csv. */
    static ChartData.ConfidenceBars labelConfidence(Path csv) {
        if (!Files.isRegularFile(csv)) {
            return null;
        }
        List<ChartData.ConfidenceGroup> groups = new ArrayList<>();
        for (Map<String, String> r : table(csv, "group", "uar_mean", "uar_std", "repeats")) {
            groups.add(new ChartData.ConfidenceGroup(r.get("group"), dbl(csv, r, "uar_mean"), dbl(csv, r, "uar_std"),
                    (int) dbl(csv, r, "repeats")));
        }
        return groups.isEmpty() ? null : new ChartData.ConfidenceBars("UAR by label confidence of enrolled samples", groups);
    }

    /** Confusion of the predictions in predictions.csv (first enrollment draw of every fold). */
    static ChartData.Confusion confusion(Path predictions) {
        if (!Files.isRegularFile(predictions)) {
            return null;
        }
        List<String> truth = new ArrayList<>();
        List<String> predicted = new ArrayList<>();
        for (Map<String, String> r : table(predictions, "y_true", "y_pred")) {
            truth.add(r.get("y_true"));
            predicted.add(r.get("y_pred"));
        }
        return truth.isEmpty() ? null : ChartData.Confusion.of("Enroll-to-verify confusion", Metrics.evaluate(truth, predicted));
    }

    /** Training curves from the first fold's pretraining checkpoint history (models/&lt;fold&gt;/pretrain/checkpoint.json). */
    static ChartData.TrainingCurves training(Path dir) {
        Path fold = firstFoldDir(dir);
        Path state = fold == null ? null : fold.resolve("pretrain").resolve("checkpoint.json");
        if (state == null || !Files.isRegularFile(state)) {
            return null;
        }
        List<ChartData.EpochPoint> points = new ArrayList<>();
        for (JsonNode e : json(state).path("history")) {
            points.add(new ChartData.EpochPoint(e.path("epoch").asInt() + 1, number(e.path("loss")), number(e.path("validationUar"))));
        }
        return points.isEmpty() ? null : new ChartData.TrainingCurves("Pretraining", points);
    }

    /**
     * The first fold's embeddings (embeddings.npy rows named by embeddings.csv) and prototypes
     * (prototypes.npy, one row per task class) projected on their first two principal axes, the
     * enrolled samples of enrolled.csv marked.
     */
    static ChartData.EmbeddingScatter embeddings(Path dir, List<String> taskClasses) {
        Path npy = dir.resolve("embeddings.npy");
        if (!Files.isRegularFile(npy) || !Files.isRegularFile(dir.resolve("embeddings.csv"))) {
            return null;
        }
        float[][] rows = matrix(npy);
        List<EmbeddingRow> index = embeddingIndex(dir);
        if (index.size() != rows.length) {
            throw new InputException(dir.resolve("embeddings.csv"), "names " + index.size() + " embeddings but embeddings.npy has "
                    + rows.length + " rows");
        }
        java.util.Set<String> enrolled = new java.util.HashSet<>();
        enrolled(dir).values().forEach(enrolled::addAll);
        List<String> ids = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        List<ChartData.PointKind> kinds = new ArrayList<>();
        List<float[]> points = new ArrayList<>();
        for (EmbeddingRow r : index) {
            ids.add(r.id());
            classes.add(r.label());
            // As the runner draws it: enrolled samples marked, everything else (queries and the
            // rest of the enrollment pool) a plain point.
            kinds.add(enrolled.contains(r.id()) ? ChartData.PointKind.ENROLLED : ChartData.PointKind.QUERY);
            points.add(rows[r.row()]);
        }
        Path protoFile = dir.resolve("prototypes.npy");
        if (Files.isRegularFile(protoFile)) {
            float[][] protos = matrix(protoFile);
            for (int c = 0; c < protos.length && c < taskClasses.size(); c++) {
                ids.add("prototype " + taskClasses.get(c));
                classes.add(taskClasses.get(c));
                kinds.add(ChartData.PointKind.PROTOTYPE);
                points.add(protos[c]);
            }
        }
        if (points.size() < 2) {
            return null;
        }
        return ChartData.EmbeddingScatter.fromPca("Embeddings (PCA)", ids, classes, kinds, points.toArray(new float[0][]));
    }

    /** The rows of embeddings.csv (row, id, label, role). */
    public static List<EmbeddingRow> embeddingIndex(Path dir) {
        Path csv = dir.resolve("embeddings.csv");
        List<EmbeddingRow> out = new ArrayList<>();
        for (Map<String, String> r : table(csv, "row", "id", "label", "role")) {
            out.add(new EmbeddingRow((int) dbl(csv, r, "row"), r.get("id"), r.get("label"), "query".equals(r.get("role"))));
        }
        return out;
    }

    /** enrolled.csv: class to enrolled utterance ids, in file order (the first draw of the first fold). */
    public static Map<String, List<String>> enrolled(Path dir) {
        Path csv = dir.resolve("enrolled.csv");
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (!Files.isRegularFile(csv)) {
            return out;
        }
        for (Map<String, String> r : table(csv, "class", "id")) {
            out.computeIfAbsent(r.get("class"), k -> new ArrayList<>()).add(r.get("id"));
        }
        return out;
    }

    /** The folder of the first fold's models: models/main for single-split runs, else models/fold-1; null when absent. */
    public static Path firstFoldDir(Path dir) {
        for (String name : List.of("main", "fold-1")) {
            Path p = dir.resolve("models").resolve(name);
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        return null;
    }

    /** A 2-D float .npy as rows. */
    static float[][] matrix(Path npy) {
        NpyArray a = Npy.read(npy);
        if (a.shape().length != 2) {
            throw new InputException(npy, "should hold a 2-D array but has shape " + a.shapeText());
        }
        int n = a.shape()[0];
        int d = a.shape()[1];
        float[][] out = new float[n][d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a.data(), i * d, out[i], 0, d);
        }
        return out;
    }

    /** A CSV file as maps from column name to value; the named columns must exist. */
    static List<Map<String, String>> table(Path csv, String... required) {
        List<CsvReader.Row> rows = CsvReader.read(csv);
        if (rows.isEmpty()) {
            throw new InputException(csv, "is empty (it should start with a header line)");
        }
        List<String> header = rows.get(0).fields();
        for (String column : required) {
            if (!header.contains(column)) {
                throw new InputException(csv, "has no column '" + column + "' (columns: " + String.join(", ", header) + ")");
            }
        }
        List<Map<String, String>> out = new ArrayList<>();
        for (CsvReader.Row r : rows.subList(1, rows.size())) {
            if (r.size() == 1 && r.get(0).isBlank()) {
                continue;
            }
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                m.put(header.get(i), r.get(i));
            }
            out.add(m);
        }
        return out;
    }

    private static double dbl(Path csv, Map<String, String> row, String column) {
        String v = row.get(column);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new InputException(csv, "has '" + v + "' in column '" + column + "' where a number belongs");
        }
    }

    private static double parse(Path csv, CsvReader.Row r, int column) {
        try {
            return Double.parseDouble(r.get(column));
        } catch (NumberFormatException e) {
            throw new InputException(csv, "line " + r.lineNumber() + " has '" + r.get(column) + "' where a distance belongs");
        }
    }

    /** A JSON number, or NaN when missing, null or written as "NaN". */
    private static double number(JsonNode n) {
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isTextual()) {
            try {
                return Double.parseDouble(n.asText());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    private static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new InputException(file, "is not readable JSON: " + e.getMessage(), e);
        }
    }
}
