/**
 * Run directories: one folder per run with its provenance (run.json), metrics, predictions,
 * embeddings, prototypes, model and charts. A result without provenance does not count.
 */
package org.e2v.experiment.run;
