package org.e2v.model;

/** The phases of a training step that {@link EncoderModel#lastStepPhaseMs()} times separately. */
public enum StepPhase {
    /** Pooling, padding and copying the episode into arrays; labels; dropout masks. */
    INPUT,
    /** The GRU forward pass outside SameDiff (gru-transformer only). */
    GRU_FORWARD,
    /** The transformer forward pass outside SameDiff (gru-transformer and transformer, decision 0133). */
    TRANSFORMER_FORWARD,
    /**
     * Forward and backward of the head and the loss: in Java where the loss has a host version (decision 0136),
     * else in SameDiff (gru-transformer and transformer); for the other encoders, SameDiff's forward and
     * backward of the whole encoder, head and loss.
     */
    GRAPH,
    /** Backpropagation through the transformer outside SameDiff (gru-transformer and transformer). */
    TRANSFORMER_BACKWARD,
    /** Backpropagation through time of the GRU (gru-transformer only). */
    GRU_BACKWARD,
    /** Finiteness check and the Adamax update. */
    UPDATE,
    /** The periodic full GC that returns native memory (decision 0131). */
    GC
}
