package org.e2v.model.loss;

import org.e2v.model.LossSpec;
import org.e2v.model.TrainingLoss;

/**
 * Creates the training losses of Table 4 / Sec. 4.1.1 from a {@link LossSpec}: sm, am, aam, triplet, proto,
 * aproto, amproto and namp. sm, am and aam are used alone; the other five are combined with the head's
 * cross-entropy as in Eq. (5): total = ceWeight * L_ce + L_metric.
 *
 * <p>The names are strict about the margin sign (Sec. 3.3.2): aproto has m = 0, amproto m &gt; 0 and namp
 * m &lt; 0, in the convention of {@code spec.convention()} read as Eq. (4) ("paper": S_jj = w(cos + m) + b).
 * With the "cosface" convention the same names keep the same sign rule on m as written in the spec, so a
 * cosface namp (m &lt; 0) raises the target similarity; see docs/decisions/0010-margin-sign-convention.md.
 */
public final class Losses {
    /** Lower clamp of the learnable scale w (as the reference implementation): Eq. (3) needs w &gt; 0. */
    public static final double MIN_SCALE_W = 1e-6;

    private Losses() {
    }

    /**
     * @param spec the loss and its hyper-parameters
     * @return a loss that builds itself into a SameDiff graph
     * @throws IllegalArgumentException if a hyper-parameter does not fit the loss (message says which and why)
     */
    public static TrainingLoss create(LossSpec spec) {
        requireFinite("margin", spec.margin());
        requireFinite("ceWeight", spec.ceWeight());
        if (spec.ceWeight() < 0) {
            throw new IllegalArgumentException("ceWeight must be >= 0, got " + spec.ceWeight());
        }
        if (spec.learnableMargin() && !spec.name().equals("amproto") && !spec.name().equals("namp")) {
            throw new IllegalArgumentException("a learnable margin is only supported for amproto and namp, not "
                    + spec.name());
        }
        return switch (spec.name()) {
            case "sm" -> new SoftmaxLoss();
            case "am" -> {
                requirePositiveScale(spec);
                yield new AmSoftmaxLoss(spec.margin(), spec.scale());
            }
            case "aam" -> {
                requirePositiveScale(spec);
                if (spec.margin() < 0 || spec.margin() >= Math.PI / 2) {
                    throw new IllegalArgumentException("aam needs an angular margin 0 <= m < pi/2 (radians), got m = "
                            + spec.margin());
                }
                yield new AamSoftmaxLoss(spec.margin(), spec.scale());
            }
            case "triplet" -> {
                if (spec.margin() < 0) {
                    throw new IllegalArgumentException("triplet needs a margin >= 0, got " + spec.margin());
                }
                yield new TripletLoss(spec.margin(), spec.ceWeight());
            }
            case "proto" -> new ProtoLoss(spec.ceWeight());
            case "aproto", "amproto", "namp" -> angularPrototypical(spec);
            default -> throw new IllegalArgumentException("unknown loss '" + spec.name() + "'");
        };
    }

    private static TrainingLoss angularPrototypical(LossSpec spec) {
        double m = spec.margin();
        String name = spec.name();
        switch (name) {
            case "aproto" -> {
                if (m != 0.0) {
                    throw new IllegalArgumentException("aproto has no margin (m = 0), got m = " + m
                            + "; use amproto for m > 0 or namp for m < 0");
                }
            }
            case "amproto" -> {
                if (!(m > 0)) {
                    throw new IllegalArgumentException("amproto needs a positive margin m > 0, got m = " + m
                            + "; use namp for m < 0 or aproto for m = 0");
                }
            }
            default -> {
                if (!(m < 0)) {
                    throw new IllegalArgumentException("namp needs a negative margin m < 0 (Sec. 3.3.2), got m = " + m
                            + "; use amproto for m > 0 or aproto for m = 0");
                }
            }
        }
        requireFinite("initW", spec.initW());
        requireFinite("initB", spec.initB());
        if (spec.initW() < MIN_SCALE_W) {
            throw new IllegalArgumentException(name + " needs a positive scale w (Eq. (3)), got initW = "
                    + spec.initW());
        }
        double lower = spec.marginMin();
        double upper = spec.marginMax();
        if (spec.learnableMargin()) {
            // The sign constraint of the name also binds the learned margin (Sec. 3.3.2: "we constrained the
            // margin m < 0 learned as a negative value"): namp stays in [min, 0], amproto in [0, max].
            if (name.equals("namp")) {
                upper = Math.min(upper, 0.0);
            } else {
                lower = Math.max(lower, 0.0);
            }
            if (!(lower < upper) || m < lower || m > upper) {
                throw new IllegalArgumentException("learnable " + name + " margin: initial m = " + m
                        + " must lie in [" + lower + ", " + upper + "] (marginMin/marginMax intersected with the"
                        + " sign of " + name + ")");
            }
        }
        return new AngularProtoLoss(name, m, spec.convention().equals("cosface"), spec.learnableMargin(), lower,
                upper, spec.initW(), spec.initB(), spec.ceWeight());
    }

    private static void requirePositiveScale(LossSpec spec) {
        requireFinite("scale", spec.scale());
        if (spec.scale() <= 0) {
            throw new IllegalArgumentException(spec.name() + " needs a positive scale s, got " + spec.scale());
        }
    }

    private static void requireFinite(String what, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " must be a finite number, got " + value);
        }
    }
}
