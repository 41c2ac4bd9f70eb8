package org.e2v.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.e2v.common.AtomicFiles;
import org.e2v.common.Csv;
import org.e2v.common.E2vException;
import org.e2v.common.InputException;
import org.e2v.domain.Corpus;
import org.e2v.domain.EmotionLabel;
import org.e2v.domain.Speaker;
import org.e2v.domain.Split;
import org.e2v.domain.Utterance;

/**
 * Where a new recording goes and how it stays in its corpus (docs/decisions/0073):
 * <ul>
 *   <li>a manifest corpus in a writable folder of the user's: the WAV goes to
 *       {@code <manifest folder>/recordings/<name>.wav} and a row is appended to that manifest;</li>
 *   <li>a label-folder corpus of the user's: the WAV goes to {@code <root>/<label folder>/<name>.wav}
 *       (where the folder loader finds it) and its speaker is appended to {@code speakers.csv};
 *       folder corpora have no splits;</li>
 *   <li>anything else (the shipped demo corpus, IEMOCAP, MELD, a read-only folder, no corpus): the
 *       WAV goes to {@code <user dir>/recordings/<name>.wav}, listed in the manifest next to it.</li>
 * </ul>
 * Every file is replaced atomically ({@link AtomicFiles}), so a crash leaves the old manifest or the
 * new one. Runs on the caller's thread; nothing here touches the shipped resources folder.
 */
public final class RecordingStore {
    /** Recording names become file names and ids: letters, digits, '-', '_' and '.', not leading '.'. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}");
    /** Columns of a manifest this class creates. */
    static final String NEW_MANIFEST_HEADER = "path,speaker,label,split,id";
    private static final List<String> POSITIONAL = List.of("path", "speaker", "label", "split", "confidence");

    /** How a recording joins its corpus. */
    public enum Kind {
        /** Row appended to the open corpus's manifest. */
        CORPUS_MANIFEST,
        /** File placed in the open label-folder corpus; speaker in its speakers.csv. */
        CORPUS_FOLDER,
        /** The user's own recordings manifest; the open corpus is not written to. */
        USER_RECORDINGS
    }

    /**
     * Where one recording will be written.
     *
     * @param kind     how it joins the corpus
     * @param wavFile  the WAV file to write
     * @param listFile the manifest (or speakers.csv for {@link Kind#CORPUS_FOLDER}) that gets a row
     * @param reason   why the recording goes to the user's recordings rather than the open corpus
     *                 (null for the corpus kinds), in plain words
     */
    public record Target(Kind kind, Path wavFile, Path listFile, String reason) {
        /** Whether the open corpus itself is changed on disk. */
        public boolean intoOpenCorpus() {
            return kind != Kind.USER_RECORDINGS;
        }

        /** Whether the recording's split is kept (label-folder corpora have none). */
        public boolean keepsSplit() {
            return kind != Kind.CORPUS_FOLDER;
        }
    }

    private RecordingStore() {
    }

    /**
     * A recording written to {@code wavFile} and listed in {@code manifest} (created with a header on
     * first use), as {@code e2v record --label} does with the manifest next to its output.
     */
    public static Target intoManifest(Path wavFile, Path manifest) {
        checkName(wavFile.getFileName().toString());
        return new Target(Kind.CORPUS_MANIFEST, wavFile, manifest, null);
    }

    /** The folder for recordings that cannot go into the open corpus: {@code <userDir>/recordings}. */
    public static Path userRecordings(Path userDir) {
        return userDir.resolve("recordings");
    }

    /**
     * Checks a recording name (it becomes the file name and the utterance id).
     *
     * @return the stripped name
     * @throws E2vException naming the allowed characters
     */
    public static String checkName(String name) {
        String n = name == null ? "" : name.strip();
        if (n.toLowerCase(Locale.ROOT).endsWith(".wav")) {
            n = n.substring(0, n.length() - 4);
        }
        if (!NAME.matcher(n).matches()) {
            throw new E2vException("the recording name '" + n + "' is not usable as a file name: use letters, "
                    + "digits, '-', '_' and '.' (up to 100, not starting with '.')");
        }
        return n;
    }

    /**
     * Decides where a recording named {@code name} with {@code label} goes.
     *
     * @param open         the open corpus, or null
     * @param resourcesDir the shipped resources folder (never written to)
     * @param userDir      the user's e2v folder
     * @throws E2vException when the name is unusable, already an utterance of {@code open}, or its file exists
     */
    public static Target plan(Corpus open, Path resourcesDir, Path userDir, String name, EmotionLabel label) {
        String n = checkName(name);
        if (open != null && open.utterances().stream().anyMatch(u -> u.id().equals(n))) {
            throw new E2vException("the corpus already has an utterance named '" + n + "'; choose another name");
        }
        Target t = ownTarget(open, resourcesDir, n, label).orElseGet(() -> {
            Path dir = userRecordings(userDir);
            return new Target(Kind.USER_RECORDINGS, dir.resolve(n + ".wav"), dir.resolve(ManifestLoader.DEFAULT_NAME),
                    whyNotIntoCorpus(open, resourcesDir));
        });
        if (Files.exists(t.wavFile())) {
            throw new E2vException(t.wavFile() + " already exists; choose another name");
        }
        return t;
    }

