package org.e2v.experiment.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One run directory as a list shows it: name, date, headline metrics and whether it finished.
 *
 * @param dir            the run directory
 * @param name           its folder name
 * @param started        when it started (run.json's "started", else the folder's modification time)
 * @param status         completed, or interrupted (cancelled or crashed: resumable from its checkpoints)
 * @param pretrainUar    metrics.json pretrain.uar (NaN when unknown)
 * @param verifyUar      metrics.json verify.uar (NaN when unknown)
 * @param verifyF1       metrics.json verify.weighted_f1 (NaN when unknown)
 */
public record RunListEntry(Path dir, String name, Instant started, Status status, double pretrainUar, double verifyUar,
                         double verifyF1) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Whether a run finished. */
    public enum Status {
        /** run.json and metrics.json were written. */
        COMPLETED,
        /** It has a task file but no run.json: cancelled or crashed; {@code e2v run --resume} continues it. */
        INTERRUPTED;

        /** Lower-case word for lists. */
        public String label() {
            return this == COMPLETED ? "completed" : "interrupted";
        }
    }

    /** The model a completed run leaves for enrollment ({@code model.e2vm}). */
    public Path model() {
        return dir.resolve("model.e2vm");
    }

    /** The command that reproduces the run from its own task file. */
    public String reproduceCommand() {
        return "e2v run " + dir.resolve(RunDirectory.TASK_FILE);
    }

    /**
     * The run directories directly under {@code root} (folders holding a task.yaml), newest first;
     * an empty list when {@code root} does not exist. Unreadable metrics give NaN, not an error.
     */
    public static List<RunListEntry> list(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<RunListEntry> out = new ArrayList<>();
        try (Stream<Path> children = Files.list(root)) {
            for (Path p : children.toList()) {
                if (Files.isRegularFile(p.resolve(RunDirectory.TASK_FILE))) {
                    out.add(read(p));
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        out.sort(Comparator.comparing(RunListEntry::started).reversed().thenComparing(RunListEntry::name));
        return out;
    }

    /** Reads one run directory. */
    public static RunListEntry read(Path dir) {
        JsonNode run = readJson(dir.resolve(RunDirectory.RUN_JSON));
        JsonNode metrics = readJson(dir.resolve(RunDirectory.METRICS_JSON));
        Instant started = null;
        if (run != null && run.hasNonNull("started")) {
            try {
                started = Instant.parse(run.get("started").asText());
            } catch (java.time.format.DateTimeParseException ignored) {
                // fall back to the folder's time below
            }
        }
        if (started == null) {
            try {
                FileTime t = Files.getLastModifiedTime(dir.resolve(RunDirectory.TASK_FILE));
                started = t.toInstant();
            } catch (IOException e) {
                started = Instant.EPOCH;
            }
        }
        Status status = run != null && metrics != null ? Status.COMPLETED : Status.INTERRUPTED;
        return new RunListEntry(dir, dir.getFileName().toString(), started, status, number(metrics, "/pretrain/uar"),
                number(metrics, "/verify/uar"), number(metrics, "/verify/weighted_f1"));
    }

    private static JsonNode readJson(Path f) {
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            return JSON.readTree(f.toFile());
        } catch (IOException e) {
            return null;
        }
    }

    private static double number(JsonNode n, String pointer) {
        if (n == null) {
            return Double.NaN;
        }
        JsonNode v = n.at(pointer);
        return v.isNumber() ? v.asDouble() : Double.NaN;
    }
}
