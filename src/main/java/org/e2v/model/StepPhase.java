package org.e2v.model;

/** The phases of a training step that {@link EncoderModel#lastStepPhaseMs()} times separately. */
public enum StepPhase {
    /** Pooling, padding and copying the episode into arrays; labels; dropout masks. */
    INPUT,
    /** The GRU forward pass outside SameDiff (gru-transformer only). */
    GRU_FORWARD,
    /** SameDiff: forward and backward of the rest of the encoder, the head and the loss. */
    GRAPH,
    /** Backpropagation through time of the GRU (gru-transformer only). */
    GRU_BACKWARD,
    /** Finiteness check and the Adamax update. */
    UPDATE,
    /** The periodic full GC that returns native memory (decision 0131). */
    GC
}
