package org.e2v.domain;

/** An utterance embedding produced by an encoder (the mean-pooled transformer output). */
public record Embedding(String utteranceId, float[] vector) {
    public int dims() {
        return vector.length;
    }
}
