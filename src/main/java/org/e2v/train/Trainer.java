package org.e2v.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.e2v.common.AtomicFiles;
import org.e2v.common.CancellationToken;
import org.e2v.common.InputException;
import org.e2v.domain.FeatureMatrix;
import org.e2v.model.EncoderModel;
import org.e2v.model.ModelProvenance;
import org.e2v.model.StepResult;
import org.e2v.model.loss.Losses;

/**
 * The synchronous trainer: episodic batches, Adamax with a step schedule, validation UAR every
 * epoch, the best epoch kept, resumable checkpoints, cooperative cancellation, and a clean stop
 * on a non-finite loss. It owns its SameDiff model on the calling thread for its whole life.
 */
public final class Trainer {
    /** Model file of the best validation epoch. */
    public static final String BEST_MODEL = "best.e2vm";
    /** Trainer state pointing at the newest complete checkpoint model. */
    public static final String STATE_FILE = "checkpoint.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Trains (or resumes, when {@code dir} holds a checkpoint and {@code resume} is set).
     *
     * @param job      what to train on
     * @param dir      folder for checkpoints and the best model (created)
     * @param resume   continue from the checkpoint in {@code dir}
     * @param listener progress receiver
     * @param cancel   checked between steps
     */
    public TrainingResult train(TrainingJob job, Path dir, boolean resume, TrainingListener listener,
                                CancellationToken cancel) {
        long started = System.currentTimeMillis();
        TrainingSpec spec = job.training();
        List<int[]> byClass = job.indicesByClass();
        int k = job.classes().size();
        int stepsPerEpoch = spec.episodesPerEpoch() > 0 ? spec.episodesPerEpoch()
                : Math.max(1, (int) Math.ceil(job.train().size() / (double) (k * spec.perClass())));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new InputException(dir, "could not be created: " + e.getMessage(), e);
        }
        TrainerState state;
        EncoderModel model;
        if (resume && Files.exists(dir.resolve(STATE_FILE))) {
            state = readState(dir);
            TrainingResult finished = finishedEarlier(dir, spec, state, started);
            if (finished != null) {
                listener.onMessage("already trained (" + finished.message() + "); kept as it is");
                return finished;
            }
            model = EncoderModel.load(dir.resolve(state.checkpointModel()), Losses.create(job.loss())).model();
            checkCompatible(job, model, dir.resolve(state.checkpointModel()));
            listener.onMessage("resumed from epoch " + (state.epoch() + 1) + ", step " + state.step());
        } else {
            state = TrainerState.fresh();
            model = EncoderModel.create(job.encoder(), job.inputDims(), job.classes(), job.loss(),
                    Losses.create(job.loss()), spec.initSeed());
        }
        try (EncoderModel m = model) {
            return run(job, dir, m, state, byClass, stepsPerEpoch, listener, cancel, started);
        }
    }

    private TrainingResult run(TrainingJob job, Path dir, EncoderModel model, TrainerState state, List<int[]> byClass,
                               int stepsPerEpoch, TrainingListener listener, CancellationToken cancel, long started) {
        TrainingSpec spec = job.training();
        int k = job.classes().size();
        List<EpochProgress> history = new ArrayList<>(state.history());
        int bestEpoch = state.bestEpoch();
        double bestUar = state.bestUar();
        int sinceBest = state.epochsSinceBest();
        for (int epoch = state.epoch(); epoch < spec.epochs(); epoch++) {
            double lr = spec.learningRateAt(epoch);
            int[][] plan = EpisodePlan.forEpoch(byClass, spec.perClass(), stepsPerEpoch, spec.samplerSeed(), epoch);
            boolean resumedEpoch = epoch == state.epoch();
            int firstStep = resumedEpoch ? state.step() : 0;
            // A checkpoint taken mid-epoch carries the epoch's running sums, so the epoch mean is exact after resume.
            double sum = resumedEpoch ? state.partialLoss() : 0;
            double ceSum = resumedEpoch ? state.partialCe() : 0;
            double metricSum = resumedEpoch ? state.partialMetric() : 0;
            int done = resumedEpoch ? state.partialSteps() : 0;
            for (int step = firstStep; step < stepsPerEpoch; step++) {
                if (cancel.isCancelled()) {
                    Path ckpt = checkpoint(dir, model, new TrainerState(epoch, step, bestEpoch, bestUar, sinceBest, history, null,
                            sum, ceSum, metricSum, done), job.featureConfig());
                    return new TrainingResult(bestOrCheckpoint(dir, ckpt), ckpt, epoch, bestEpoch, bestUar, history,
                            TrainingResult.StopReason.CANCELLED, "cancelled at epoch " + (epoch + 1) + ", step " + (step + 1)
                            + "; resume continues from there", System.currentTimeMillis() - started);
                }
                List<FeatureMatrix> episode = new ArrayList<>(plan[step].length);
                int[] labels = new int[plan[step].length];
                for (int r = 0; r < plan[step].length; r++) {
                    Sample s = job.train().get(plan[step][r]);
                    episode.add(randomCrop(s.features(), spec, epoch, step, r));
                    labels[r] = s.label();
                }
                StepResult result = model.trainStep(episode, labels, k, spec.perClass(), lr);
                if (!result.finite()) {
                    Path last = Files.exists(dir.resolve(STATE_FILE)) ? dir.resolve(readState(dir).checkpointModel()) : null;
                    return new TrainingResult(bestOrCheckpoint(dir, last), last, epoch, bestEpoch, bestUar, history,
                            TrainingResult.StopReason.NON_FINITE_LOSS, "the loss became " + result.loss() + " at epoch "
                            + (epoch + 1) + ", step " + (step + 1) + "; training stopped and the last good checkpoint"
                            + (last == null ? " (none yet)" : " " + last.getFileName()) + " was kept. Try a lower learning rate.",
                            System.currentTimeMillis() - started);
                }
                sum += result.loss();
                ceSum += result.ceLoss();
                metricSum += result.metricLoss();
                done++;
                listener.onStep(new EpochProgress(epoch, spec.epochs(), step + 1, stepsPerEpoch, sum / done, ceSum / done,
                        metricSum / done, Double.NaN, lr, System.currentTimeMillis() - started));
            }
            double uar = spec.validate() && !job.validation().isEmpty() ? validationUar(job, model) : Double.NaN;
            EpochProgress end = new EpochProgress(epoch, spec.epochs(), stepsPerEpoch, stepsPerEpoch,
                    done == 0 ? Double.NaN : sum / done, done == 0 ? Double.NaN : ceSum / done,
                    done == 0 ? Double.NaN : metricSum / done, uar, lr, System.currentTimeMillis() - started);
            history.add(end);
            listener.onEpoch(end);
            boolean better = Double.isNaN(uar) || Double.isNaN(bestUar) && bestEpoch < 0 || uar > bestUar;
            if (better) {
                bestEpoch = epoch;
                bestUar = uar;
                sinceBest = 0;
                model.save(dir.resolve(BEST_MODEL), provenance(job, epoch, uar));
            } else {
                sinceBest++;
            }
            boolean last = epoch == spec.epochs() - 1;
            boolean stopEarly = spec.earlyStopping() > 0 && sinceBest >= spec.earlyStopping();
            if (last || stopEarly || (epoch + 1) % spec.checkpointEvery() == 0) {
                checkpoint(dir, model, new TrainerState(epoch + 1, 0, bestEpoch, bestUar, sinceBest, history, null, 0, 0, 0, 0),
                        job.featureConfig());
            }
            if (stopEarly && !last) {
                listener.onMessage("early stop: no better validation UAR for " + sinceBest + " epochs");
                return new TrainingResult(dir.resolve(BEST_MODEL), dir.resolve(readState(dir).checkpointModel()), epoch + 1,
                        bestEpoch, bestUar, history, TrainingResult.StopReason.EARLY_STOPPED,
                        "stopped early after epoch " + (epoch + 1) + "; best epoch " + (bestEpoch + 1),
                        System.currentTimeMillis() - started);
            }
        }
        Path ckpt = Files.exists(dir.resolve(STATE_FILE)) ? dir.resolve(readState(dir).checkpointModel()) : null;
        return new TrainingResult(dir.resolve(BEST_MODEL), ckpt, spec.epochs(), bestEpoch, bestUar, history,
                TrainingResult.StopReason.COMPLETED, "completed " + spec.epochs() + " epochs; best epoch " + (bestEpoch + 1),
                System.currentTimeMillis() - started);
    }

    /**
     * The result of a training that had finished (all epochs, or stopped early) before the
     * process stopped; null when there is still work to do. Resuming it must not train more:
     * that would differ from the uninterrupted run.
     */
    private static TrainingResult finishedEarlier(Path dir, TrainingSpec spec, TrainerState state, long started) {
        boolean atEpochBoundary = state.step() == 0 && state.partialSteps() == 0;
        boolean allEpochs = state.epoch() >= spec.epochs();
        boolean stoppedEarly = spec.earlyStopping() > 0 && state.epochsSinceBest() >= spec.earlyStopping();
        if (!atEpochBoundary || !(allEpochs || stoppedEarly) || !Files.exists(dir.resolve(BEST_MODEL))) {
            return null;
        }
        return new TrainingResult(dir.resolve(BEST_MODEL), dir.resolve(state.checkpointModel()), state.epoch(),
                state.bestEpoch(), state.bestUar(), state.history(),
                allEpochs ? TrainingResult.StopReason.COMPLETED : TrainingResult.StopReason.EARLY_STOPPED,
                (allEpochs ? "completed " + spec.epochs() + " epochs" : "stopped early after epoch " + state.epoch())
                        + "; best epoch " + (state.bestEpoch() + 1), System.currentTimeMillis() - started);
    }

    /** UAR of the linear head on the validation samples (pretraining classes). */
    static double validationUar(TrainingJob job, EncoderModel model) {
        List<FeatureMatrix> inputs = new ArrayList<>(job.validation().size());
        for (Sample s : job.validation()) {
            inputs.add(Frames.centreCrop(s.features(), job.training().maxFrames()));
        }
        float[][] logits = model.logits(inputs);
        int k = job.classes().size();
        int[] correct = new int[k];
        int[] total = new int[k];
        for (int i = 0; i < logits.length; i++) {
            int best = 0;
            for (int c = 1; c < logits[i].length; c++) {
                if (logits[i][c] > logits[i][best]) {
                    best = c;
                }
            }
            int y = job.validation().get(i).label();
            total[y]++;
            if (best == y) {
                correct[y]++;
            }
        }
        double sum = 0;
        int present = 0;
        for (int c = 0; c < k; c++) {
            if (total[c] > 0) {
                sum += correct[c] / (double) total[c];
                present++;
            }
        }
        return present == 0 ? Double.NaN : sum / present;
    }

    private static FeatureMatrix randomCrop(FeatureMatrix m, TrainingSpec spec, int epoch, int step, int row) {
        if (spec.maxFrames() <= 0 || m.frames() <= spec.maxFrames()) {
            return m;
        }
        long h = org.e2v.common.Seeds.derive(spec.samplerSeed(), "crop-" + epoch + "-" + step + "-" + row);
        int offset = (int) Math.floorMod(h, (long) (m.frames() - spec.maxFrames() + 1));
        return Frames.crop(m, spec.maxFrames(), offset);
    }

    private static Path bestOrCheckpoint(Path dir, Path checkpoint) {
        return Files.exists(dir.resolve(BEST_MODEL)) ? dir.resolve(BEST_MODEL) : checkpoint;
    }

    /** Writes the model under a new name, then the state pointing at it, then drops the older model. */
    private static Path checkpoint(Path dir, EncoderModel model, TrainerState state, Map<String, Object> featureConfig) {
        TrainerState previous = readStateOrFresh(dir);
        String name = "checkpoint-e" + state.epoch() + "-s" + state.step() + ".e2vm";
        model.save(dir.resolve(name), new ModelProvenance(featureConfig, Map.of("trainer_epoch", state.epoch(), "trainer_step", state.step())));
        TrainerState withModel = new TrainerState(state.epoch(), state.step(), state.bestEpoch(), state.bestUar(),
                state.epochsSinceBest(), state.history(), name, state.partialLoss(), state.partialCe(),
                state.partialMetric(), state.partialSteps());
        try {
            AtomicFiles.writeBytes(dir.resolve(STATE_FILE), JSON.writeValueAsBytes(withModel));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (previous.checkpointModel() != null && !previous.checkpointModel().equals(name)) {
            try {
                Files.deleteIfExists(dir.resolve(previous.checkpointModel()));
            } catch (IOException ignored) {
                // an old checkpoint left behind costs disk space only
            }
        }
        return dir.resolve(name);
    }

    static TrainerState readState(Path dir) {
        Path f = dir.resolve(STATE_FILE);
        try {
            TrainerState s = JSON.readValue(f.toFile(), TrainerState.class);
            if (s.checkpointModel() == null || !Files.exists(dir.resolve(s.checkpointModel()))) {
                throw new InputException(f, "points at a checkpoint model that does not exist");
            }
            return s;
        } catch (IOException e) {
            throw new InputException(f, "is not a readable training checkpoint: " + e.getMessage(), e);
        }
    }

    private static TrainerState readStateOrFresh(Path dir) {
        return Files.exists(dir.resolve(STATE_FILE)) ? readState(dir) : TrainerState.fresh();
    }

    private static void checkCompatible(TrainingJob job, EncoderModel model, Path file) {
        if (!model.classNames().equals(job.classes()) || model.inputDims() != job.inputDims()) {
            throw new InputException(file, "the checkpoint was trained on classes " + model.classNames() + " with "
                    + model.inputDims() + "-dim features; this run has " + job.classes() + " with " + job.inputDims());
        }
    }

    private static ModelProvenance provenance(TrainingJob job, int epoch, double uar) {
        return new ModelProvenance(job.featureConfig(), Map.of("best_epoch", epoch,
                "validation_uar", Double.isNaN(uar) ? "n/a" : uar, "loss", job.loss().name(),
                "margin", job.loss().margin(), "classes", job.classes(), "max_frames", job.training().maxFrames(),
                "training", job.training().toString()));
    }

    /**
     * Persistent trainer state.
     *
     * @param epoch           epoch to continue with (0-based)
     * @param step            step within that epoch to continue with
     * @param bestEpoch       best epoch so far (-1 none)
     * @param bestUar         its validation UAR
     * @param epochsSinceBest epochs without improvement
     * @param history         completed epochs
     * @param checkpointModel file name of the model saved with this state
     * @param partialLoss     sum of the step losses of the interrupted epoch so far
     * @param partialCe       likewise for the cross-entropy part
     * @param partialMetric   likewise for the metric part
     * @param partialSteps    steps of the interrupted epoch done so far
     */
    public record TrainerState(int epoch, int step, int bestEpoch, double bestUar, int epochsSinceBest,
                               List<EpochProgress> history, String checkpointModel, double partialLoss, double partialCe,
                               double partialMetric, int partialSteps) {
        static TrainerState fresh() {
            return new TrainerState(0, 0, -1, Double.NaN, 0, List.of(), null, 0, 0, 0, 0);
        }
    }
}
