package org.e2v.model.loss;

/**
 * Names of the variables a {@link org.e2v.model.TrainingLoss} from {@link Losses} adds to a SameDiff graph.
 * Trainers read the learnable scalars by these names (to log w, b and m); tests read the intermediate
 * values to compare them with the golden vectors. Every graph holds at most one loss, so the names are fixed.
 */
public final class LossVariables {
    /** The minimised scalar: {@code ceWeight * ce + metric} (Eq. (5)), or the single loss of sm/am/aam. */
    public static final String TOTAL = "loss_total";
    /** Mean cross-entropy of the linear head (sm, and the L_ce term of every combined loss). */
    public static final String CE = "loss_ce";
    /** Mean metric-learning loss (am, aam, triplet, proto, aproto, amproto, namp). */
    public static final String METRIC = "loss_metric";
    /** [B, C] logits of the linear head, X W + bias. */
    public static final String CE_LOGITS = "loss_ce_logits";
    /** [B] per-row cross-entropy of the linear head. */
    public static final String CE_PER_ROW = "loss_ce_per_row";
    /**
     * Logits of the metric loss: [K, K] similarity S_jk of aproto/amproto/namp (Eq. (3)-(4)), [K, K] minus
     * squared distances of proto, [B, C] margin logits of am/aam.
     */
    public static final String LOGITS = "loss_logits";
    /** Per-query (prototypical, [K]) or per-row (am/aam, [B]) cross-entropy of {@link #LOGITS}. */
    public static final String PER_QUERY = "loss_per_query";
    /** Cosines before scale and margin: [K, K] cos(q_j, c_k) or [B, C] cos(x_r, W_c). */
    public static final String COSINE = "loss_cos";
    /** [K, E] centroids c_k = mean of the first N-1 raw embeddings of class k (Eq. (2)). */
    public static final String CENTROIDS = "loss_centroids";
    /** [K, E] queries q_j = last embedding of class j. */
    public static final String QUERIES = "loss_queries";
    /** [B, 1] phi of the target class of AAM-softmax (cos(theta + m), or the fallback cos - mm). */
    public static final String PHI_TARGET = "loss_phi_target";
    /** [B, B] squared distances of the normalised embeddings (triplet). */
    public static final String DISTANCES = "loss_dist";
    /** [B] distance of each anchor to its hardest positive (triplet). */
    public static final String D_AP = "loss_d_ap";
    /** [B] distance of each anchor to its hardest negative (triplet). */
    public static final String D_AN = "loss_d_an";
    /** [B] max(0, d_ap - d_an + margin) (triplet). */
    public static final String HINGE = "loss_hinge";
    /** Learnable scale w of the angular prototypical similarity (trainable scalar variable). */
    public static final String SCALE_W = "loss_w";
    /** The scale actually used: w clamped to at least {@link Losses#MIN_SCALE_W}. */
    public static final String SCALE_W_USED = "loss_w_used";
    /** Learnable bias b of the angular prototypical similarity (trainable scalar variable). */
    public static final String BIAS_B = "loss_b";
    /** Learnable margin m (trainable scalar variable; only present when the margin is learnable). */
    public static final String MARGIN = "loss_margin";
    /** The margin actually used: the fixed m, or the learnable m clipped to its bounds. */
    public static final String MARGIN_USED = "loss_margin_used";

    private LossVariables() {
    }
}
