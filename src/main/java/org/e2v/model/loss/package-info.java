/**
 * The training losses of Table 4 / Sec. 4.1.1 (sm, am, aam, triplet, proto, aproto, amproto, namp) as SameDiff
 * graph fragments, created by {@link org.e2v.model.loss.Losses#create(org.e2v.model.LossSpec)}; NAMP and the
 * other metric losses are combined with cross-entropy as in Eq. (5). See docs/losses.md.
 */
package org.e2v.model.loss;
