package org.e2v.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.e2v.audio.AudioFiles;
import org.e2v.audio.AudioInfo;
import org.e2v.audio.SampleFormat;
import org.e2v.audio.WavWriter;
import org.e2v.common.E2vException;
import org.e2v.data.CsvReader;
import org.e2v.data.LoadedCorpus;
import org.e2v.data.LoaderOptions;
import org.e2v.data.ManifestLoader;
import org.e2v.domain.AudioClip;
import org.e2v.experiment.task.TaskFiles;
import org.e2v.experiment.task.TaskSpec;
import org.e2v.features.Npy;
import org.e2v.features.NpyArray;

/**
 * The input readers under fuzzing, their valid seed files, and the property every input must
 * satisfy: the reader either returns a sane result or throws an {@link E2vException} whose message
 * is non-empty and names the file. Any other exception (or a result that breaks the reader's own
 * invariants) is "unexpected". Shared by the jqwik properties and {@code e2v bench fuzz}.
 */
public final class FuzzTargets {
    /** Names of the targets, in report order. */
    public static final List<String> NAMES = List.of("wav", "npy", "csv", "manifest", "task");

    private FuzzTargets() {
    }

    /** How one input fared. */
    public enum Outcome {
        /** The reader returned a result that passes its invariants. */
        ACCEPTED,
        /** The reader threw an E2vException with a message naming the file. */
        REJECTED,
        /** Anything else: a crash, an unclear message, or a broken result. */
        UNEXPECTED
    }

    /** The verdict on one input; {@code detail} is the error message or what went wrong. */
    public record Result(Outcome outcome, String detail) {
    }

    /** A valid file to mutate: the name it is saved under and its bytes. */
    public record Seed(String fileName, byte[] bytes) {
    }

    /**
     * A working directory for one target: holds its seeds and the files the manifest refers to.
     * Not thread-safe; close it to delete the directory.
     */
    public static final class Session implements AutoCloseable {
        private final String target;
        private final Path dir;
        private final List<Seed> seeds;

