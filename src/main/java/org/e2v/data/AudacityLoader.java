package org.e2v.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.e2v.common.InputException;
import org.e2v.domain.EmotionLabel;
import org.e2v.domain.Segment;
import org.e2v.domain.Speaker;
import org.e2v.domain.Split;
import org.e2v.domain.Utterance;

/**
 * Cuts utterances out of long recordings with Audacity label files: {@code <stem>.txt} next to
 * {@code <stem>.wav} (or another audio type), one {@code start<TAB>end<TAB>label} line per region.
 * Audacity's spectral-selection lines (starting with a backslash) are skipped and a decimal comma
 * (written by Audacity in some locales) is accepted. Utterance ids are {@code <stem>_<nnn>} by line
 * order; the speaker comes from {@code speakers.csv}, else the {@code <speaker>_} prefix, else the stem.
 */
public final class AudacityLoader {
    private AudacityLoader() {
    }

    static boolean looksLike(Path dir) {
        try {
            return GenericLoaders.files(dir).stream()
                    .anyMatch(f -> f.getFileName().toString().endsWith(".txt") && audioFor(f).isPresent());
        } catch (InputException e) {
            return false;
        }
    }

    /** Loads every label file under {@code root} (a folder, or one label .txt file). */
    public static LoadedCorpus load(Path root, LoaderOptions options) {
        Path dir = Files.isDirectory(root) ? root : root.toAbsolutePath().getParent();
        List<Path> labelFiles = Files.isDirectory(root)
                ? GenericLoaders.files(root).stream().filter(f -> f.getFileName().toString().endsWith(".txt")).toList()
                : List.of(root);
        CorpusBuilder builder = new CorpusBuilder(root, options);
        Map<Path, Speaker> sidecar = GenericLoaders.readSidecar(dir, builder);
        for (Path labels : labelFiles) {
            Optional<Path> audio = audioFor(labels);
            if (audio.isEmpty()) {
                builder.problem(labels, "no recording with the same name next to it (" + GenericLoaders.stem(labels)
                        + ".wav or another audio type); labels ignored");
                continue;
            }
            if (builder.mediaUsable(audio.get())) {
                readLabels(labels, audio.get(), sidecar, builder);
            }
        }
        return builder.build(dir.getFileName() == null ? dir.toString() : dir.getFileName().toString(), "audacity");
    }

    private static void readLabels(Path labels, Path audio, Map<Path, Speaker> sidecar, CorpusBuilder builder) {
        List<String> lines;
        try {
            lines = Files.readAllLines(labels, StandardCharsets.UTF_8);
        } catch (IOException e) {
            builder.problem(labels, "could not be read as UTF-8 text: " + e.getMessage());
            return;
        }
        String stem = GenericLoaders.stem(labels);
        Speaker speaker = GenericLoaders.speakerFor(audio, sidecar, stem);
        int region = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replace("\uFEFF", "");
            String where = "line " + (i + 1) + ": ";
            if (line.isBlank() || line.startsWith("\\")) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            if (fields.length < 3 || fields[2].isBlank()) {
                builder.problem(labels, where + "expected start<TAB>end<TAB>label");
                continue;
            }
            double start = number(fields[0]);
            double end = number(fields[1]);
            if (Double.isNaN(start) || Double.isNaN(end)) {
                builder.problem(labels, where + "start/end '" + fields[0] + "', '" + fields[1] + "' are not numbers");
                continue;
            }
            if (!(start >= 0 && end > start)) {
                builder.problem(labels, where + "region " + fields[0] + "-" + fields[1]
                        + " s is empty or negative (point labels cannot be utterances)");
                continue;
            }
            String id = String.format("%s_%03d", stem, region++);
            EmotionLabel label = GenericLoaders.labelOrNull(fields[2], builder);
            if (label == null) {
                continue;
            }
            Segment segment = new Segment(start, end);
            builder.add(new Utterance(id, audio, segment, speaker, label, Split.UNASSIGNED, Double.NaN), labels, null);
        }
    }

    private static double number(String text) {
        try {
            return Double.parseDouble(text.strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    static Optional<Path> audioFor(Path labelFile) {
        Path dir = labelFile.toAbsolutePath().getParent();
        String stem = GenericLoaders.stem(labelFile);
        return GenericLoaders.AUDIO_EXTENSIONS.stream().sorted()
                .map(ext -> dir.resolve(stem + "." + ext)).filter(Files::isRegularFile).findFirst();
    }
}
