/**
 * Task files, experiment runners (pretrain, verify, baselines, sweeps, enrollment curves, ...), run directories and provenance.
 */
package org.e2v.experiment;
