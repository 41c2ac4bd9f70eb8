/**
 * Evaluation metrics: UAR, weighted F1, confusion matrix, per-class recall and McNemar's test.
 */
package org.e2v.metrics;
