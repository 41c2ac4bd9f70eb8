/**
 * Screen "Enroll &amp; verify" (Algorithm 1 made interactive): drag utterances into class bins and
 * watch every query's verification, the metrics and the polar histogram update at once.
 */
package org.e2v.ui.enroll;
