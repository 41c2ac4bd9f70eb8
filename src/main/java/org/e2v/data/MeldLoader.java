package org.e2v.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.e2v.common.InputException;
import org.e2v.domain.EmotionLabel;
import org.e2v.domain.Speaker;
import org.e2v.domain.Split;
import org.e2v.domain.Utterance;

/**
 * Loads MELD (Sec. 3.1.2): {@code train_sent_emo.csv}, {@code dev_sent_emo.csv}, {@code test_sent_emo.csv}
 * with media {@code dia<D>_utt<U>.mp4} in {@code train_splits/}, {@code dev_splits_complete/} and
 * {@code output_repeated_splits_test/} (found up to three levels below the root; test files may carry
 * the prefix {@code final_videos_test}). The official splits become TRAIN / VALIDATION / TEST; the
 * speaker is the MELD speaker name (no groups: dyad = speaker); durations come from StartTime/EndTime.
 */
public final class MeldLoader {
    /** One official part of MELD. */
    record Part(String csv, String mediaFolder, Split split, String idPrefix) {
    }

    static final List<Part> PARTS = List.of(
            new Part("train_sent_emo.csv", "train_splits", Split.TRAIN, "train"),
            new Part("dev_sent_emo.csv", "dev_splits_complete", Split.VALIDATION, "dev"),
            new Part("test_sent_emo.csv", "output_repeated_splits_test", Split.TEST, "test"));

    /** Test media in the official archive partly carry this file-name prefix. */
    static final String TEST_PREFIX = "final_videos_test";

    private static final Map<String, EmotionLabel> EMOTIONS = Map.of(
            "neutral", EmotionLabel.NEUTRAL, "joy", EmotionLabel.HAPPY, "sadness", EmotionLabel.SAD,
            "anger", EmotionLabel.ANGRY, "surprise", LabelNames.SURPRISED, "fear", LabelNames.FEAR,
            "disgust", LabelNames.DISGUST);
    private static final Pattern TIME = Pattern.compile("^(\\d+):(\\d\\d):(\\d\\d)[,.](\\d{1,3})$");
    private static final int MEDIA_SEARCH_DEPTH = 3;

    private MeldLoader() {
    }

    static boolean looksLike(Path dir) {
        return PARTS.stream().anyMatch(p -> Files.isRegularFile(dir.resolve(p.csv())));
    }

    /** Loads the CSVs found in {@code root}; at least one of the three must exist. */
    public static LoadedCorpus load(Path root, LoaderOptions options) {
        if (!looksLike(root)) {
            throw new InputException(root, "is not a MELD folder: none of train_sent_emo.csv, dev_sent_emo.csv, "
                    + "test_sent_emo.csv found");
        }
        CorpusBuilder builder = new CorpusBuilder(root, options);
        for (Part part : PARTS) {
            Path csv = root.resolve(part.csv());
            if (!Files.isRegularFile(csv)) {
                builder.problem(csv, "missing: the " + part.split().id() + " split is empty");
                continue;
            }
            readPart(root, csv, part, builder);
        }
        return builder.build("MELD", "meld");
    }

    private static void readPart(Path root, Path csv, Part part, CorpusBuilder builder) {
        List<CsvReader.Row> rows;
        try {
            rows = CsvReader.read(csv);
        } catch (InputException e) {
            builder.problem(csv, e.problem());
            return;
        }
        if (rows.isEmpty()) {
            builder.problem(csv, "is empty");
            return;
        }
        Map<String, Integer> columns = new HashMap<>();
        CsvReader.Row header = rows.get(0);
        for (int i = 0; i < header.size(); i++) {
            columns.put(header.get(i).strip().toLowerCase(Locale.ROOT), i);
        }
        for (String needed : List.of("speaker", "emotion", "dialogue_id", "utterance_id")) {
            if (!columns.containsKey(needed)) {
                builder.problem(csv, "line 1: header has no '" + needed + "' column; file skipped");
                return;
            }
        }
        Optional<Path> mediaDir = findDirectory(root, part.mediaFolder());
        if (mediaDir.isEmpty()) {
            builder.problem(root.resolve(part.mediaFolder()), "media folder not found; all " + (rows.size() - 1)
                    + " " + part.split().id() + " utterances dropped");
            return;
        }
        for (CsvReader.Row row : rows.subList(1, rows.size())) {
            String where = "line " + row.lineNumber() + ": ";
            String dialogue = row.get(columns.get("dialogue_id")).strip();
            String utterance = row.get(columns.get("utterance_id")).strip();
            if (!dialogue.matches("\\d+") || !utterance.matches("\\d+")) {
                builder.problem(csv, where + "Dialogue_ID '" + dialogue + "' / Utterance_ID '" + utterance
                        + "' are not whole numbers; row skipped");
                continue;
            }
            String emotionText = row.get(columns.get("emotion")).strip().toLowerCase(Locale.ROOT);
            EmotionLabel label = EMOTIONS.get(emotionText);
            if (label == null) {
                builder.problem(csv, where + "unknown emotion '" + emotionText
                        + "' (expected neutral, joy, sadness, anger, surprise, fear, disgust); row skipped");
                continue;
            }
            String speakerName = row.get(columns.get("speaker")).strip();
            if (speakerName.isEmpty()) {
                builder.problem(csv, where + "no speaker; row skipped");
                continue;
            }
            if (builder.options().drops(emotionText, label.name())) {
                builder.exclude("label " + emotionText);
                continue;
            }
            String stem = "dia" + Integer.parseInt(dialogue) + "_utt" + Integer.parseInt(utterance);
            Path media = mediaDir.get().resolve(stem + ".mp4");
            if (!Files.exists(media) && part.split() == Split.TEST) {
                Path prefixed = mediaDir.get().resolve(TEST_PREFIX + stem + ".mp4");
                if (Files.exists(prefixed)) {
                    media = prefixed;
                }
            }
            if (!builder.mediaUsable(media)) {
                continue;
            }
            Double duration = duration(row, columns);
            builder.add(new Utterance(part.idPrefix() + "_" + stem, media, null, Speaker.of(speakerName), label,
                    part.split(), Double.NaN), csv, duration);
        }
    }

    /** EndTime - StartTime in seconds, or null when either is missing or the range is empty. */
    private static Double duration(CsvReader.Row row, Map<String, Integer> columns) {
        Integer s = columns.get("starttime");
        Integer e = columns.get("endtime");
        if (s == null || e == null) {
            return null;
        }
        double start = parseTime(row.get(s));
        double end = parseTime(row.get(e));
        return Double.isNaN(start) || Double.isNaN(end) || end <= start ? null : end - start;
    }

    /** "00:16:16,059" -> 976.059 s; NaN when the text is not such a time. */
    static double parseTime(String text) {
        Matcher m = TIME.matcher(text.strip());
        if (!m.matches()) {
            return Double.NaN;
        }
        String millis = (m.group(4) + "00").substring(0, 3);
        return Integer.parseInt(m.group(1)) * 3600.0 + Integer.parseInt(m.group(2)) * 60.0
                + Integer.parseInt(m.group(3)) + Integer.parseInt(millis) / 1000.0;
    }

    private static Optional<Path> findDirectory(Path root, String name) {
        try (Stream<Path> s = Files.find(root, MEDIA_SEARCH_DEPTH,
                (p, a) -> a.isDirectory() && p.getFileName() != null && p.getFileName().toString().equals(name))) {
            return s.sorted().findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
