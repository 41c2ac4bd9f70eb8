/**
 * Audio input: e2v's own RIFF/WAVE decoder (PCM, float, G.711, extensible, any rate and channel count) to 16 kHz mono float through a streaming polyphase resampler, ffmpeg for every other format, WAV writing, and microphone recording behind an injectable capture line (javax.sound by default). Only this package and features import TarsosDSP.
 */
package org.e2v.audio;
