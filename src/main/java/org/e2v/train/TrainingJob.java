package org.e2v.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.e2v.common.E2vException;
import org.e2v.model.EncoderSpec;
import org.e2v.model.LossSpec;

/**
 * Everything a training run needs.
 *
 * @param encoder       architecture
 * @param loss          loss and margin
 * @param training      optimiser, schedule, episodes
 * @param classes       class names; {@link Sample#label()} indexes this list
 * @param inputDims     feature dimension D
 * @param train         training samples
 * @param validation    validation samples (may be empty)
 * @param featureConfig the feature extractor's config, stored with the model
 */
public record TrainingJob(EncoderSpec encoder, LossSpec loss, TrainingSpec training, List<String> classes, int inputDims,
                          List<Sample> train, List<Sample> validation, Map<String, Object> featureConfig) {
    public TrainingJob {
        classes = List.copyOf(classes);
        train = List.copyOf(train);
        validation = List.copyOf(validation);
        featureConfig = Map.copyOf(featureConfig);
        if (classes.size() < 2) {
            throw new E2vException("training needs at least two classes, got " + classes);
        }
        for (Sample s : train) {
            if (s.features().dims() != inputDims) {
                throw new E2vException("utterance " + s.id() + " has " + s.features().dims()
                        + "-dim features, the others " + inputDims);
            }
        }
        List<String> empty = new ArrayList<>();
        int[] counts = new int[classes.size()];
        for (Sample s : train) {
            counts[s.label()]++;
        }
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] == 0) {
                empty.add(classes.get(c));
            }
        }
        if (!empty.isEmpty()) {
            throw new E2vException("no training utterances for class(es) " + empty);
        }
    }

    /** Indices into {@link #train()} per class. */
    public List<int[]> indicesByClass() {
        List<int[]> out = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            final int cls = c;
            out.add(java.util.stream.IntStream.range(0, train.size()).filter(i -> train.get(i).label() == cls).toArray());
        }
        return out;
    }
}
