/**
 * Allocation-free DSP building blocks of the frame-level extractors: framing arithmetic, windowed
 * power spectrum on TarsosDSP's FFT, mel filterbank, DCT, FFT-based YIN, LPC with line spectral
 * frequencies, and delta regression. Each object owns its scratch buffers and is used by one
 * thread at a time.
 */
package org.e2v.features.dsp;
