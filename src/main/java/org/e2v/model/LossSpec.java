package org.e2v.model;

import java.util.List;
import java.util.Locale;

/**
 * Which training loss, with its hyper-parameters (Table 4 of the paper). Recorded in every run's
 * provenance.
 *
 * @param name            one of {@link #NAMES}: sm, am, aam, triplet, proto, aproto, amproto, namp
 * @param margin          m: angular margin of am/aam/aproto/amproto/namp; the triplet margin for triplet
 * @param convention      "paper" (Eq. (4): S_jj = w(cos + m) + b) or "cosface" (S_jj = w(cos - m) + b)
 * @param learnableMargin whether m is trained (clipped to [marginMin, marginMax])
 * @param marginMin       lower bound of a learnable margin
 * @param marginMax       upper bound of a learnable margin
 * @param scale           s of AM/AAM-softmax
 * @param initW           initial w of the angular prototypical similarity (kept > 0)
 * @param initB           initial b of the angular prototypical similarity
 * @param ceWeight        weight of the cross-entropy term combined with prototypical losses (Eq. (5))
 */
public record LossSpec(String name, double margin, String convention, boolean learnableMargin,
                       double marginMin, double marginMax, double scale, double initW, double initB,
                       double ceWeight) {
    public static final List<String> NAMES = List.of("sm", "am", "aam", "triplet", "proto", "aproto", "amproto", "namp");

    public LossSpec {
        name = name.toLowerCase(Locale.ROOT);
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown loss '" + name + "' (expected one of " + NAMES + ")");
        }
        if (!convention.equals("paper") && !convention.equals("cosface")) {
            throw new IllegalArgumentException("unknown margin convention '" + convention + "' (expected paper or cosface)");
        }
    }

    /** The paper's loss: CE + NAMP with m = -0.3 (paper convention), w = 10, b = -5. */
    public static LossSpec namp() {
        return of("namp", -0.3);
    }

    /** Defaults for {@code name} with the given margin. */
    public static LossSpec of(String name, double margin) {
        return new LossSpec(name, margin, "paper", false, -0.5, 0.5, 30.0, 10.0, -5.0, 1.0);
    }
}
