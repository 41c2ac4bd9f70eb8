/**
 * Task files: the YAML/JSON description of one experiment (corpus, features, pretraining, the new
 * task, analyses). Every field has its default in these records and a one-line description that
 * the CLI help, the GUI tooltips and docs/task-file.md all reuse.
 */
package org.e2v.experiment.task;
