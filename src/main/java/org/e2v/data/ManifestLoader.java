package org.e2v.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.e2v.common.InputException;
import org.e2v.domain.EmotionLabel;
import org.e2v.domain.Speaker;
import org.e2v.domain.Split;
import org.e2v.domain.Utterance;

/**
 * Loads a manifest CSV: {@code path,speaker,label[,split][,confidence]}, paths relative to the
 * manifest's folder. With a header row (first field "path") the columns may come in any order and
 * may add {@code dyad} and {@code id}; without one they are positional. The utterance id is the
 * {@code id} column, else the file stem.
 */
public final class ManifestLoader {
    /** The file name auto-detection looks for inside a folder. */
    public static final String DEFAULT_NAME = "manifest.csv";

    private static final List<String> POSITIONAL = List.of("path", "speaker", "label", "split", "confidence");

    private ManifestLoader() {
    }

    /** Loads {@code manifest} (a CSV file, or a folder holding manifest.csv). */
    public static LoadedCorpus load(Path manifest, LoaderOptions options) {
        Path file = Files.isDirectory(manifest) ? manifest.resolve(DEFAULT_NAME) : manifest;
        if (!Files.isRegularFile(file)) {
            throw new InputException(file, "manifest file not found");
        }
        Path base = file.toAbsolutePath().getParent();
        CorpusBuilder builder = new CorpusBuilder(file, options);
        List<CsvReader.Row> rows = CsvReader.read(file);
        Map<String, Integer> columns = new HashMap<>();
        int first = 0;
        if (!rows.isEmpty() && rows.get(0).get(0).strip().equalsIgnoreCase("path")) {
            CsvReader.Row header = rows.get(0);
            for (int i = 0; i < header.size(); i++) {
                columns.put(header.get(i).strip().toLowerCase(Locale.ROOT), i);
            }
            for (String needed : List.of("speaker", "label")) {
                if (!columns.containsKey(needed)) {
                    throw new InputException(file, "line 1: header has no '" + needed
                            + "' column (expected path,speaker,label[,split][,confidence])");
                }
            }
            first = 1;
        } else {
            for (int i = 0; i < POSITIONAL.size(); i++) {
                columns.put(POSITIONAL.get(i), i);
            }
        }
        for (CsvReader.Row row : rows.subList(first, rows.size())) {
            readRow(row, columns, base, file, builder);
        }
        String name = base.getFileName() == null ? file.getFileName().toString() : base.getFileName().toString();
        return builder.build(name, "manifest");
    }

    private static void readRow(CsvReader.Row row, Map<String, Integer> columns, Path base, Path file,
                                CorpusBuilder builder) {
        String where = "line " + row.lineNumber() + ": ";
        String path = field(row, columns, "path");
        String speakerId = field(row, columns, "speaker");
        String labelText = field(row, columns, "label");
        if (path.isEmpty() || speakerId.isEmpty() || labelText.isEmpty()) {
            builder.problem(file, where + "path, speaker and label must not be empty; row skipped");
            return;
        }
        Split split;
        try {
            split = Split.parse(field(row, columns, "split"));
        } catch (IllegalArgumentException e) {
            builder.problem(file, where + e.getMessage() + "; row skipped");
            return;
        }
        double confidence = Double.NaN;
        String confText = field(row, columns, "confidence");
        if (!confText.isEmpty()) {
            try {
                confidence = Double.parseDouble(confText);
            } catch (NumberFormatException e) {
                confidence = -1;
            }
            if (!(confidence >= 0 && confidence <= 1)) {
                builder.problem(file, where + "confidence '" + confText + "' is not a number in [0, 1]; row skipped");
                return;
            }
        }
        EmotionLabel label = GenericLoaders.labelOrNull(labelText, builder);
        if (label == null) {
            return;
        }
        Path audio;
        try {
            audio = base.resolve(path).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            // e.g. a NUL byte or an unpaired surrogate from a damaged file: not a name the OS accepts
            builder.problem(file, where + "path '" + printable(path) + "' is not a valid file name ("
                    + e.getReason() + "); row skipped");
            return;
        }
        if (!builder.mediaUsable(audio)) {
            return;
        }
        String id = field(row, columns, "id");
        builder.add(new Utterance(id.isEmpty() ? GenericLoaders.stem(audio) : id, audio, null,
                new Speaker(speakerId, field(row, columns, "dyad")), label, split, confidence), file, null);
    }

    /** The text with control characters shown as \\uXXXX so that messages stay on one readable line. */
    static String printable(String text) {
        StringBuilder b = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || Character.getType(c) == Character.SURROGATE) {
                b.append(String.format(Locale.ROOT, "\\u%04X", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }

    private static String field(CsvReader.Row row, Map<String, Integer> columns, String name) {
        Integer index = columns.get(name);
        return index == null ? "" : row.get(index).strip();
    }
}
