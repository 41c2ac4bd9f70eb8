package org.e2v.data;

import java.util.List;
import org.e2v.domain.Utterance;

/**
 * One train/validation/test partition of a corpus.
 *
 * @param name       fold name ("test-Ses01F", "corpus-defined")
 * @param train      training utterances (corpus order)
 * @param validation validation utterances (the enrollment pool of Sec. 4.1)
 * @param test       test utterances
 */
public record Fold(String name, List<Utterance> train, List<Utterance> validation, List<Utterance> test) {
    public Fold {
        train = List.copyOf(train);
        validation = List.copyOf(validation);
        test = List.copyOf(test);
    }
}
