/**
 * Corpus loaders (folder, manifest CSV, IEMOCAP, MELD, Audacity labels), corpus summaries, splits (leave-one-speaker/dyad-out, fixed, manifest) and the episodic sampler.
 */
package org.e2v.data;
