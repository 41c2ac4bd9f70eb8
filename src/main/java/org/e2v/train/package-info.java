/**
 * The synchronous trainer: episodic training loop, Adamax with step schedule, validation, checkpoints, resume, progress and cancellation.
 */
package org.e2v.train;
