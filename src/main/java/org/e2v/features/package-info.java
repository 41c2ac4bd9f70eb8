/**
 * Frame-level feature extraction (TarsosDSP-based emobase, MFCC, log-mel), import of precomputed features (.npy/.npz/CSV, e.g. vq-wav2vec) and the on-disk feature cache.
 */
package org.e2v.features;
