package org.e2v.cli;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One edit of a file's bytes, as used by the input fuzzer ({@link FuzzTargets}). Positions are
 * fractions of the input length so that one mutation applies to inputs of any size, which lets the
 * jqwik properties and {@code e2v bench fuzz} draw mutations the same way and lets jqwik shrink them.
 *
 * @param kind   what to do
 * @param where  position as a fraction of the input length, in [0, 1)
 * @param length how many bytes the edit touches (meaning depends on {@code kind})
 * @param value  the byte, token index, integer choice or random seed the edit uses
 */
public record Mutation(Kind kind, double where, int length, int value) {
    /** The kinds of edit. */
    public enum Kind {
        /** Flips bit {@code value % 8} of one byte. */
        FLIP_BIT,
        /** Sets one byte to {@code value}. */
        SET_BYTE,
        /** Cuts the input at {@code where}. */
        TRUNCATE,
        /** Inserts {@code length} random bytes (seed {@code value}) at {@code where}. */
        INSERT_BYTES,
        /** Deletes {@code length} bytes at {@code where}. */
        DELETE_BYTES,
        /** Overwrites 4 bytes at {@code where} with a boundary integer (0, -1, max, min, ...), little-endian. */
        INTERESTING_INT,
        /** Replaces the first {@code length} bytes with random bytes (seed {@code value}): a random header. */
        RANDOM_HEADER,
        /** Inserts a syntax token of text formats (quote, separator, NaN, huge number ...) at {@code where}. */
        INSERT_TOKEN,
        /** Copies {@code length} bytes from the start to {@code where}: repeated chunks, nested structures. */
        DUPLICATE
    }

    /** Boundary integers that header size and count fields are most sensitive to. */
    static final int[] INTERESTING = {0, 1, -1, 2, 0x7FFFFFFF, 0x80000000, 0xFFFF, 0x10000, 0x7FFF, 16, 44, 0x40000000};

    /** Tokens that break or stretch text formats (CSV, YAML/JSON task files, .npy header dictionaries). */
    static final List<String> TOKENS = List.of("\"", "'", ",", ";", "\t", "\n", "\r\n", ":", "- ", "{", "}", "[", "]",
            "(", ")", "NaN", "nan", "Infinity", "-inf", "1e999", "-1", "0", "99999999999999999999", "null", "~",
            "True", "False", "!!binary", "&a", "*a", "<<: *a", "#", "\\", "\u00e9", "\uFEFF", "\u0000", "  ", "---",
            "'descr': '<f4'", "'shape': (", "L", ",,,,", "\"\"\"", "%", "@", "..");

    /** Applies the edit to a copy of {@code in}. */
    public byte[] apply(byte[] in) {
        int n = in.length;
        int at = n == 0 ? 0 : Math.min(n - 1, (int) (where * n));
        switch (kind) {
            case FLIP_BIT -> {
                if (n == 0) {
                    return in.clone();
                }
                byte[] out = in.clone();
                out[at] ^= (byte) (1 << Math.floorMod(value, 8));
                return out;
            }
            case SET_BYTE -> {
                if (n == 0) {
                    return new byte[] {(byte) value};
                }
                byte[] out = in.clone();
                out[at] = (byte) value;
                return out;
            }
            case TRUNCATE -> {
                return Arrays.copyOf(in, Math.min(n, (int) (where * n)));
            }
            case INSERT_BYTES -> {
                return insert(in, insertAt(n), random(length, value));
            }
            case DELETE_BYTES -> {
                int len = Math.min(length, n - at);
                byte[] out = new byte[n - len];
                System.arraycopy(in, 0, out, 0, at);
                System.arraycopy(in, at + len, out, at, n - at - len);
                return out;
            }
            case INTERESTING_INT -> {
                byte[] out = in.clone();
                int v = INTERESTING[Math.floorMod(value, INTERESTING.length)];
                for (int i = 0; i < 4 && at + i < n; i++) {
                    out[at + i] = (byte) (v >>> (8 * i));
                }
                return out;
            }
            case RANDOM_HEADER -> {
                byte[] head = random(length, value);
                byte[] out = Arrays.copyOf(in, Math.max(n, head.length));
                System.arraycopy(head, 0, out, 0, head.length);
                return out;
            }
            case INSERT_TOKEN -> {
                byte[] token = TOKENS.get(Math.floorMod(value, TOKENS.size())).getBytes(StandardCharsets.UTF_8);
                return insert(in, insertAt(n), token);
            }
            case DUPLICATE -> {
                return insert(in, insertAt(n), Arrays.copyOf(in, Math.min(n, length)));
            }
            default -> throw new IllegalStateException(kind.name());
        }
    }

    /** Applies {@code mutations} in order. */
    public static byte[] applyAll(byte[] in, List<Mutation> mutations) {
        byte[] b = in;
        for (Mutation m : mutations) {
            b = m.apply(b);
        }
        return b;
    }

    /** A random mutation with lengths up to {@code maxLength}: the bench's generator. */
    public static Mutation random(SplittableRandom rng, int maxLength) {
        Kind[] kinds = Kind.values();
        return new Mutation(kinds[rng.nextInt(kinds.length)], rng.nextDouble(), 1 + rng.nextInt(maxLength),
                rng.nextInt());
    }

    /** Insertion point in [0, n]: every gap between bytes, both ends included. */
    private int insertAt(int n) {
        return Math.min(n, (int) (where * (n + 1)));
    }

    private static byte[] insert(byte[] in, int at, byte[] what) {
        byte[] out = new byte[in.length + what.length];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(what, 0, out, at, what.length);
        System.arraycopy(in, at, out, at + what.length, in.length - at);
        return out;
    }

    /** {@code n} bytes from a seeded generator. */
    static byte[] random(int n, long seed) {
        byte[] b = new byte[Math.max(0, n)];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        return b;
    }
}
