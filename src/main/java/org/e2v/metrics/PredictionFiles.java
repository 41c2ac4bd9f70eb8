package org.e2v.metrics;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.e2v.common.InputException;

/**
 * Reads prediction CSV files: a header naming the columns {@code id}, {@code y_true} and
 * {@code y_pred} (any order, other columns ignored), then one item per line. Fields may be
 * double-quoted ({@code "a,b"}, {@code ""} for a quote). Blank lines are skipped. Every problem is
 * reported as an {@link InputException} naming the file and the line.
 */
public final class PredictionFiles {
    private static final List<String> REQUIRED = List.of("id", "y_true", "y_pred");

    private PredictionFiles() {
    }

    /** Reads one prediction file. */
    public static Predictions read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InputException(file, "file not found");
        } catch (MalformedInputException e) {
            throw new InputException(file, "is not UTF-8 text", e);
        } catch (IOException e) {
            throw new InputException(file, "could not be read: " + e.getMessage(), e);
        }
        int first = 0;
        while (first < lines.size() && lines.get(first).isBlank()) {
            first++;
        }
        if (first == lines.size()) {
            throw new InputException(file, "is empty; expected a header line \"id,y_true,y_pred\" and one line per item");
        }
        List<String> header = split(file, first + 1, stripBom(lines.get(first)));
        Map<String, Integer> column = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            column.putIfAbsent(header.get(i).strip().toLowerCase(Locale.ROOT), i);
        }
        for (String name : REQUIRED) {
            if (!column.containsKey(name)) {
                throw new InputException(file, "line " + (first + 1) + ": the header has no column \"" + name
                        + "\" (found " + header + "; expected id,y_true,y_pred)");
            }
        }
        int idCol = column.get("id");
        int trueCol = column.get("y_true");
        int predCol = column.get("y_pred");
        List<String> ids = new ArrayList<>();
        List<String> yTrue = new ArrayList<>();
        List<String> yPred = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = first + 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            int lineNo = i + 1;
            List<String> fields = split(file, lineNo, lines.get(i));
            if (fields.size() != header.size()) {
                throw new InputException(file, "line " + lineNo + ": expected " + header.size() + " fields like the header, found "
                        + fields.size());
            }
            String id = fields.get(idCol).strip();
            String t = fields.get(trueCol).strip();
            String p = fields.get(predCol).strip();
            if (id.isEmpty() || t.isEmpty() || p.isEmpty()) {
                throw new InputException(file, "line " + lineNo + ": empty " + (id.isEmpty() ? "id" : t.isEmpty() ? "y_true" : "y_pred"));
            }
            Integer previous = seen.put(id, lineNo);
            if (previous != null) {
                throw new InputException(file, "line " + lineNo + ": id \"" + id + "\" already appeared on line " + previous);
            }
            ids.add(id);
            yTrue.add(t);
            yPred.add(p);
            lineNumbers.add(lineNo);
        }
        if (ids.isEmpty()) {
            throw new InputException(file, "has a header but no items");
        }
        return new Predictions(ids, yTrue, yPred, lineNumbers.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * Puts {@code other} in the item order of {@code reference}, pairing by id.
     *
     * @throws InputException if the id sets differ or an item has different true labels in the two files
     */
    public static Predictions alignTo(Predictions reference, Path referenceFile, Predictions other, Path otherFile) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < other.size(); i++) {
            index.put(other.ids().get(i), i);
        }
        Set<String> onlyReference = new LinkedHashSet<>();
        for (String id : reference.ids()) {
            if (!index.containsKey(id)) {
                onlyReference.add(id);
            }
        }
        Set<String> onlyOther = new LinkedHashSet<>(other.ids());
        onlyOther.removeAll(new java.util.HashSet<>(reference.ids()));
        if (!onlyReference.isEmpty() || !onlyOther.isEmpty()) {
            throw new InputException(otherFile, "its ids differ from those of " + referenceFile + ": "
                    + describe(onlyReference, "only in " + referenceFile.getFileName())
                    + (onlyReference.isEmpty() || onlyOther.isEmpty() ? "" : "; ")
                    + describe(onlyOther, "only in " + otherFile.getFileName())
                    + " (McNemar's test compares two systems on the same items)");
        }
        List<String> yTrue = new ArrayList<>(reference.size());
        List<String> yPred = new ArrayList<>(reference.size());
        int[] otherLines = other.lines();
        int[] lines = new int[reference.size()];
        for (int i = 0; i < reference.size(); i++) {
            int j = index.get(reference.ids().get(i));
            if (!other.yTrue().get(j).equals(reference.yTrue().get(i))) {
                throw new InputException(otherFile, "line " + otherLines[j] + ": item \"" + reference.ids().get(i)
                        + "\" has y_true \"" + other.yTrue().get(j) + "\" but \"" + reference.yTrue().get(i)
                        + "\" in " + referenceFile + " (line " + reference.lines()[i] + ")");
            }
            yTrue.add(other.yTrue().get(j));
            yPred.add(other.yPred().get(j));
            lines[i] = otherLines[j];
        }
        return new Predictions(reference.ids(), yTrue, yPred, lines);
    }

    private static String describe(Set<String> ids, String where) {
        if (ids.isEmpty()) {
            return "";
        }
        List<String> examples = new ArrayList<>(ids).subList(0, Math.min(3, ids.size()));
        return ids.size() + " " + where + " (e.g. " + String.join(", ", examples) + ")";
    }

    private static String stripBom(String line) {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    /** Splits one CSV line with RFC 4180 quoting (no line breaks inside fields). */
    static List<String> split(Path file, int lineNo, String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(ch);
                }
            } else if (ch == '"' && field.toString().isBlank()) {
                quoted = true;
                field.setLength(0);
            } else if (ch == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(ch);
            }
        }
        if (quoted) {
            throw new InputException(file, "line " + lineNo + ": a quoted field is not closed");
        }
        fields.add(field.toString());
        return fields;
    }
}
