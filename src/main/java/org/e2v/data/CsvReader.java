package org.e2v.data;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.e2v.common.InputException;

/**
 * An RFC 4180 CSV reader, shared by the MELD and manifest loaders.
 *
 * <p>Accepts CRLF, LF or CR line ends, a UTF-8 byte-order mark, quoted fields holding commas,
 * doubled quotes ({@code ""}) and line breaks (MELD utterances contain all three). Blank lines are
 * skipped. Each record carries the 1-based line on which it starts, so loaders can name the line in
 * their problems. Malformed quoting is an {@link InputException} naming the file and line.
 */
public final class CsvReader {
    private CsvReader() {
    }

    /** One CSV record and the line it starts on. */
    public record Row(int lineNumber, List<String> fields) {
        public Row {
            fields = List.copyOf(fields);
        }

        /** Field {@code index}, or "" when the row is shorter. */
        public String get(int index) {
            return index < fields.size() ? fields.get(index) : "";
        }

        public int size() {
            return fields.size();
        }
    }

    /** Reads a whole UTF-8 file; invalid UTF-8 is an error naming the file. */
    public static List<Row> read(Path file) {
        String text;
        try {
            byte[] bytes = Files.readAllBytes(file);
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InputException(file, "is not valid UTF-8 text", e);
        } catch (IOException e) {
            throw new InputException(file, "could not be read: " + e.getMessage(), e);
        }
        return parse(file, text);
    }

    /** Parses CSV text; {@code file} only names the source in errors. */
    public static List<Row> parse(Path file, String text) {
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int pos = text.startsWith("\uFEFF") ? 1 : 0;
        int line = 1;
        int rowStartLine = 1;
        boolean inQuotes = false;
        boolean fieldWasQuoted = false;
        boolean rowHasContent = false;
        int quoteOpenLine = 0;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (inQuotes) {
                if (c == '"') {
                    if (pos + 1 < text.length() && text.charAt(pos + 1) == '"') {
                        field.append('"');
                        pos += 2;
                        continue;
                    }
                    inQuotes = false;
                    pos++;
                    if (pos < text.length() && !isDelimiter(text.charAt(pos))) {
                        throw new InputException(file, "line " + line + ": unexpected character '"
                                + text.charAt(pos) + "' after a closing quote (a quote inside a quoted field must be doubled)");
                    }
                    continue;
                }
                if (c == '\r' || c == '\n') {
                    // A line break inside quotes belongs to the field; keep it as \n and count the line.
                    int len = c == '\r' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n' ? 2 : 1;
                    field.append('\n');
                    pos += len;
                    line++;
                    continue;
                }
                field.append(c);
                pos++;
                continue;
            }
            if (c == '"') {
                if (field.length() > 0) {
                    throw new InputException(file, "line " + line
                            + ": a quote in the middle of an unquoted field (quote the whole field and double inner quotes)");
                }
                inQuotes = true;
                fieldWasQuoted = true;
                quoteOpenLine = line;
                rowHasContent = true;
                pos++;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                fieldWasQuoted = false;
                rowHasContent = true;
                pos++;
            } else if (c == '\r' || c == '\n') {
                int len = c == '\r' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n' ? 2 : 1;
                if (rowHasContent || field.length() > 0) {
                    fields.add(field.toString());
                    rows.add(new Row(rowStartLine, fields));
                }
                fields = new ArrayList<>();
                field.setLength(0);
                fieldWasQuoted = false;
                rowHasContent = false;
                pos += len;
                line++;
                rowStartLine = line;
            } else {
                field.append(c);
                rowHasContent = true;
                pos++;
            }
        }
        if (inQuotes) {
            throw new InputException(file, "line " + quoteOpenLine + ": quoted field is never closed (missing '\"')");
        }
        if (rowHasContent || field.length() > 0 || fieldWasQuoted) {
            fields.add(field.toString());
            rows.add(new Row(rowStartLine, fields));
        }
        return rows;
    }

    private static boolean isDelimiter(char c) {
        return c == ',' || c == '\r' || c == '\n';
    }
}
