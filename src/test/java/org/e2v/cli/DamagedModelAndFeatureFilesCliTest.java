package org.e2v.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.e2v.enroll.EnrollmentSet;
import org.e2v.enroll.EnrollmentSetFiles;
import org.e2v.experiment.embed.EmbeddingService;
import org.e2v.experiment.enroll.EnrollFixtures;
import org.e2v.experiment.enroll.VerifyService;
import org.e2v.features.FeatureSpecs;
import org.e2v.features.Npy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #8 through the real command line: encoder files from another schema version or another
 * feature configuration, and damaged {@code .npy} feature folders. Each ends with exit code 2 and
 * one plain message naming the file and the problem, never a stack trace.
 */
class DamagedModelAndFeatureFilesCliTest {
    @TempDir
    static Path dir;
    static Path manifest;
    static Path model;
    static Path setFile;

    @BeforeAll
    static void setUp() throws IOException {
        manifest = EnrollFixtures.corpus(dir.resolve("c"), List.of("neutral", "sad"), 3, 2);
        model = EnrollFixtures.model(dir.resolve("good.e2vm"), 5);
        Map<String, List<String>> enrolled = new LinkedHashMap<>();
        enrolled.put("neutral", List.of("spk1_neutral_0"));
        enrolled.put("sad", List.of("spk1_sad_0"));
        setFile = dir.resolve("set.json");
        EnrollmentSetFiles.save(setFile, new EnrollmentSet(1, List.of("neutral", "sad"), enrolled, "good",
                VerifyService.HASH_PREFIX + EmbeddingService.sha256(model), null));
    }

    private static CommandRunner verify(Path modelFile) {
        CommandRunner cli = new CommandRunner();
        cli.exit = cli.run(new VerifyCommand(), "--model", modelFile.toString(), "--corpus", manifest.toString(),
                "--enrollment", setFile.toString(), "--no-cache");
        return cli;
    }

    private static void assertPlainError(CommandRunner cli, String... fragments) {
        String err = cli.err.toString();
        assertThat(cli.exit).as(err).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(err).startsWith("e2v: ").contains(fragments).doesNotContain("\tat ").doesNotContain("Exception");
    }

