package org.e2v.model.loss;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Tri (Sec. 4.1.1): batch-hard triplet loss on L2-normalised embeddings. D_rs = |u_r - u_s|^2; every row is an
 * anchor a with its hardest positive (largest D over the other rows of its class) and hardest negative
 * (smallest D over the rows of other classes); loss = mean_a max(0, D_ap - D_an + margin), plus L_ce.
 * The selection is a max/min reduction, whose gradient flows only to the selected entry, so the mined
 * indices act as constants when differentiating. Classes come from the one-hot labels.
 */
final class TripletLoss extends CombinedLoss {
    /** Added to same-class distances before the min over negatives; D of unit vectors is at most 4. */
    private static final double EXCLUDED_DISTANCE = 8.0;

    private final double margin;

    TripletLoss(double margin, double ceWeight) {
        super(ceWeight);
        this.margin = margin;
    }

    @Override
    String name() {
        return "triplet";
    }

    @Override
    SDVariable metric(SameDiff sd, SDVariable embeddings, SDVariable oneHot, int classes, int perClass) {
        DataType dataType = embeddings.dataType();
        int rows = classes * perClass;
        SDVariable labels = GraphOps.as(oneHot, dataType);
        SDVariable sameClass = labels.mmul(sd.transpose(labels));
        SDVariable positives = sameClass.sub(GraphOps.identity(sd, dataType, rows));
        SDVariable unit = GraphOps.normalizeRows(embeddings);
        // For unit vectors |u_r - u_s|^2 = 2 - 2 u_r.u_s.
        SDVariable distances = unit.mmul(sd.transpose(unit)).mul(-2.0).add(LossVariables.DISTANCES, 2.0);
        // Non-positive entries become 0 <= any positive distance; the diagonal is excluded explicitly.
        SDVariable hardestPositive = distances.mul(positives).max(LossVariables.D_AP, 1);
        SDVariable hardestNegative = distances.add(sameClass.mul(EXCLUDED_DISTANCE)).min(LossVariables.D_AN, 1);
        SDVariable hinge = sd.nn().relu(LossVariables.HINGE, hardestPositive.sub(hardestNegative).add(margin), 0.0);
        return hinge.mean();
    }
}
