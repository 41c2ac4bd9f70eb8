package org.e2v.train;

import org.e2v.domain.FeatureMatrix;

/**
 * A training or validation example.
 *
 * @param id       utterance id
 * @param features its frames
 * @param label    index into the training classes
 */
public record Sample(String id, FeatureMatrix features, int label) {
}
