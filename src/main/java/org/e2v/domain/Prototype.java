package org.e2v.domain;

/**
 * A class prototype: the mean embedding of the samples enrolled for a class (Algorithm 1, Enroll).
 *
 * @param label  the class
 * @param vector the mean embedding
 * @param count  number of enrolled samples it averages
 */
public record Prototype(EmotionLabel label, float[] vector, int count) {
}
