package org.e2v.experiment.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.e2v.common.AtomicFiles;
import org.e2v.common.InputException;

/** One run's folder and the files in it; every write is atomic. */
public final class RunDirectory {
    public static final String RUN_JSON = "run.json";
    public static final String METRICS_JSON = "metrics.json";
    public static final String TASK_FILE = "task.yaml";

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private final Path dir;

    private RunDirectory(Path dir) {
        this.dir = dir;
    }

    /**
     * Creates a fresh run folder {@code <parent>/<name>-<yyyyMMdd-HHmmss>[-n]} (never reuses one).
     */
    public static RunDirectory create(Path parent, String name, LocalDateTime now) {
        String base = safeName(name) + "-" + now.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
        try {
            Files.createDirectories(parent);
            for (int n = 0; n < 1000; n++) {
                Path candidate = parent.resolve(n == 0 ? base : base + "-" + n);
                try {
                    Files.createDirectory(candidate);
                    return new RunDirectory(candidate);
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    // try the next suffix
                }
            }
        } catch (IOException e) {
            throw new InputException(parent, "run directory could not be created: " + e.getMessage(), e);
        }
        throw new InputException(parent, "too many runs named " + base);
    }

    /** Opens an existing run folder (to resume or read it). */
    public static RunDirectory open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InputException(dir, "is not a run directory");
        }
        return new RunDirectory(dir);
    }

    public Path path() {
        return dir;
    }

    public Path resolve(String name) {
        return dir.resolve(name);
    }

    public Path subdir(String name) {
        Path p = dir.resolve(name);
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new InputException(p, "could not be created: " + e.getMessage(), e);
        }
        return p;
    }

    public void writeJson(String name, Object value) {
        try {
            AtomicFiles.writeBytes(dir.resolve(name), JSON.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not serialise " + name + ": " + e.getMessage(), e);
        }
    }

    public void writeText(String name, String text) {
        AtomicFiles.writeBytes(dir.resolve(name), text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes a CSV with a header; fields are quoted where needed (RFC 4180). */
    public void writeCsv(String name, List<String> header, List<List<?>> rows) {
        StringBuilder sb = new StringBuilder();
        appendRow(sb, header);
        for (List<?> row : rows) {
            appendRow(sb, row);
        }
        writeText(name, sb.toString());
    }

    private static void appendRow(StringBuilder sb, List<?> row) {
        for (int i = 0; i < row.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(org.e2v.common.Csv.field(String.valueOf(row.get(i))));
        }
        sb.append('\n');
    }

    /** A file-name-safe version of {@code name} (letters, digits, dot, dash, underscore). */
    public static String safeName(String name) {
        String s = name == null ? "run" : name.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "run" : s;
    }
}
