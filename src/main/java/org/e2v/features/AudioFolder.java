package org.e2v.features;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.e2v.common.InputException;
import org.e2v.domain.EmotionLabel;
import org.e2v.domain.Speaker;
import org.e2v.domain.Split;
import org.e2v.domain.Utterance;

/**
 * A plain folder of .wav files as unlabelled utterances (id = file stem, speaker and label
 * "unknown"), for extracting or benchmarking features without a corpus description. Labelled
 * corpora come from the data package's loaders.
 */
public final class AudioFolder {
    /** Label and speaker given to files of a plain folder. */
    public static final String UNKNOWN = "unknown";

    private AudioFolder() {
    }

    /** Every .wav below {@code folder} (recursively), sorted by path; stems must be unique. */
    public static List<Utterance> utterances(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new InputException(folder, "is not a folder of .wav files");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".wav"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new InputException(folder, "could not be listed: " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new InputException(folder, "contains no .wav files");
        }
        Map<String, Path> seen = new HashMap<>();
        List<Utterance> utterances = new ArrayList<>();
        for (Path f : files) {
            String id = FeatureImporter.stem(f);
            Path previous = seen.putIfAbsent(id, f);
            if (previous != null) {
                throw new InputException(f, "has the same name as " + previous + "; utterance ids (file stems) must be unique");
            }
            utterances.add(new Utterance(id, f, null, Speaker.of(UNKNOWN), EmotionLabel.of(UNKNOWN), Split.UNASSIGNED,
                    Double.NaN));
        }
        return utterances;
    }
}
