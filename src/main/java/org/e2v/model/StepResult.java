package org.e2v.model;

/**
 * Outcome of one training step.
 *
 * @param loss       the minimised total
 * @param ceLoss     its cross-entropy part (NaN when the loss has none)
 * @param metricLoss its metric-learning part (NaN when the loss has none)
 * @param finite     false when the loss or a gradient was NaN or infinite; the parameters were then left unchanged
 */
public record StepResult(double loss, double ceLoss, double metricLoss, boolean finite) {
}
