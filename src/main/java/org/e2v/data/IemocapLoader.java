package org.e2v.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.e2v.common.InputException;
import org.e2v.domain.EmotionLabel;
import org.e2v.domain.Speaker;
import org.e2v.domain.Split;
import org.e2v.domain.Utterance;

/**
 * Loads IEMOCAP_full_release (Sec. 3.1.1): labels from {@code Session*}/dialog/EmoEvaluation/*.txt,
 * audio from {@code Session*}/sentences/wav/&lt;dialog&gt;/&lt;utterance&gt;.wav.
 *
 * <p>Each utterance's final label is the code on its summary line; "exc" becomes happy when
 * {@link LoaderOptions#mergeExcitedIntoHappy()}. Its confidence is the agreement ratio of Sec. 5.4:
 * the share of categorical evaluators ({@code C-E*} lines; the actors' own {@code C-F*}/{@code C-M*}
 * self-ratings do not count) whose label list contains the final label. The speaker is the session
 * plus the gender letter of the id's last field ({@code Ses01F_impro01_M003} is speaker Ses01M);
 * the dyad is the session.
 */
public final class IemocapLoader {
    /** The summary codes IEMOCAP uses. */
    static final Set<String> CODES = Set.of("neu", "hap", "exc", "sad", "ang", "fru", "sur", "fea", "dis", "oth", "xxx");

    private static final Pattern SUMMARY = Pattern.compile(
            "^\\[\\s*(\\d+(?:\\.\\d+)?)\\s*-\\s*(\\d+(?:\\.\\d+)?)\\s*]\\s+(\\S+)\\s+(\\S+)\\s+\\[.*]\\s*$");
    private static final Pattern RATER = Pattern.compile("^([CA])-([A-Z]+\\d*):\\s*(.*)$");
    private static final Pattern UTTERANCE_ID = Pattern.compile("^(Ses\\d\\d)[FM]_.+_([FM])\\d+$");

    private IemocapLoader() {
    }

    /** True when {@code dir} looks like IEMOCAP_full_release (has Session folders with EmoEvaluation). */
    static boolean looksLike(Path dir) {
        return !sessionDirs(dir).isEmpty();
    }

    /** Loads the corpus under {@code root} (IEMOCAP_full_release, or a folder containing it). */
    public static LoadedCorpus load(Path root, LoaderOptions options) {
        Path release = root;
        if (sessionDirs(release).isEmpty() && Files.isDirectory(root.resolve("IEMOCAP_full_release"))) {
            release = root.resolve("IEMOCAP_full_release");
        }
        List<Path> sessions = sessionDirs(release);
        if (sessions.isEmpty()) {
            throw new InputException(root, "is not an IEMOCAP release: no Session*/dialog/EmoEvaluation folders found");
        }
        CorpusBuilder builder = new CorpusBuilder(release, options);
        for (Path session : sessions) {
            for (Path labelFile : labelFiles(session.resolve("dialog").resolve("EmoEvaluation"), builder)) {
                readLabelFile(session, labelFile, builder);
            }
        }
        return builder.build("IEMOCAP", "iemocap");
    }

