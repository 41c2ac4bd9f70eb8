package org.e2v.experiment.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.e2v.common.AtomicFiles;
import org.e2v.common.InputException;

/**
 * Reads, checks and writes task files (YAML or JSON, by extension; YAML is a superset of JSON,
 * so unknown extensions are read as YAML). Unknown keys and wrong types are errors that name the
 * key's path, never silently ignored.
 */
public final class TaskFiles {
    private static final ObjectMapper YAML = configure(new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)));
    private static final ObjectMapper JSON = configure(new ObjectMapper()).enable(SerializationFeature.INDENT_OUTPUT);

    private TaskFiles() {
    }

    private static ObjectMapper configure(ObjectMapper m) {
        return m.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    /** Loads and checks a task file; every problem is reported in one message naming the file. */
    public static TaskSpec load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InputException(file, Files.isDirectory(file) ? "is a directory, not a task file" : "task file does not exist");
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new InputException(file, "is not valid UTF-8 text; save the task file as UTF-8", e);
        } catch (IOException e) {
            throw new InputException(file, "could not be read: " + e.getMessage(), e);
        }
        if (text.isBlank()) {
            throw new InputException(file, "task file is empty");
        }
        TaskSpec spec = parse(file, text);
        List<String> problems = validate(spec);
        if (!problems.isEmpty()) {
            throw new InputException(file, "invalid task: " + String.join("; ", problems));
        }
        return spec;
    }

    /** Parses text without semantic checks (used by {@link #load} and by tests). */
    public static TaskSpec parse(Path file, String text) {
        ObjectMapper mapper = isJson(file) ? JSON : YAML;
        try {
            TaskSpec spec = mapper.readValue(text, TaskSpec.class);
            if (spec == null) {
                throw new InputException(file, "task file is empty");
            }
            return spec;
        } catch (UnrecognizedPropertyException e) {
            String where = path(e);
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw new InputException(file, "unknown key '" + e.getPropertyName() + "'"
                    + (where.isEmpty() ? "" : " in " + where) + line(e) + " (known keys: " + known + ")", e);
        } catch (InvalidFormatException e) {
            throw new InputException(file, "wrong value " + quote(e.getValue()) + " for '" + path(e) + "'" + line(e)
                    + ": expected " + typeName(e.getTargetType()), e);
        } catch (MismatchedInputException e) {
            throw new InputException(file, "wrong type for '" + path(e) + "'" + line(e) + ": expected "
                    + typeName(e.getTargetType()), e);
        } catch (JsonMappingException e) {
            throw new InputException(file, "invalid value for '" + path(e) + "'" + line(e) + ": " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new InputException(file, "is not valid " + (isJson(file) ? "JSON" : "YAML") + line(e) + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Semantic checks that need no corpus: names, ranges, margin signs. Empty when all is well. */
    public static List<String> validate(TaskSpec t) {
        List<String> p = new ArrayList<>();
        if (!CorpusRef.FORMATS.contains(t.corpus().format())) {
            p.add("corpus.format '" + t.corpus().format() + "' is not one of " + CorpusRef.FORMATS);
        }
        String ex = t.features().extractor();
        if (!(ex.equals("emobase") || ex.equals("mfcc") || ex.equals("logmel") || ex.startsWith("npy:"))) {
            p.add("features.extractor '" + ex + "' is not one of emobase, mfcc, logmel, npy:<dir>");
        }
        if (!List.of("none", "utterance", "speaker").contains(t.features().normalization())) {
            p.add("features.normalization '" + t.features().normalization() + "' is not one of none, utterance, speaker");
        }
        if (t.features().maxFrames() < 0) {
            p.add("features.max_frames must be >= 0");
        }
        if (!List.of("corpus", "loso", "lodo").contains(t.splits().scheme())) {
            p.add("splits.scheme '" + t.splits().scheme() + "' is not one of corpus, loso, lodo");
        }
        if (t.splits().folds() < 0) {
            p.add("splits.folds must be >= 0");
        }
        if (!(t.splits().validationFraction() > 0 && t.splits().validationFraction() < 1)) {
            p.add("splits.validation_fraction must be in (0, 1)");
        }
        PretrainSpec pre = t.pretrain();
        if (pre.classes().size() < 2) {
            p.add("pretrain.classes needs at least 2 classes");
        }
        duplicates(pre.classes(), "pretrain.classes", p);
        EncoderSettings enc = pre.encoder();
        if (!EncoderSettings.TYPES.contains(enc.type())) {
            p.add("pretrain.encoder.type '" + enc.type() + "' is not one of " + EncoderSettings.TYPES);
        }
        positive(enc.gruHidden(), "pretrain.encoder.gru_hidden", p);
        positive(enc.modelDim(), "pretrain.encoder.model_dim", p);
        positive(enc.layers(), "pretrain.encoder.layers", p);
        positive(enc.heads(), "pretrain.encoder.heads", p);
        positive(enc.ffDim(), "pretrain.encoder.ff_dim", p);
        if (enc.heads() > 0 && enc.modelDim() % enc.heads() != 0) {
            p.add("pretrain.encoder.model_dim (" + enc.modelDim() + ") must be divisible by heads (" + enc.heads() + ")");
        }
        if (!(enc.dropout() >= 0 && enc.dropout() < 1)) {
            p.add("pretrain.encoder.dropout must be in [0, 1)");
        }
        p.addAll(lossProblems(pre.loss(), "pretrain.loss"));
        TrainingSettings tr = pre.training();
        positive(tr.epochs(), "pretrain.training.epochs", p);
        if (!(tr.learningRate() > 0)) {
            p.add("pretrain.training.learning_rate must be > 0");
        }
        if (!(tr.lrStepFactor() > 0 && tr.lrStepFactor() <= 1)) {
            p.add("pretrain.training.lr_step_factor must be in (0, 1]");
        }
        if (tr.perClass() < 2) {
            p.add("pretrain.training.per_class must be >= 2 (one query plus at least one centroid sample, Eq. (2))");
        }
        if (tr.episodesPerEpoch() < 0 || tr.earlyStopping() < 0 || tr.lrStepEpochs() < 0) {
            p.add("pretrain.training episodes_per_epoch, early_stopping and lr_step_epochs must be >= 0");
        }
        positive(tr.checkpointEvery(), "pretrain.training.checkpoint_every", p);
        NewTaskSpec task = t.task();
        if (task.classes().size() < 2) {
            p.add("task.classes needs at least 2 classes");
        }
        duplicates(task.classes(), "task.classes", p);
        splitName(task.enrollSplit(), "task.enroll_split", p);
        splitName(task.querySplit(), "task.query_split", p);
        positive(task.enrollCount(), "task.enroll_count", p);
        positive(task.repeats(), "task.repeats", p);
        if (!(task.minConfidence() >= 0 && task.minConfidence() <= 1)) {
            p.add("task.min_confidence must be in [0, 1]");
        }
        if (task.threshold() != null && !(task.threshold() >= 0 && task.threshold() <= 2)) {
            p.add("task.threshold must be a cosine distance in [0, 2]");
        }
        AnalysesSpec a = t.analyses();
        for (Double m : a.marginSweep()) {
            if (m == null || !(m >= -1 && m <= 1)) {
                p.add("analyses.margin_sweep value " + m + " must be in [-1, 1]");
            }
        }
        for (Integer n : a.enrollmentCurve()) {
            if (n == null || n < 1) {
                p.add("analyses.enrollment_curve counts must be >= 1, got " + n);
            }
        }
        positive(a.enrollmentDraws(), "analyses.enrollment_draws", p);
        for (String loss : a.lossComparison()) {
            if (!org.e2v.model.LossSpec.NAMES.contains(loss)) {
                p.add("analyses.loss_comparison '" + loss + "' is not one of " + org.e2v.model.LossSpec.NAMES);
            }
        }
        for (String e : a.encoderComparison()) {
            if (!EncoderSettings.TYPES.contains(e)) {
                p.add("analyses.encoder_comparison '" + e + "' is not one of " + EncoderSettings.TYPES);
            }
        }
        for (String pair : a.taskPairs()) {
            if (pair.split(",").length < 2) {
                p.add("analyses.task_pairs entry '" + pair + "' must list at least two classes separated by commas");
            }
        }
        for (String set : a.pretrainClasses()) {
            if (set.split(",").length < 2) {
                p.add("analyses.pretrain_classes entry '" + set + "' must list at least two classes separated by commas");
            }
        }
        return p;
    }

    /** Checks of a loss: the margin sign each name implies and its range. */
    public static List<String> lossProblems(LossSettings loss, String where) {
        List<String> p = new ArrayList<>();
        if (!org.e2v.model.LossSpec.NAMES.contains(loss.name())) {
            p.add(where + ".name '" + loss.name() + "' is not one of " + org.e2v.model.LossSpec.NAMES);
            return p;
        }
        if (!List.of("paper", "cosface").contains(loss.convention())) {
            p.add(where + ".convention '" + loss.convention() + "' is not one of paper, cosface");
        }
        double m = loss.margin();
        if (!(m >= -1 && m <= 1)) {
            p.add(where + ".margin " + m + " is out of range [-1, 1]");
        }
        switch (loss.name()) {
            case "namp" -> {
                if (!(m < 0)) {
                    p.add(where + ".margin must be negative for namp (got " + m + "; use amproto for m > 0, aproto for m = 0)");
                }
            }
            case "amproto" -> {
                if (!(m > 0)) {
                    p.add(where + ".margin must be positive for amproto (got " + m + ")");
                }
            }
            case "aproto" -> {
                if (m != 0) {
                    p.add(where + ".margin must be 0 for aproto (got " + m + "; use namp or amproto)");
                }
            }
            case "triplet" -> {
                if (!(m > 0)) {
                    p.add(where + ".margin (the triplet margin) must be positive");
                }
            }
            default -> { }
        }
        if (loss.learnableMargin() && !(loss.marginMin() <= m && m <= loss.marginMax())) {
            p.add(where + ": a learnable margin must start inside [margin_min, margin_max]");
        }
        return p;
    }

    /** Writes the task (YAML unless the name ends in .json) atomically. */
    public static void save(TaskSpec spec, Path file) {
        AtomicFiles.writeString(file, toText(spec, isJson(file)));
    }

    public static String toText(TaskSpec spec, boolean json) {
        try {
            return (json ? JSON : YAML).writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("task could not be serialised: " + e.getMessage(), e);
        }
    }

    /** The task as plain maps and lists (for provenance files), keys as in task files. */
    @SuppressWarnings("unchecked")
    public static java.util.Map<String, Object> toMap(TaskSpec spec) {
        return JSON.convertValue(spec, java.util.Map.class);
    }

    private static boolean isJson(Path file) {
        return file != null && file.getFileName() != null
                && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    }

    private static void positive(Integer v, String name, List<String> p) {
        if (v == null || v < 1) {
            p.add(name + " must be >= 1, got " + v);
        }
    }

    private static void duplicates(List<String> values, String name, List<String> p) {
        if (values.stream().map(s -> s.toLowerCase(Locale.ROOT)).distinct().count() != values.size()) {
            p.add(name + " lists a class twice: " + values);
        }
    }

    private static void splitName(String v, String name, List<String> p) {
        if (!List.of("train", "validation", "dev", "test").contains(v)) {
            p.add(name + " '" + v + "' is not one of train, validation, test");
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        String s = sb.toString();
        if (e instanceof UnrecognizedPropertyException u && s.endsWith(u.getPropertyName())) {
            s = s.substring(0, Math.max(0, s.length() - u.getPropertyName().length() - 1));
        }
        return s;
    }

    private static String line(JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        return loc == null || loc.getLineNr() < 1 ? "" : " (near line " + loc.getLineNr() + ")";
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "text";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a section (key: value pairs)";
    }

    private static String quote(Object v) {
        return v instanceof String s ? "'" + s + "'" : String.valueOf(v);
    }
}
