package org.e2v.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.e2v.common.InputException;
import org.e2v.domain.EmotionLabel;
import org.e2v.domain.Speaker;

/** Helpers shared by the folder, manifest and Audacity loaders. */
final class GenericLoaders {
    /** File endings treated as audio (WAV natively, the rest through ffmpeg). */
    static final Set<String> AUDIO_EXTENSIONS = Set.of("wav", "flac", "mp3", "ogg", "opus", "m4a", "mp4", "aac", "webm");
    /** Optional sidecar naming speakers: {@code file,speaker[,dyad]}, paths relative to its folder. */
    static final String SPEAKERS_SIDECAR = "speakers.csv";
    static final String UNKNOWN_SPEAKER = "unknown";

    private GenericLoaders() {
    }

    static boolean isAudio(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return !isHidden(file) && dot > 0 && AUDIO_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** Dot files, including macOS "._" AppleDouble companions. */
    static boolean isHidden(Path file) {
        return file.getFileName().toString().startsWith(".");
    }

    private static boolean hiddenBelow(Path dir, Path file) {
        for (Path part : dir.relativize(file)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** The text before the first '_' of the stem, or null when there is none. */
    static String speakerPrefix(String stem) {
        int underscore = stem.indexOf('_');
        return underscore > 0 ? stem.substring(0, underscore) : null;
    }

    /** Regular files under {@code dir} (recursively), sorted, leaving out hidden files and hidden folders' contents. */
    static List<Path> files(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> !hiddenBelow(dir, p)).sorted().toList();
        } catch (IOException e) {
            throw new InputException(dir, "could not be listed: " + e.getMessage(), e);
        }
    }

    /** Reads {@code speakers.csv} in {@code dir} into absolute file -> speaker; empty map when absent. */
    static Map<Path, Speaker> readSidecar(Path dir, CorpusBuilder builder) {
        Path sidecar = dir.resolve(SPEAKERS_SIDECAR);
        Map<Path, Speaker> speakers = new HashMap<>();
        if (!Files.isRegularFile(sidecar)) {
            return speakers;
        }
        List<CsvReader.Row> rows;
        try {
            rows = CsvReader.read(sidecar);
        } catch (InputException e) {
            builder.problem(sidecar, e.problem());
            return speakers;
        }
        for (CsvReader.Row row : rows) {
            if (row.lineNumber() == 1 && row.get(0).strip().equalsIgnoreCase("file")) {
                continue;
            }
            String file = row.get(0).strip();
            String speaker = row.get(1).strip();
            if (file.isEmpty() || speaker.isEmpty()) {
                builder.problem(sidecar, "line " + row.lineNumber() + ": expected file,speaker[,dyad]");
                continue;
            }
            try {
                speakers.put(dir.resolve(file).toAbsolutePath().normalize(), new Speaker(speaker, row.get(2).strip()));
            } catch (java.nio.file.InvalidPathException e) {
                builder.problem(sidecar, "line " + row.lineNumber() + ": '" + ManifestLoader.printable(file)
                        + "' is not a valid file name (" + e.getReason() + ")");
            }
        }
        return speakers;
    }

    /** Sidecar entry, else the file-name prefix, else {@code fallback}. */
    static Speaker speakerFor(Path file, Map<Path, Speaker> sidecar, String fallback) {
        Speaker s = sidecar.get(file.toAbsolutePath().normalize());
        if (s != null) {
            return s;
        }
        String prefix = speakerPrefix(stem(file));
        return Speaker.of(prefix != null ? prefix : fallback);
    }

    /** The label for a raw name, or null (with the reason counted) when the options drop it. */
    static EmotionLabel labelOrNull(String raw, CorpusBuilder builder) {
        EmotionLabel label = LabelNames.normalise(raw);
        if (builder.options().drops(raw, label.name())) {
            builder.exclude("label " + raw.strip().toLowerCase(Locale.ROOT));
            return null;
        }
        return label;
    }
}
