/** The Corpus screen: utterance table with filters, waveform and spectrogram preview, playback, corpus import. */
package org.e2v.ui.corpus;
