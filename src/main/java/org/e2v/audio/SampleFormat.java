package org.e2v.audio;

/** How one sample of one channel is stored in a WAV data chunk. */
public enum SampleFormat {
    /** 8-bit unsigned integer, 128 = silence. */
    PCM_U8("pcm8", 1, 1),
    /** 16-bit signed little-endian integer. */
    PCM_S16("pcm16", 2, 1),
    /** 24-bit signed little-endian integer (also carries 20-bit audio, left-justified). */
    PCM_S24("pcm24", 3, 1),
    /** 32-bit signed little-endian integer. */
    PCM_S32("pcm32", 4, 1),
    /** 32-bit IEEE float. */
    FLOAT_32("float32", 4, 3),
    /** 64-bit IEEE float. */
    FLOAT_64("float64", 8, 3),
    /** 8-bit G.711 A-law (telephone recordings). */
    ALAW("alaw", 1, 6),
    /** 8-bit G.711 mu-law (telephone recordings). */
    MULAW("mulaw", 1, 7);

    private final String label;
    private final int bytes;
    private final int formatTag;

    SampleFormat(String label, int bytes, int formatTag) {
        this.label = label;
        this.bytes = bytes;
        this.formatTag = formatTag;
    }

    /** Short name used in {@link AudioInfo#format()}, e.g. "pcm16". */
    public String label() {
        return label;
    }

    /** Bytes per sample per channel. */
    public int bytesPerSample() {
        return bytes;
    }

    /** The WAVE_FORMAT tag (1 PCM, 3 IEEE float, 6 A-law, 7 mu-law). */
    public int formatTag() {
        return formatTag;
    }
}
