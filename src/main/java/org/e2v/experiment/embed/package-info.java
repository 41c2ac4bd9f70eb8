/**
 * Embedding a corpus with a saved encoder: features made exactly as the model's provenance says,
 * embeddings cached on disk per model so enrollment never re-embeds anything.
 */
package org.e2v.experiment.embed;
