package org.e2v.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * A loss that builds itself into a SameDiff graph on top of an encoder's outputs. Implementations
 * create their own trainable scalars (w, b, a learnable margin) in {@code sd}.
 */
public interface TrainingLoss {
    /**
     * @param sd         the graph
     * @param embeddings [K*N, E] embeddings in episodic order: row k*N+i is utterance i of class k
     * @param headW      [E, C] weights of the linear head (class weights for AM/AAM-softmax)
     * @param headBias   [C] bias of the linear head
     * @param oneHot     [K*N, C] one-hot labels
     * @param classes    K, classes per episode
     * @param perClass   N, utterances per class per episode
     * @return the loss variables
     */
    LossParts build(SameDiff sd, SDVariable embeddings, SDVariable headW, SDVariable headBias, SDVariable oneHot,
                    int classes, int perClass);

    /**
     * The same loss on host arrays (decision 0136), which the training step uses instead of the graph; null
     * where only the graph exists (the graph is then used).
     */
    default HostLoss host() {
        return null;
    }
}
