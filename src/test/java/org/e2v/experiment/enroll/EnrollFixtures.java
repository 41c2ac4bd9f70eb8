package org.e2v.experiment.enroll;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.e2v.audio.WavWriter;
import org.e2v.features.FeatureSpecs;
import org.e2v.features.LogMelSpec;
import org.e2v.features.Normalisation;
import org.e2v.model.EncoderModel;
import org.e2v.model.EncoderSpec;
import org.e2v.model.LossSpec;
import org.e2v.model.ModelProvenance;

/**
 * Test data for enrollment: a small manifest corpus of class-dependent tones and a tiny encoder
 * saved with its feature settings (randomly initialised: its embeddings are a fixed nonlinear map
 * of the log-mel frames, which is all verification needs; it takes well under a second to make).
 */
public final class EnrollFixtures {
    /** 16 log-mel bands keep extraction fast; no normalisation, since per-utterance normalising a steady tone leaves only noise. */
    public static final LogMelSpec FEATURES = new LogMelSpec(16_000, 25, 10, 0.0, 16, 0, 8000, 1e-10, Normalisation.NONE);

    private EnrollFixtures() {
    }

    /**
     * Writes {@code perSpeaker} tones of each class for each of {@code speakers} speakers:
     * speakers 0..n-3 are train, n-2 validation ("dev"), n-1 test. Ids are {@code spk<s>_<class>_<i>}.
     *
     * @return the manifest
     */
    public static Path corpus(Path dir, List<String> classes, int speakers, int perSpeaker) throws IOException {
        Random rng = new Random(11);
        StringBuilder manifest = new StringBuilder("path,speaker,label,split\n");
        for (int s = 0; s < speakers; s++) {
            String split = s < speakers - 2 ? "train" : s == speakers - 2 ? "dev" : "test";
            for (int c = 0; c < classes.size(); c++) {
                for (int i = 0; i < perSpeaker; i++) {
                    String id = "spk" + s + "_" + classes.get(c) + "_" + i;
                    Path wav = dir.resolve("wav").resolve(id + ".wav");
                    Files.createDirectories(wav.getParent());
                    WavWriter.write16kMono(wav, tone(c, s, rng));
                    manifest.append(String.format(Locale.ROOT, "wav/%s.wav,spk%d,%s,%s%n", id, s, classes.get(c), split));
                }
            }
        }
        Path m = dir.resolve("manifest.csv");
        Files.writeString(m, manifest.toString());
        return m;
    }

    /** A randomly initialised GRU-transformer (8-dimensional embeddings) over {@link #FEATURES}, saved to {@code file}. */
    public static Path model(Path file, long seed) {
        return model(file, seed, FEATURES.dims());
    }

    /** As {@link #model(Path, long)} but expecting {@code inputDims}-dimensional features (a mismatch when not 16). */
    @SuppressWarnings("unchecked")
    public static Path model(Path file, long seed, int inputDims) {
        EncoderSpec spec = new EncoderSpec(EncoderSpec.GRU_TRANSFORMER, 2, 8, 8, 1, 2, 16, 0.0, 8, 2, 8, 1, 3, 16);
        try (EncoderModel model = EncoderModel.create(spec, inputDims, List.of("a", "b"), LossSpec.namp(), null, seed)) {
            Map<String, Object> config = new ObjectMapper().readValue(FeatureSpecs.canonicalJson(FEATURES), Map.class);
            model.save(file, new ModelProvenance(config, Map.of("max_frames", 48)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return file;
    }

    private static float[] tone(int cls, int speaker, Random rng) {
        int n = (int) (16_000 * (0.3 + 0.1 * rng.nextDouble()));
        float[] x = new float[n];
        double f0 = (120 + 70 * cls) * (1 + 0.03 * speaker) * (0.97 + 0.06 * rng.nextDouble());
        double phase = 0;
        for (int i = 0; i < n; i++) {
            phase += 2 * Math.PI * f0 / 16_000.0;
            double v = 0;
            for (int h = 1; h <= 4; h++) {
                v += Math.sin(h * phase) / (h + cls % 2);
            }
            x[i] = (float) (0.2 * v + 0.02 * rng.nextGaussian());
        }
        return x;
    }
}
