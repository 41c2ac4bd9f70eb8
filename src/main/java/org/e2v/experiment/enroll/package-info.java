/**
 * Enroll-to-verify as a service over a corpus and a saved encoder (Algorithm 1, Sec. 3.3.3): the
 * same calls back the {@code e2v verify} command and the "Enroll &amp; verify" screen, so a set saved
 * in the GUI gives the same numbers headless.
 */
package org.e2v.experiment.enroll;