        /** Creates a session for target {@code name} (one of {@link #NAMES}). */
        public Session(String name) {
            if (!NAMES.contains(name)) {
                throw new E2vException("unknown fuzz target '" + name + "' (known: " + String.join(", ", NAMES) + ")");
            }
            this.target = name;
            try {
                this.dir = Files.createTempDirectory("e2v-fuzz-" + name);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            this.seeds = List.copyOf(makeSeeds(name, dir));
        }

        /** The valid inputs the mutations start from. */
        public List<Seed> seeds() {
            return seeds;
        }

        /** Saves {@code bytes} under the seed's file name and runs the reader on it. */
        public Result check(Seed like, byte[] bytes) {
            Path file = dir.resolve(like.fileName());
            try {
                Files.write(file, bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return FuzzTargets.check(target, file);
        }

        @Override
        public void close() {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException ignored) {
                // a leftover temp directory is harmless
            }
        }
    }

    /** Runs target {@code name}'s reader on {@code file} and classifies the outcome. */
    static Result check(String name, Path file) {
        try {
            String broken = switch (name) {
                case "wav" -> checkWav(file);
                case "npy" -> checkNpy(file);
                case "csv" -> checkCsv(file);
                case "manifest" -> checkManifest(file);
                case "task" -> checkTask(file);
                default -> throw new IllegalArgumentException(name);
            };
            return broken == null ? new Result(Outcome.ACCEPTED, "") : new Result(Outcome.UNEXPECTED, broken);
        } catch (E2vException e) {
            String message = e.getMessage();
            if (message == null || message.isBlank()) {
                return new Result(Outcome.UNEXPECTED, "E2vException without a message");
            }
            if (!message.contains(file.getFileName().toString())) {
                return new Result(Outcome.UNEXPECTED, "message does not name the file: " + message);
            }
            return new Result(Outcome.REJECTED, message);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            StackTraceElement[] st = e.getStackTrace();
            return new Result(Outcome.UNEXPECTED, e + (st.length > 0 ? " at " + st[0] : ""));
        }
    }

    private static String checkWav(Path file) {
        AudioInfo info = AudioFiles.probe(file);
        AudioClip clip = AudioFiles.load(file);
        if (clip.sampleRateHz() != AudioFiles.TARGET_RATE_HZ) {
            return "clip at " + clip.sampleRateHz() + " Hz";
        }
        if (info.sampleRateHz() <= 0) {
            return "probe reports " + info.sampleRateHz() + " Hz";
        }
        for (float v : clip.samples()) {
            if (!(v >= -1f && v <= 1f)) {
                return "sample " + v + " outside [-1, 1]";
            }
        }
        return null;
    }

    private static String checkNpy(Path file) {
        NpyArray a = Npy.read(file);
        long n = 1;
        for (int s : a.shape()) {
            if (s < 0) {
                return "negative shape entry " + s;
            }
            n *= s;
        }
        return n == a.data().length ? null : "shape " + a.shapeText() + " but " + a.data().length + " values";
    }

    private static String checkCsv(Path file) {
        int last = 0;
        for (CsvReader.Row row : CsvReader.read(file)) {
            if (row.lineNumber() <= last - 1 || row.lineNumber() < 1) {
                return "line numbers out of order: " + row.lineNumber() + " after " + last;
            }
            last = row.lineNumber();
        }
        return null;
    }

    private static String checkManifest(Path file) {
        LoadedCorpus c = ManifestLoader.load(file, LoaderOptions.defaults());
        return c.corpus() == null ? "no corpus" : null;
    }

    private static String checkTask(Path file) {
        TaskSpec t = TaskFiles.load(file);
        return TaskFiles.validate(t).isEmpty() ? null : "load accepted an invalid task: " + TaskFiles.validate(t);
    }

    // --- seeds --------------------------------------------------------------------------------

    private static List<Seed> makeSeeds(String name, Path dir) {
        try {
            return switch (name) {
                case "wav" -> wavSeeds(dir);
                case "npy" -> npySeeds();
                case "csv" -> csvSeeds();
                case "manifest" -> manifestSeeds(dir);
                case "task" -> taskSeeds();
                default -> throw new IllegalArgumentException(name);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Short WAV files (0.03-0.05 s) in every encoding e2v decodes itself, plus RF64 and odd chunks. */
    private static List<Seed> wavSeeds(Path dir) throws IOException {
        List<Seed> seeds = new ArrayList<>();
        String name = "stimme-\u00fc 1.wav"; // non-ASCII and a space: messages must still name it
        Object[][] kinds = {
            {SampleFormat.PCM_S16, 16_000, 1, false, 800},
            {SampleFormat.PCM_S24, 48_000, 2, false, 1440},
            {SampleFormat.FLOAT_32, 8_000, 1, false, 400},
            {SampleFormat.PCM_U8, 11_025, 1, false, 441},
            {SampleFormat.PCM_S32, 22_050, 1, true, 500},
            {SampleFormat.FLOAT_64, 44_100, 2, true, 600},
        };
        Path tmp = dir.resolve("seed.wav");
        for (Object[] k : kinds) {
            int channels = (int) k[2];
            int frames = (int) k[4];
            float[][] data = new float[channels][frames];
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < frames; i++) {
                    data[c][i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / (int) k[1] + c));
                }
            }
            WavWriter.write(tmp, data, (int) k[1], (SampleFormat) k[0], (boolean) k[3]);
            seeds.add(new Seed(name, Files.readAllBytes(tmp)));
        }
        // WavWriter writes no G.711; the same 8-bit container with format tag 6 (A-law) or 7 (mu-law) is one.
        for (int tag : new int[] {6, 7}) {
            byte[] g711 = seeds.get(3).bytes().clone();
            g711[20] = (byte) tag;
            seeds.add(new Seed(name, g711));
        }
        byte[] plain = seeds.get(0).bytes();
        seeds.add(new Seed(name, withListChunk(plain)));
        seeds.add(new Seed(name, rf64(plain)));
        Files.delete(tmp);
        return seeds;
    }

    /** Inserts an odd-sized LIST chunk (with its pad byte) between fmt and data. */
    private static byte[] withListChunk(byte[] wav) {
        int fmtEnd = 12 + 8 + 16;
        byte[] list = {'L', 'I', 'S', 'T', 3, 0, 0, 0, 'a', 'b', 'c', 0};
        byte[] out = new byte[wav.length + list.length];
        System.arraycopy(wav, 0, out, 0, fmtEnd);
        System.arraycopy(list, 0, out, fmtEnd, list.length);
        System.arraycopy(wav, fmtEnd, out, fmtEnd + list.length, wav.length - fmtEnd);
        ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(4, out.length - 8);
        return out;
    }

    /** The same audio as an RF64 file: sizes in a ds64 chunk, 0xFFFFFFFF in the RIFF and data sizes. */
    private static byte[] rf64(byte[] wav) {
        int fmtEnd = 12 + 8 + 16;
        int dataBytes = wav.length - fmtEnd - 8;
        ByteBuffer b = ByteBuffer.allocate(wav.length + 36).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RF64".getBytes(StandardCharsets.US_ASCII)).putInt(-1).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("ds64".getBytes(StandardCharsets.US_ASCII)).putInt(28).putLong(wav.length + 28L).putLong(dataBytes)
                .putLong(dataBytes / 2).putInt(0);
        b.put(wav, 12, fmtEnd - 12);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(-1);
        b.put(wav, fmtEnd + 8, dataBytes);
        return b.array();
    }

    private static List<Seed> npySeeds() {
        List<Seed> seeds = new ArrayList<>();
        float[] values = new float[20 * 13];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) Math.sin(i * 0.1);
        }
        seeds.add(new Seed("feats.npy", Npy.toBytes(new int[] {20, 13}, values)));
        seeds.add(new Seed("feats.npy", npy(1, "<f8", false, "(5, 3)", 8 * 15)));
        seeds.add(new Seed("feats.npy", npy(1, ">i2", false, "(4,)", 2 * 4)));
        seeds.add(new Seed("feats.npy", npy(1, "|u1", false, "(2, 2, 2)", 8)));
        seeds.add(new Seed("feats.npy", npy(1, "<f4", true, "(3, 4)", 4 * 12)));
        seeds.add(new Seed("feats.npy", npy(2, "<f4", false, "(6,)", 4 * 6)));
        seeds.add(new Seed("feats.npy", npy(3, "<f2", false, "(4,)", 2 * 4)));
        seeds.add(new Seed("feats.npy", npy(1, "<i8", false, "()", 8)));
        return seeds;
    }

