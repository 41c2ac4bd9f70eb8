package org.e2v.features;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.e2v.common.InputException;

/**
 * Reader for NumPy's {@code .npy} format (versions 1.0, 2.0 and 3.0) and {@code .npz} archives
 * (zip files of .npy members, stored or deflated).
 *
 * <p>Supported dtypes ('descr'): little- and big-endian float16/32/64 ({@code <f2 <f4 <f8 >f2 >f4
 * >f8}), signed and unsigned integers of 1, 2, 4 and 8 bytes, and bool; all are converted to
 * float (integers above 2^24 lose precision). Structured, complex, string and object dtypes are
 * rejected with "unsupported dtype". {@code fortran_order: True} arrays are transposed into C order.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private Npy() {
    }

    /** Reads one .npy file. */
    public static NpyArray read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file);
        } catch (IOException e) {
            throw new InputException(file, "could not be read: " + e.getMessage(), e);
        }
    }

    /** Reads every member of an .npz archive; keys are member names without ".npy", in archive order. */
    public static Map<String, NpyArray> readNpz(Path file) {
        Map<String, NpyArray> arrays = new java.util.LinkedHashMap<>();
        for (String name : npzMembers(file)) {
            arrays.put(name, readNpzMember(file, name));
        }
        return arrays;
    }

    /** Member names of an .npz archive without ".npy", in archive order. */
    public static List<String> npzMembers(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<String> names = new ArrayList<>();
            var entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (!e.isDirectory() && e.getName().endsWith(".npy")) {
                    names.add(e.getName().substring(0, e.getName().length() - 4));
                }
            }
            return names;
        } catch (ZipException e) {
            throw new InputException(file, "is not a valid .npz (zip) archive: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new InputException(file, "could not be read: " + e.getMessage(), e);
        }
    }

    /** Reads member {@code name} (without ".npy") of an .npz archive. */
    public static NpyArray readNpzMember(Path file, String name) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry entry = zip.getEntry(name + ".npy");
            if (entry == null) {
                throw new InputException(file, "has no member '" + name + ".npy'");
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return read(in, Path.of(file + "!" + entry.getName()));
            }
        } catch (ZipException e) {
            throw new InputException(file, "is not a valid .npz (zip) archive or member " + name + " is damaged: "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new InputException(file, "could not be read: " + e.getMessage(), e);
        }
    }

    /** Reads a .npy stream; {@code source} names it in error messages. */
    static NpyArray read(InputStream in, Path source) throws IOException {
        byte[] magic = readFully(in, 8, source, "header");
        for (int i = 0; i < MAGIC.length; i++) {
            if (magic[i] != MAGIC[i]) {
                throw new InputException(source, "is not a NumPy .npy file (wrong magic bytes)");
            }
        }
        int major = magic[6] & 0xff;
        int minor = magic[7] & 0xff;
        int headerLength;
        if (major == 1) {
            byte[] len = readFully(in, 2, source, "header");
            headerLength = (len[0] & 0xff) | (len[1] & 0xff) << 8;
        } else if (major == 2 || major == 3) {
            byte[] len = readFully(in, 4, source, "header");
            long l = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
            if (l > 64L * 1024 * 1024) {
                throw new InputException(source, "has an implausible header length of " + l + " bytes");
            }
            headerLength = (int) l;
        } else {
            throw new InputException(source, "uses .npy format version " + major + "." + minor
                    + ", which is not supported (supported: 1.0, 2.0, 3.0)");
        }
        byte[] headerBytes = readFully(in, headerLength, source, "header");
        String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Map<String, Object> dict = parseHeader(header, source);
        Object descr = dict.get("descr");
        Object fortran = dict.get("fortran_order");
        Object shapeValue = dict.get("shape");
        if (descr instanceof List<?>) {
            throw new InputException(source, "has unsupported dtype: a structured (record) array " + descr
                    + "; save a plain numeric array instead");
        }
        if (!(descr instanceof String) || !(fortran instanceof Boolean) || !(shapeValue instanceof List<?>)) {
            throw new InputException(source, "has a header without 'descr', 'fortran_order' and 'shape': " + header.strip());
        }
        String dtype = (String) descr;
        DType type = DType.parse(dtype, source);
        List<?> shapeList = (List<?>) shapeValue;
        int[] shape = new int[shapeList.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            long s = (Long) shapeList.get(i);
            if (s < 0 || s > Integer.MAX_VALUE) {
                throw new InputException(source, "has an invalid shape entry " + s);
            }
            shape[i] = (int) s;
            count *= s;
        }
        if (count * type.size > Integer.MAX_VALUE - 16) {
            throw new InputException(source, "is too large to load (" + count + " values)");
        }
        int bytes = (int) (count * type.size);
        byte[] raw = in.readNBytes(bytes);
        if (raw.length < bytes) {
            throw new InputException(source, "is truncated: the header promises " + count + " values (" + bytes
                    + " bytes) of " + dtype + " but only " + raw.length + " bytes of data follow");
        }
        float[] values = type.decode(raw, (int) count);
        if ((Boolean) fortran && shape.length > 1) {
            values = fortranToC(values, shape);
        }
        return new NpyArray(shape, values, dtype);
    }

    private static byte[] readFully(InputStream in, int n, Path source, String what) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            if (b.length == 0 && what.equals("header")) {
                throw new InputException(source, "is empty or truncated in the .npy header");
            }
            throw new InputException(source, "is truncated in the .npy " + what + " (expected " + n + " bytes, found "
                    + b.length + ")", new EOFException());
        }
        return b;
    }

    /** Column-major (first index fastest) to row-major (last index fastest). */
    static float[] fortranToC(float[] f, int[] shape) {
        int n = shape.length;
        int[] strideF = new int[n];
        int s = 1;
        for (int i = 0; i < n; i++) {
            strideF[i] = s;
            s *= shape[i];
        }
        float[] c = new float[f.length];
        int[] index = new int[n];
        for (int k = 0; k < c.length; k++) {
            int src = 0;
            for (int i = 0; i < n; i++) {
                src += index[i] * strideF[i];
            }
            c[k] = f[src];
            for (int i = n - 1; i >= 0; i--) {
                if (++index[i] < shape[i]) {
                    break;
                }
                index[i] = 0;
            }
        }
        return c;
    }

    /**
     * Parses the Python dict literal of a .npy header, e.g.
     * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }}. Values: quoted strings,
     * True/False, and tuples of integers (Long); a list-valued descr (structured dtype) is kept as a
     * List so that it is reported as unsupported.
     */
    static Map<String, Object> parseHeader(String header, Path source) {
        HeaderParser p = new HeaderParser(header.strip(), source);
        return p.dict();
    }

    private static final class HeaderParser {
        private final String s;
        private final Path source;
        private int pos;

        HeaderParser(String s, Path source) {
            this.s = s;
            this.source = source;
        }

        Map<String, Object> dict() {
            Map<String, Object> map = new HashMap<>();
            expect('{');
            skipSpace();
            while (peek() != '}') {
                Object key = value();
                if (!(key instanceof String k)) {
                    throw error("a dictionary key is not a string");
                }
                skipSpace();
                expect(':');
                map.put(k, value());
                skipSpace();
                if (peek() == ',') {
                    pos++;
                    skipSpace();
                } else if (peek() != '}') {
                    throw error("expected ',' or '}' at position " + pos);
                }
            }
            return map;
        }

        private Object value() {
            skipSpace();
            char c = peek();
            if (c == '\'' || c == '"') {
                int end = s.indexOf(c, pos + 1);
                if (end < 0) {
                    throw error("unterminated string");
                }
                String v = s.substring(pos + 1, end);
                pos = end + 1;
                return v;
            }
            if (c == '(' || c == '[') {
                char close = c == '(' ? ')' : ']';
                pos++;
                List<Object> items = new ArrayList<>();
                skipSpace();
                while (peek() != close) {
                    items.add(value());
                    skipSpace();
                    if (peek() == ',') {
                        pos++;
                        skipSpace();
                    } else if (peek() != close) {
                        throw error("expected ',' or '" + close + "' at position " + pos);
                    }
                }
                pos++;
                return items;
            }
            if (s.startsWith("True", pos)) {
                pos += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("False", pos)) {
                pos += 5;
                return Boolean.FALSE;
            }
            int start = pos;
            while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '-')) {
                pos++;
            }
            // Python 2 era headers may write long integers as 3L.
            String digits = s.substring(start, pos);
            if (pos < s.length() && s.charAt(pos) == 'L') {
                pos++;
            }
            if (digits.isEmpty()) {
                throw error("unexpected character '" + c + "' at position " + pos);
            }
            try {
                return Long.parseLong(digits);
            } catch (NumberFormatException e) {
                throw error("bad number '" + digits + "'");
            }
        }

        private char peek() {
            if (pos >= s.length()) {
                throw error("the header dictionary ends early");
            }
            return s.charAt(pos);
        }

        private void expect(char c) {
            skipSpace();
            if (peek() != c) {
                throw error("expected '" + c + "' at position " + pos);
            }
            pos++;
        }

        private void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private InputException error(String what) {
            return new InputException(source, "has a malformed .npy header (" + what + "): " + s);
        }
    }

    private enum Kind { FLOAT, SIGNED, UNSIGNED, BOOL }

    private record DType(Kind kind, int size, ByteOrder order) {
        static DType parse(String descr, Path source) {
            if (descr.length() < 3) {
                throw unsupported(descr, source);
            }
            char endian = descr.charAt(0);
            char kindChar = descr.charAt(1);
            int size;
            try {
                size = Integer.parseInt(descr.substring(2));
            } catch (NumberFormatException e) {
                throw unsupported(descr, source);
            }
            ByteOrder order = switch (endian) {
                case '<', '|' -> ByteOrder.LITTLE_ENDIAN;
                case '>' -> ByteOrder.BIG_ENDIAN;
                case '=' -> ByteOrder.nativeOrder();
                default -> throw unsupported(descr, source);
            };
            Kind kind = switch (kindChar) {
                case 'f' -> size == 2 || size == 4 || size == 8 ? Kind.FLOAT : null;
                case 'i' -> size == 1 || size == 2 || size == 4 || size == 8 ? Kind.SIGNED : null;
                case 'u' -> size == 1 || size == 2 || size == 4 || size == 8 ? Kind.UNSIGNED : null;
                case 'b' -> size == 1 ? Kind.BOOL : null;
                default -> null;
            };
            if (kind == null) {
                throw unsupported(descr, source);
            }
            return new DType(kind, size, order);
        }

        private static InputException unsupported(String descr, Path source) {
            return new InputException(source, "has unsupported dtype '" + descr
                    + "' (supported: float16/32/64, signed/unsigned integers, bool)");
        }

        float[] decode(byte[] raw, int count) {
            ByteBuffer b = ByteBuffer.wrap(raw).order(order);
            float[] out = new float[count];
            for (int i = 0; i < count; i++) {
                out[i] = switch (kind) {
                    case FLOAT -> switch (size) {
                        case 2 -> halfToFloat(b.getShort());
                        case 4 -> b.getFloat();
                        default -> (float) b.getDouble();
                    };
                    case SIGNED -> switch (size) {
                        case 1 -> b.get();
                        case 2 -> b.getShort();
                        case 4 -> b.getInt();
                        default -> b.getLong();
                    };
                    case UNSIGNED -> switch (size) {
                        case 1 -> b.get() & 0xff;
                        case 2 -> b.getShort() & 0xffff;
                        case 4 -> b.getInt() & 0xffffffffL;
                        default -> unsignedLongToFloat(b.getLong());
                    };
                    case BOOL -> b.get() != 0 ? 1f : 0f;
                };
            }
            return out;
        }
    }

    private static float unsignedLongToFloat(long v) {
        return v >= 0 ? v : (float) ((v >>> 1) * 2.0 + (v & 1));
    }

    /** IEEE 754 binary16 to float (subnormals, infinities and NaN included). */
    static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float v = mantissa * 0x1p-24f;
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    /** Writes a float32 little-endian C-order .npy (version 1.0); used by tests and exports. */
    public static byte[] toBytes(int[] shape, float[] data) {
        StringBuilder shapeText = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            shapeText.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        shapeText.append(shape.length == 1 ? ",)" : ")");
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shapeText + ", }";
        int unpadded = 10 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(MAGIC);
        out.write(1);
        out.write(0);
        out.write(header.length() & 0xff);
        out.write(header.length() >>> 8);
        out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
        ByteBuffer b = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : data) {
            b.putFloat(v);
        }
        out.writeBytes(b.array());
        return out.toByteArray();
    }
}