    private static Optional<Target> ownTarget(Corpus open, Path resourcesDir, String name, EmotionLabel label) {
        if (open == null || open.root() == null || isUnder(open.root(), resourcesDir)) {
            return Optional.empty();
        }
        Path root = open.root().toAbsolutePath().normalize();
        if (open.format().equals("manifest") && Files.isRegularFile(root) && Files.isWritable(root)
                && Files.isWritable(root.getParent())) {
            return Optional.of(new Target(Kind.CORPUS_MANIFEST, root.getParent().resolve("recordings").resolve(name + ".wav"),
                    root, null));
        }
        if (open.format().equals("folder") && Files.isDirectory(root) && Files.isWritable(root)) {
            Path labelDir = labelFolder(root, label);
            if (Files.exists(labelDir) && !Files.isWritable(labelDir)) {
                return Optional.empty();
            }
            return Optional.of(new Target(Kind.CORPUS_FOLDER, labelDir.resolve(name + ".wav"),
                    root.resolve(GenericLoaders.SPEAKERS_SIDECAR), null));
        }
        return Optional.empty();
    }

    private static String whyNotIntoCorpus(Corpus open, Path resourcesDir) {
        if (open == null) {
            return "no corpus is open";
        }
        if (open.root() != null && isUnder(open.root(), resourcesDir)) {
            return "the " + open.name() + " corpus is shipped with e2v and is not changed";
        }
        return switch (open.format()) {
            case "manifest", "folder" -> open.root() != null && !Files.isWritable(open.root())
                    ? "the files of the " + open.name() + " corpus are not writable"
                    : "e2v could not add a file to the " + open.name() + " corpus's folder";
            default -> open.format().toUpperCase(Locale.ROOT) + " corpora are kept as released";
        };
    }

    /** The existing subfolder that the folder loader reads as {@code label}, else {@code root/<label>}. */
    static Path labelFolder(Path root, EmotionLabel label) {
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(Files::isDirectory).filter(p -> !GenericLoaders.isHidden(p))
                    .filter(p -> LabelNames.normalise(p.getFileName().toString()).equals(label))
                    .sorted().findFirst().orElse(root.resolve(label.name()));
        } catch (IOException e) {
            throw new InputException(root, "could not be listed: " + e.getMessage(), e);
        }
    }

    private static boolean isUnder(Path path, Path dir) {
        if (dir == null) {
            return false;
        }
        Path p = real(path);
        Path d = real(dir);
        return p.startsWith(d);
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    /**
     * Lists the recording, whose WAV {@code target.wavFile()} has been written, in its corpus: appends
     * a manifest row (creating the user's recordings manifest on first use) or a speakers.csv row.
     *
     * @return the utterance as the corpus loader will read it back
     */
    public static Utterance list(Target target, Speaker speaker, EmotionLabel label, Split split) {
        Path wav = target.wavFile().toAbsolutePath().normalize();
        String id = stem(wav);
        Split kept = target.keepsSplit() ? split : Split.UNASSIGNED;
        Path list = target.listFile();
        String existing = read(list);
        Path base = list.toAbsolutePath().getParent();
        String rel = base.relativize(wav).toString().replace('\\', '/');
        String row;
        if (target.kind() == Kind.CORPUS_FOLDER) {
            row = existing.isEmpty() ? "file,speaker,dyad" + System.lineSeparator() : "";
            row += Csv.field(rel) + "," + Csv.field(speaker.id()) + "," + Csv.field(speaker.dyad());
        } else {
            List<String> columns = manifestColumns(existing, list);
            row = existing.isEmpty() ? NEW_MANIFEST_HEADER + System.lineSeparator() : "";
            if (existing.isEmpty()) {
                columns = List.of(NEW_MANIFEST_HEADER.split(","));
            }
            List<String> fields = new ArrayList<>();
            for (String c : columns) {
                fields.add(Csv.field(switch (c) {
                    case "path" -> rel;
                    case "speaker" -> speaker.id();
                    case "dyad" -> speaker.dyad();
                    case "label" -> label.name();
                    case "split" -> kept == Split.UNASSIGNED ? "" : kept.id();
                    case "id" -> id;
                    default -> "";
                }));
            }
            row += String.join(",", fields);
        }
        String separator = existing.contains("\r\n") ? "\r\n" : "\n";
        String text = existing.isEmpty() || existing.endsWith("\n") || existing.endsWith("\r")
                ? existing + row + separator
                : existing + separator + row + separator;
        AtomicFiles.writeString(list, text);
        return new Utterance(id, wav, null, speaker, label, kept, Double.NaN);
    }

    /** The manifest's columns: its header's, or the positional ones. */
    private static List<String> manifestColumns(String text, Path file) {
        if (text.isEmpty()) {
            return POSITIONAL;
        }
        List<CsvReader.Row> rows = CsvReader.read(file);
        if (!rows.isEmpty() && rows.get(0).get(0).strip().equalsIgnoreCase("path")) {
            return rows.get(0).fields().stream().map(f -> f.strip().toLowerCase(Locale.ROOT)).toList();
        }
        return POSITIONAL.subList(0, 4);
    }

    private static String read(Path file) {
        if (!Files.exists(file)) {
            return "";
        }
        try {
            String s = Files.readString(file, StandardCharsets.UTF_8);
            return s.isBlank() ? "" : s;
        } catch (IOException e) {
            throw new InputException(file, "could not be read: " + e.getMessage(), e);
        }
    }


    private static String stem(Path file) {
        String n = file.getFileName().toString();
        return n.substring(0, n.length() - ".wav".length());
    }
}
