package org.e2v.model;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * The variables a loss adds to a graph.
 *
 * @param total  the scalar that is minimised
 * @param ce     the cross-entropy part (null when the loss has none)
 * @param metric the metric-learning part (null for plain softmax)
 */
public record LossParts(SDVariable total, SDVariable ce, SDVariable metric) {
}