    private static List<Path> sessionDirs(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("Session\\d+"))
                    .filter(p -> Files.isDirectory(p.resolve("dialog").resolve("EmoEvaluation")))
                    .sorted().toList();
        } catch (IOException e) {
            throw new InputException(dir, "could not be listed: " + e.getMessage(), e);
        }
    }

    private static List<Path> labelFiles(Path evalDir, CorpusBuilder builder) {
        try (Stream<Path> s = Files.list(evalDir)) {
            // macOS leaves "._<name>" AppleDouble files next to every file of a copied release: binary, skip.
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".txt"))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            builder.problem(evalDir, "could not be listed: " + e.getMessage());
            return List.of();
        }
    }

    private static void readLabelFile(Path session, Path labelFile, CorpusBuilder builder) {
        List<String> lines;
        try {
            // The release is ASCII; Latin-1 decodes any byte, so a stray byte cannot abort the file.
            lines = Files.readAllLines(labelFile, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            builder.problem(labelFile, "could not be read: " + e.getMessage());
            return;
        }
        String dialog = labelFile.getFileName().toString().replaceFirst("\\.txt$", "");
        Block block = null;
        for (int i = 0; i < lines.size(); i++) {
            int lineNumber = i + 1;
            String line = lines.get(i).replace("\uFEFF", "");
            String stripped = line.strip();
            if (stripped.startsWith("%")) {
                continue;
            }
            if (stripped.isEmpty()) {
                finish(block, session, dialog, labelFile, builder);
                block = null;
                continue;
            }
            if (stripped.startsWith("[")) {
                finish(block, session, dialog, labelFile, builder);
                block = null;
                Matcher m = SUMMARY.matcher(stripped);
                if (!m.matches()) {
                    builder.problem(labelFile, "line " + lineNumber + ": malformed summary line '" + stripped + "'");
                    continue;
                }
                block = new Block(lineNumber, m.group(3), m.group(4).toLowerCase(Locale.ROOT));
                continue;
            }
            Matcher r = RATER.matcher(stripped);
            if (!r.matches()) {
                builder.problem(labelFile, "line " + lineNumber + ": unrecognised line '" + stripped + "'");
                continue;
            }
            if (block == null) {
                builder.problem(labelFile, "line " + lineNumber + ": rater line outside an utterance block");
                continue;
            }
            // Only categorical evaluators (C-E1, C-E2, ...) count; C-F1/C-M1 are the actors rating themselves,
            // A-* lines are valence/activation/dominance attributes.
            if (r.group(1).equals("C") && r.group(2).startsWith("E")) {
                String categories = r.group(3).split("\t", -1)[0];
                block.evaluators.put(r.group(2), raterLabels(categories, builder.options()));
            }
        }
        finish(block, session, dialog, labelFile, builder);
    }

    /** The labels of one rater line: "Frustration; Anger;" votes for both. */
    static Set<String> raterLabels(String categories, LoaderOptions options) {
        Set<String> labels = new LinkedHashSet<>();
        for (String token : categories.split(";")) {
            String word = token.strip();
            int colon = word.indexOf(':');
            if (colon >= 0) {
                word = word.substring(0, colon).strip();
            }
            if (word.isEmpty()) {
                continue;
            }
            labels.add(mapped(word, options).map(EmotionLabel::name).orElse(word.toLowerCase(Locale.ROOT)));
        }
        return labels;
    }

    private static java.util.Optional<EmotionLabel> mapped(String word, LoaderOptions options) {
        return LabelNames.canonical(word)
                .map(l -> options.mergeExcitedIntoHappy() && l.equals(LabelNames.EXCITED) ? EmotionLabel.HAPPY : l);
    }

    private static void finish(Block block, Path session, String dialog, Path labelFile, CorpusBuilder builder) {
        if (block == null) {
            return;
        }
        String where = "line " + block.line + ": ";
        if (!CODES.contains(block.code)) {
            builder.problem(labelFile, where + "unknown emotion code '" + block.code + "' for " + block.id
                    + " (expected one of neu hap exc sad ang fru sur fea dis oth xxx)");
            return;
        }
        EmotionLabel label = mapped(block.code, builder.options()).orElse(null);
        if (builder.options().drops(block.code, label == null ? null : label.name())) {
            builder.exclude("label " + block.code);
            return;
        }
        if (label == null) {
            builder.problem(labelFile, where + "code '" + block.code + "' has no label; add it to the drop list");
            return;
        }
        Matcher id = UTTERANCE_ID.matcher(block.id);
        if (!id.matches()) {
            builder.problem(labelFile, where + "utterance id '" + block.id
                    + "' is not of the form SesNN[F|M]_<dialog>_[F|M]NNN");
            return;
        }
        if (!block.id.startsWith(dialog + "_")) {
            builder.problem(labelFile, where + "utterance " + block.id + " does not belong to dialog " + dialog);
            return;
        }
        Path wav = session.resolve("sentences").resolve("wav").resolve(dialog).resolve(block.id + ".wav");
        if (!builder.mediaUsable(wav)) {
            return;
        }
        String sessionId = id.group(1);
        Speaker speaker = new Speaker(sessionId + id.group(2), sessionId);
        double confidence = Double.NaN;
        if (!block.evaluators.isEmpty()) {
            long votes = block.evaluators.values().stream().filter(s -> s.contains(label.name())).count();
            confidence = votes / (double) block.evaluators.size();
        }
        builder.add(new Utterance(block.id, wav, null, speaker, label, Split.UNASSIGNED, confidence), labelFile, null);
    }

    private static final class Block {
        final int line;
        final String id;
        final String code;
        final Map<String, Set<String>> evaluators = new LinkedHashMap<>();

        Block(int line, String id, String code) {
            this.line = line;
            this.id = id;
            this.code = code;
        }
    }
}