    /** A copy of the good model with its model.json edited, the arrays kept. */
    private static Path edited(String name, Consumer<ObjectNode> edit) throws IOException {
        Path out = dir.resolve(name);
        ObjectMapper mapper = new ObjectMapper();
        try (ZipFile zip = new ZipFile(model.toFile()); OutputStream os = Files.newOutputStream(out);
             ZipOutputStream zout = new ZipOutputStream(os)) {
            ObjectNode meta = (ObjectNode) mapper.readTree(zip.getInputStream(zip.getEntry("model.json")));
            edit.accept(meta);
            var entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                zout.putNextEntry(new ZipEntry(e.getName()));
                if (e.getName().equals("model.json")) {
                    zout.write(mapper.writeValueAsBytes(meta));
                } else {
                    zip.getInputStream(e).transferTo(zout);
                }
                zout.closeEntry();
            }
        }
        return out;
    }

    @Test
    void theUneditedModelVerifies() {
        CommandRunner cli = verify(model);
        assertThat(cli.exit).as(cli.err.toString()).isZero();
    }

    @Test
    void aModelFromANewerE2vAsksForANewerVersion() throws IOException {
        Path newer = edited("newer schema.e2vm", m -> m.put("schemaVersion", m.get("schemaVersion").asInt() + 1));
        assertPlainError(verify(newer), "newer schema.e2vm", "newer e2v");
    }

    @Test
    void anOlderModelWithoutVersionFieldsStillVerifies() throws IOException {
        Path older = edited("older.e2vm", m -> {
            m.remove("e2vVersion");
            m.remove("nd4jVersion");
            m.remove("savedAt");
        });
        CommandRunner cli = verify(older);
        assertThat(cli.exit).as(cli.err.toString()).isZero();
        assertThat(cli.out.toString()).contains("\"uar\"");
    }

    @Test
    void anOlderModelThatNeverRecordedItsFeaturesSaysSo() throws IOException {
        Path older = edited("no-features.e2vm", m -> m.remove("featureConfig"));
        assertPlainError(verify(older), "no-features.e2vm", "feature configuration");

        Path invalid = edited("bad-features.e2vm", m -> m.putObject("featureConfig").put("kind", "mfcc").put("sampleRateHz", 0));
        CommandRunner cli = verify(invalid);
        assertPlainError(cli, "bad-features.e2vm", "sampleRateHz must be at least 1000");
        assertThat(cli.err.toString()).doesNotContain("Source: UNKNOWN").doesNotContain("org.e2v.features");
    }

    @Test
    void aModelForAnotherFeatureExtractorIsRefusedBeforeEmbedding() throws IOException {
        // the same network, but its file says it was trained on 20 MFCC coefficients + deltas (40 dims)
        String config = FeatureSpecs.canonicalJson(FeatureSpecs.parse("mfcc", Map.of("coefficients", "20")));
        Path mfcc = edited("mfcc.e2vm", m -> {
            try {
                m.set("featureConfig", new ObjectMapper().readTree(config));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        assertPlainError(verify(mfcc), "mfcc.e2vm", "expects 16-dimensional features but the features have 40");
    }

    @Test
    void aTruncatedOrForeignModelFileIsNamed() throws IOException {
        Path half = dir.resolve("half.e2vm");
        byte[] bytes = Files.readAllBytes(model);
        Files.write(half, Arrays.copyOf(bytes, bytes.length / 2));
        assertPlainError(verify(half), "half.e2vm", "damaged");

        Path text = Files.writeString(dir.resolve("notes.e2vm"), "not a model");
        assertPlainError(verify(text), "notes.e2vm");
    }

    // ---- damaged .npy folders through `e2v extract --features npy:<folder>` ----

    private static List<String> ids() throws IOException {
        return Files.readAllLines(manifest).stream().skip(1)
                .map(l -> Path.of(l.split(",")[0]).getFileName().toString().replace(".wav", "")).toList();
    }

    /** A folder with one good float32 [5 x 8] file per utterance of the corpus. */
    private static Path npyFolder(String name) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(name));
        for (String id : ids()) {
            Files.write(folder.resolve(id + ".npy"), Npy.toBytes(new int[] {5, 8}, new float[40]));
        }
        return folder;
    }

    private static CommandRunner extract(Path folder) throws IOException {
        CommandRunner cli = new CommandRunner();
        cli.exit = cli.run(new ExtractCommand(), manifest.toString(), "--features", "npy:" + folder, "--no-cache");
        return cli;
    }

    @Test
    void aGoodNpyFolderImports() throws IOException {
        CommandRunner cli = extract(npyFolder("good-npy"));
        assertThat(cli.exit).as(cli.err.toString()).isZero();
        assertThat(cli.out.toString()).contains("\"dims\" : 8");
    }

    @Test
    void wrongMagicIsNamed() throws IOException {
        Path folder = npyFolder("bad-magic");
        String id = ids().get(2);
        byte[] b = Files.readAllBytes(folder.resolve(id + ".npy"));
        b[1] = 'X';
        Files.write(folder.resolve(id + ".npy"), b);
        assertPlainError(extract(folder), id + ".npy");
    }

    @Test
    void truncatedDataIsNamed() throws IOException {
        Path folder = npyFolder("truncated");
        String id = ids().get(0);
        byte[] b = Files.readAllBytes(folder.resolve(id + ".npy"));
        Files.write(folder.resolve(id + ".npy"), Arrays.copyOf(b, b.length - 20));
        assertPlainError(extract(folder), id + ".npy");
    }

    @Test
    void nanValuesAreNamedWithTheirFrame() throws IOException {
        Path folder = npyFolder("nan");
        String id = ids().get(1);
        float[] v = new float[40];
        v[3 * 8 + 2] = Float.NaN;
        Files.write(folder.resolve(id + ".npy"), Npy.toBytes(new int[] {5, 8}, v));
        assertPlainError(extract(folder), id + ".npy", "frame 3");
    }

    @Test
    void aDimensionMismatchNamesBothShapes() throws IOException {
        Path folder = npyFolder("dims");
        String id = ids().get(3);
        Files.write(folder.resolve(id + ".npy"), Npy.toBytes(new int[] {5, 9}, new float[45]));
        assertPlainError(extract(folder), id + ".npy", "9");
    }

    @Test
    void anUnsupportedDtypeIsNamed() throws IOException {
        Path folder = npyFolder("dtype");
        String id = ids().get(0);
        byte[] good = Npy.toBytes(new int[] {5, 8}, new float[40]);
        String header = new String(good, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = header.indexOf("<f4");
        assertThat(at).isPositive();
        good[at + 1] = 'c'; // '<c4' is not a dtype e2v reads
        Files.write(folder.resolve(id + ".npy"), good);
        assertPlainError(extract(folder), id + ".npy", "c4");
    }

    @Test
    void aMissingUtteranceIsNamed() throws IOException {
        Path folder = npyFolder("missing");
        String id = ids().get(4);
        Files.delete(folder.resolve(id + ".npy"));
        assertPlainError(extract(folder), id);
    }

    @Test
    void anEmptyArrayIsNamed() throws IOException {
        Path folder = npyFolder("empty");
        String id = ids().get(5);
        Files.write(folder.resolve(id + ".npy"), Npy.toBytes(new int[] {0, 8}, new float[0]));
        assertPlainError(extract(folder), id + ".npy");
    }
}