    /** A .npy file of the given version and header with {@code dataBytes} pseudo-random data bytes. */
    static byte[] npy(int major, String descr, boolean fortran, String shape, int dataBytes) {
        String dict = String.format(Locale.ROOT, "{'descr': '%s', 'fortran_order': %s, 'shape': %s, }", descr,
                fortran ? "True" : "False", shape);
        int prefix = major == 1 ? 10 : 12;
        int total = (prefix + dict.length() + 1 + 63) / 64 * 64;
        StringBuilder header = new StringBuilder(dict);
        while (prefix + header.length() + 1 < total) {
            header.append(' ');
        }
        header.append('\n');
        byte[] h = header.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(prefix + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) major).put((byte) 0);
        if (major == 1) {
            b.putShort((short) h.length);
        } else {
            b.putInt(h.length);
        }
        b.put(h);
        b.put(Mutation.random(dataBytes, dataBytes));
        return b.array();
    }

    private static List<Seed> csvSeeds() {
        return List.of(
                new Seed("table.csv", ("path,speaker,label,split,confidence\n"
                        + "a.wav,s1,angry,train,0.9\n\"b, c.wav\",s2,\"ha\"\"ppy\",dev,1\r\n"
                        + "\"multi\nline.wav\",s3,sad,test,\n").getBytes(StandardCharsets.UTF_8)),
                new Seed("table.csv", "\uFEFFid;start;end;label\nu1;0.0;1.5;neutral\nu2;1.5;3;sad\n"
                        .getBytes(StandardCharsets.UTF_8)),
                new Seed("table.csv", "x\ty\n1\t2\n".getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Seed> manifestSeeds(Path dir) throws IOException {
        float[] tone = new float[1600];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (float) (0.3 * Math.sin(2 * Math.PI * 220 * i / 16_000.0));
        }
        for (String f : List.of("a.wav", "b.wav", "c.wav", "d.wav")) {
            WavWriter.write16kMono(dir.resolve(f), tone);
        }
        return List.of(
                new Seed("manifest.csv", ("path,speaker,label,split,confidence\n"
                        + "a.wav,s1,angry,train,0.9\nb.wav,s1,happy,train,1\nc.wav,s2,sad,test,0.8\n"
                        + "d.wav,s2,neutral,dev,\n").getBytes(StandardCharsets.UTF_8)),
                new Seed("manifest.csv", "a.wav,s1,angry\nb.wav,s2,happy,test\nc.wav,s3,sad,train,0.7\n"
                        .getBytes(StandardCharsets.UTF_8)),
                new Seed("manifest.csv", ("path,label,speaker,dyad,id\n"
                        + "a.wav,angry,s1,d1,u1\nb.wav,sad,s2,d1,u2\n").getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Seed> taskSeeds() {
        String full = TaskFiles.toText(TaskFiles.parse(Path.of("seed.yaml"), "name: seed\n"), false);
        String json = TaskFiles.toText(TaskFiles.parse(Path.of("seed.yaml"), "name: seed\n"), true);
        return List.of(
                new Seed("task.yaml", "name: demo\nseed: 7\npretrain:\n  loss:\n    name: namp\n    margin: -0.3\n"
                        .getBytes(StandardCharsets.UTF_8)),
                new Seed("task.yaml", full.getBytes(StandardCharsets.UTF_8)),
                new Seed("task.json", json.getBytes(StandardCharsets.UTF_8)));
    }
}
