package org.e2v.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.e2v.cli.SameDiffNoiseFilter;
import org.e2v.common.InputException;
import org.e2v.domain.FeatureMatrix;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
    private static final double[][] CENTRES = {{1, 0, 0}, {0, 1, 0}};
    private static final List<String> CLASSES = List.of("neutral", "frustrated");

    @TempDir
    Path dir;

    @BeforeAll
    static void quiet() {
        SameDiffNoiseFilter.install();
    }

    @Test
    void roundTripKeepsEmbeddingsLossScalarsAndOptimizerState() {
        EncoderSpec spec = TestData.tiny(EncoderSpec.GRU_TRANSFORMER);
        Path file = dir.resolve("enc.e2vmodel");
        List<FeatureMatrix> probe = TestData.clusters(CENTRES, 2, 7, 25, new Random(1));
        List<FeatureMatrix> next = TestData.clusters(CENTRES, 2, 9, 20, new Random(9));
        int[] labels = TestData.episodeLabels(2, 2);
        try (EncoderModel model = EncoderModel.create(spec, 3, CLASSES, LossSpec.namp(), TestData.protoPlusCe(), 21)) {
            for (int s = 0; s < 3; s++) {
                model.trainStep(TestData.clusters(CENTRES, 2, 9, 20, new Random(s)), labels, 2, 2, 0.02);
            }
            model.save(file, new ModelProvenance(Map.of("kind", "synthetic", "dims", 3), Map.of("epochs", 1)));
            float[][] expected = model.embed(probe);
            LoadedModel loaded = EncoderModel.load(file, TestData.protoPlusCe());
            try (EncoderModel copy = loaded.model()) {
                assertThat(copy.embed(probe)).isDeepEqualTo(expected);
                assertThat(copy.spec()).isEqualTo(spec);
                assertThat(copy.lossSpec()).isEqualTo(LossSpec.namp());
                assertThat(copy.classNames()).isEqualTo(CLASSES);
                assertThat(copy.inputDims()).isEqualTo(3);
                assertThat(copy.steps()).isEqualTo(3);
                assertThat(copy.sourceFile()).isEqualTo(file);
                assertThat(loaded.schemaVersion()).isEqualTo(ModelFile.SCHEMA_VERSION);
                assertThat(loaded.nd4jVersion()).isEqualTo("1.0.0-M2.1");
                assertThat(loaded.provenance().featureConfig()).containsEntry("kind", "synthetic").containsEntry("dims", 3);
                assertThat(loaded.provenance().training()).containsEntry("epochs", 1);
                // dropout is 0 in the tiny spec: resumed Adamax state must give the very same next step
                StepResult original = model.trainStep(next, labels, 2, 2, 0.02);
                StepResult resumed = copy.trainStep(next, labels, 2, 2, 0.02);
                assertThat(resumed).isEqualTo(original);
                assertThat(copy.lossParams().get("protoScale").getDouble(0))
                        .isEqualTo(model.lossParams().get("protoScale").getDouble(0));
            }
        }
    }

    @Test
    void modelLoadedWithoutALossStillEmbeds() {
        Path file = dir.resolve("m.e2vmodel");
        List<FeatureMatrix> probe = TestData.clusters(CENTRES, 1, 10, 10, new Random(2));
        try (EncoderModel model = EncoderModel.create(TestData.tiny(EncoderSpec.CNN_NETVLAD), 3, CLASSES, null, null, 2)) {
            model.save(file, null);
            try (EncoderModel copy = EncoderModel.load(file, null).model()) {
                assertThat(copy.embed(probe)).isDeepEqualTo(model.embed(probe));
                assertThat(copy.lossSpec()).isNull();
            }
        }
    }

    @Test
    void garbageFileIsRejectedAsNotAModel() throws IOException {
        Path file = dir.resolve("noise.e2vmodel");
        byte[] junk = new byte[500];
        new Random(1).nextBytes(junk);
        Files.write(file, junk);
        assertThatThrownBy(() -> EncoderModel.load(file, null)).isInstanceOf(InputException.class)
                .hasMessageStartingWith(file.toString()).hasMessageContaining("not an e2v model");
    }

    @Test
    void truncatedFileIsReportedAsDamaged() throws IOException {
        Path file = dir.resolve("t.e2vmodel");
        try (EncoderModel model = EncoderModel.create(TestData.tiny(EncoderSpec.BLSTM), 3, CLASSES, null, null, 2)) {
            model.save(file, null);
        }
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> EncoderModel.load(file, null)).isInstanceOf(InputException.class)
                .hasMessageContaining("damaged");
    }

    @Test
    void missingFileSaysSo() {
        Path file = dir.resolve("absent.e2vmodel");
        assertThatThrownBy(() -> EncoderModel.load(file, null)).isInstanceOf(InputException.class)
                .hasMessageContaining("not found");
    }

    @Test
    void newerSchemaAsksForANewerE2v() throws IOException {
        Path file = savedThenEdited(meta -> meta.put("schemaVersion", ModelFile.SCHEMA_VERSION + 1));
        assertThatThrownBy(() -> EncoderModel.load(file, null)).isInstanceOf(InputException.class)
                .hasMessageContaining("newer e2v").hasMessageContaining("schema " + (ModelFile.SCHEMA_VERSION + 1));
    }

    @Test
    void otherFormatTagIsRejected() throws IOException {
        Path file = savedThenEdited(meta -> meta.put("format", "something-else"));
        assertThatThrownBy(() -> EncoderModel.load(file, null)).isInstanceOf(InputException.class)
                .hasMessageContaining("not an e2v encoder model");
    }

    @Test
    void missingMandatoryFieldFailsLoudly() throws IOException {
        Path file = savedThenEdited(meta -> meta.remove("inputDims"));
        assertThatThrownBy(() -> EncoderModel.load(file, null)).isInstanceOf(InputException.class)
                .hasMessageContaining("mandatory field 'inputDims'");
    }

    @Test
    void oldFileWithoutProvenanceFieldsLoadsThemAsUnknown() throws IOException {
        Path file = savedThenEdited(meta -> {
            meta.remove("e2vVersion");
            meta.remove("nd4jVersion");
            meta.remove("savedAt");
            meta.remove("featureConfig");
        });
        LoadedModel loaded = EncoderModel.load(file, null);
        try (EncoderModel model = loaded.model()) {
            assertThat(loaded.e2vVersion()).isEqualTo("unknown");
            assertThat(loaded.nd4jVersion()).isEqualTo("unknown");
            assertThat(loaded.savedAt()).isEqualTo("unknown");
            assertThat(loaded.provenance().featureConfig()).containsEntry("status", "unknown");
            assertThat(model.embeddingDims()).isEqualTo(6);
        }
    }

    @Test
    void loadedModelRejectsFeaturesOfAnotherDimensionNamingTheModelFile() throws IOException {
        Path file = dir.resolve("d3.e2vmodel");
        try (EncoderModel model = EncoderModel.create(TestData.tiny(EncoderSpec.BLSTM), 3, CLASSES, null, null, 2)) {
            model.save(file, null);
        }
        try (EncoderModel model = EncoderModel.load(file, null).model()) {
            assertThatThrownBy(() -> model.embed(List.of(TestData.noise("u1", 12, 40, 0, new Random(1)))))
                    .isInstanceOf(InputException.class)
                    .hasMessageStartingWith(file.toString())
                    .hasMessageContaining("expects 3-dimensional features but u1 has 40");
            assertThatThrownBy(() -> model.checkInputDims(40)).isInstanceOf(InputException.class);
        }
    }

    private interface MetaEdit {
        void apply(ObjectNode meta);
    }

    /** Saves a tiny BLSTM model, then rewrites its model.json with {@code edit}, keeping the arrays. */
    private Path savedThenEdited(MetaEdit edit) throws IOException {
        Path original = dir.resolve("orig.e2vmodel");
        try (EncoderModel model = EncoderModel.create(TestData.tiny(EncoderSpec.BLSTM), 3, CLASSES, null, null, 2)) {
            model.save(original, null);
        }
        Path edited = dir.resolve("edited.e2vmodel");
        ObjectMapper mapper = new ObjectMapper();
        try (ZipFile zip = new ZipFile(original.toFile()); OutputStream out = Files.newOutputStream(edited);
             ZipOutputStream zout = new ZipOutputStream(out)) {
            ObjectNode meta = (ObjectNode) mapper.readTree(zip.getInputStream(zip.getEntry("model.json")));
            edit.apply(meta);
            zout.putNextEntry(new ZipEntry("model.json"));
            zout.write(mapper.writeValueAsBytes(meta));
            zout.closeEntry();
            zout.putNextEntry(new ZipEntry("arrays.bin"));
            zip.getInputStream(zip.getEntry("arrays.bin")).transferTo(zout);
            zout.closeEntry();
        }
        return edited;
    }
}
