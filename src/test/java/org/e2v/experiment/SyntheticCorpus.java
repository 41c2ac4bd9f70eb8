package org.e2v.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.e2v.audio.WavWriter;

/**
 * A small manifest corpus of synthetic "speech": harmonic tones whose pitch, loudness, vibrato and
 * noise depend on the class (so an encoder can learn them) and on the speaker (so it is not trivial).
 */
public final class SyntheticCorpus {
    private SyntheticCorpus() {
    }

    /**
     * Writes {@code perSpeaker} utterances of each class for each speaker; speakers 0..n-3 are
     * train, n-2 dev, n-1 test. Confidence alternates 1.0 / 0.67.
     *
     * @return the manifest
     */
    public static Path write(Path dir, List<String> classes, int speakers, int perSpeaker, double seconds) throws IOException {
        Random rng = new Random(5);
        StringBuilder manifest = new StringBuilder("path,speaker,label,split,confidence\n");
        for (int s = 0; s < speakers; s++) {
            String speaker = "spk" + s;
            String split = s < speakers - 2 ? "train" : s == speakers - 2 ? "dev" : "test";
            double speakerShift = 1 + 0.08 * (s - speakers / 2.0) / speakers;
            for (int c = 0; c < classes.size(); c++) {
                for (int i = 0; i < perSpeaker; i++) {
                    String id = speaker + "_" + classes.get(c) + "_" + i;
                    Path wav = dir.resolve("wav").resolve(id + ".wav");
                    Files.createDirectories(wav.getParent());
                    WavWriter.write16kMono(wav, tone(c, speakerShift, seconds * (0.8 + 0.4 * rng.nextDouble()), rng));
                    manifest.append(String.format(Locale.ROOT, "wav/%s.wav,%s,%s,%s,%s%n", id, speaker, classes.get(c), split,
                            i % 2 == 0 ? "1.0" : "0.67"));
                }
            }
        }
        Path m = dir.resolve("manifest.csv");
        Files.writeString(m, manifest.toString());
        return m;
    }

    private static float[] tone(int cls, double shift, double seconds, Random rng) {
        int n = (int) (16_000 * seconds);
        float[] x = new float[n];
        double f0 = (110 + 45 * cls) * shift * (0.95 + 0.1 * rng.nextDouble());
        double amp = 0.15 + 0.07 * (cls % 3);
        double vibrato = 2 + 3 * (cls % 2);
        double phase = 0;
        for (int i = 0; i < n; i++) {
            double t = i / 16_000.0;
            double f = f0 * (1 + 0.03 * Math.sin(2 * Math.PI * vibrato * t));
            phase += 2 * Math.PI * f / 16_000.0;
            double v = 0;
            for (int h = 1; h <= 5; h++) {
                v += Math.sin(h * phase) / (h + cls % 2);
            }
            x[i] = (float) (amp * v * 0.4 + 0.02 * rng.nextGaussian());
        }
        return x;
    }
}
