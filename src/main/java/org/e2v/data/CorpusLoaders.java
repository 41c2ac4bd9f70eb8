package org.e2v.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.e2v.common.InputException;
import org.e2v.domain.Corpus;

/**
 * Entry point for loading a corpus in any supported format (docs/data-formats.md).
 *
 * <p>Problems with single files (missing audio, unreadable files, unknown labels, malformed lines) are
 * reported in {@link Corpus#problems()}; only a corpus with no usable utterance at all is an
 * {@link InputException}.
 */
public final class CorpusLoaders {
    /** Accepted format names; "auto" detects one of the others. */
    public static final List<String> FORMATS = List.of("auto", "folder", "manifest", "iemocap", "meld", "audacity");

    private CorpusLoaders() {
    }

    /** Loads {@code root} in {@code format} ("auto" detects it). */
    public static Corpus load(Path root, String format, LoaderOptions options) {
        return loadDetailed(root, format, options).corpus();
    }

    /** Like {@link #load} but also returns exclusion counts and declared durations. */
    public static LoadedCorpus loadDetailed(Path root, String format, LoaderOptions options) {
        if (root == null || !Files.exists(root)) {
            throw new InputException(root, "does not exist");
        }
        String chosen = format == null ? "auto" : format.strip().toLowerCase(Locale.ROOT);
        if (chosen.equals("auto")) {
            chosen = detect(root);
        }
        LoaderOptions opts = options == null ? LoaderOptions.defaults() : options;
        return switch (chosen) {
            case "iemocap" -> IemocapLoader.load(root, opts);
            case "meld" -> MeldLoader.load(root, opts);
            case "manifest" -> ManifestLoader.load(root, opts);
            case "folder" -> FolderLoader.load(root, opts);
            case "audacity" -> AudacityLoader.load(root, opts);
            default -> throw new InputException(root, "unknown corpus format '" + format + "' (expected one of "
                    + String.join(", ", FORMATS) + ")");
        };
    }

    /**
     * Guesses the format: a .csv file is a manifest; a folder is IEMOCAP (Session*\/dialog/EmoEvaluation,
     * also one level down in IEMOCAP_full_release), MELD (*_sent_emo.csv), a manifest (manifest.csv),
     * Audacity (label .txt next to a recording of the same name) or label folders, checked in that order.
     */
    public static String detect(Path root) {
        if (Files.isRegularFile(root)) {
            String name = root.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".csv")) {
                return "manifest";
            }
            if (name.endsWith(".txt") && AudacityLoader.audioFor(root).isPresent()) {
                return "audacity";
            }
            throw new InputException(root, "cannot tell the corpus format of this file (expected a manifest .csv "
                    + "or an Audacity label .txt next to its recording); pass --format");
        }
        if (IemocapLoader.looksLike(root) || IemocapLoader.looksLike(root.resolve("IEMOCAP_full_release"))) {
            return "iemocap";
        }
        if (MeldLoader.looksLike(root)) {
            return "meld";
        }
        if (Files.isRegularFile(root.resolve(ManifestLoader.DEFAULT_NAME))) {
            return "manifest";
        }
        if (AudacityLoader.looksLike(root)) {
            return "audacity";
        }
        if (FolderLoader.looksLike(root)) {
            return "folder";
        }
        throw new InputException(root, "cannot tell the corpus format: no IEMOCAP sessions, MELD CSVs, manifest.csv, "
                + "Audacity label files or label folders with audio found; pass --format");
    }
}
