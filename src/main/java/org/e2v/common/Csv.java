package org.e2v.common;

/** Writing CSV as RFC 4180 has it (and as {@code org.e2v.data.CsvReader} reads it back). */
public final class Csv {
    private Csv() {
    }

    /** {@code s} as one field: quoted, with quotes doubled, when it holds a comma, a quote or a line break. */
    public static String field(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
