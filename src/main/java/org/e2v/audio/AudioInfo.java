package org.e2v.audio;

import java.nio.file.Path;

/**
 * What a file holds before decoding.
 *
 * @param file            the file
 * @param format          container/codec ("wav pcm16", "wav float32", "ffmpeg")
 * @param sampleRateHz    native sample rate
 * @param channels        channel count
 * @param bitsPerSample   bit depth (0 when unknown)
 * @param frames          sample frames per channel (-1 when unknown)
 * @param durationSeconds duration (NaN when unknown)
 */
public record AudioInfo(Path file, String format, int sampleRateHz, int channels, int bitsPerSample,
                        long frames, double durationSeconds) {
}
