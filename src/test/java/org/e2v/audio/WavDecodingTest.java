package org.e2v.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.e2v.common.InputException;
import org.e2v.domain.AudioClip;
import org.e2v.domain.Segment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WavDecodingTest {
    @TempDir
    Path dir;

    /** 400 samples at 16 kHz hold exactly 11 cycles of 440 Hz, so Goertzel windows use multiples of 400. */
    private static final int WINDOW = 16_000;

    @Test
    void sine440At48kStereo24BitComesBackAsA440HzSineAt16kWithItsAmplitude() {
        float[] left = Signals.sine(440, 0.5, 48_000, 2.0);
        Path f = dir.resolve("tone.wav");
        WavWriter.write(f, new float[][] {left, left.clone()}, 48_000, SampleFormat.PCM_S24);

        AudioClip clip = AudioFiles.load(f);

        assertThat(clip.sampleRateHz()).isEqualTo(16_000);
        assertThat(clip.samples()).hasSize(32_000);
        assertThat(Signals.toneAmplitude(clip.samples(), 8_000, WINDOW, 440, 16_000)).isCloseTo(0.5, within(0.002));
        assertThat(Signals.toneAmplitude(clip.samples(), 8_000, WINDOW, 1_000, 16_000)).isLessThan(1e-3);
        assertThat(Signals.dominantHz(clip.samples(), 8_000, WINDOW, 16_000, 100, 2_000, 5)).isEqualTo(440.0);
    }

    @ParameterizedTest(name = "{0} Hz {1}")
    @CsvSource({
        "8000, PCM_U8", "8000, PCM_S16", "11025, PCM_S16", "16000, PCM_S16", "16000, FLOAT_32",
        "22050, PCM_S16", "22050, PCM_S24", "44100, PCM_S16", "44100, PCM_S32", "44100, FLOAT_32",
        "48000, PCM_S24", "48000, FLOAT_64", "96000, PCM_S24", "44101, PCM_S16"})
    void everyRateAndDepthDecodesToTheSameToneAt16k(int rateHz, SampleFormat format) {
        float[] x = Signals.sine(440, 0.4, rateHz, 1.5);
        Path f = dir.resolve(rateHz + "-" + format + ".wav");
        WavWriter.write(f, new float[][] {x}, rateHz, format);

        AudioClip clip = AudioFiles.load(f);

        assertThat(clip.samples()).hasSize((int) ((long) x.length * 16_000 / rateHz));
        double tolerance = format == SampleFormat.PCM_U8 ? 0.01 : 0.002;
        assertThat(Signals.toneAmplitude(clip.samples(), 4_000, WINDOW, 440, 16_000)).isCloseTo(0.4, within(tolerance));
        AudioInfo info = AudioFiles.probe(f);
        assertThat(info.sampleRateHz()).isEqualTo(rateHz);
        assertThat(info.channels()).isEqualTo(1);
        assertThat(info.bitsPerSample()).isEqualTo(8 * format.bytesPerSample());
        assertThat(info.format()).isEqualTo("wav " + format.label());
        assertThat(info.durationSeconds()).isCloseTo(x.length / (double) rateHz, within(1e-9));
    }

    @Test
    void channelsAreAveragedToMono() {
        float[] left = Signals.sine(440, 0.6, 16_000, 1.0);
        float[] right = Signals.sine(1_000, 0.2, 16_000, 1.0);
        Path f = dir.resolve("stereo.wav");
        WavWriter.write(f, new float[][] {left, right}, 16_000, SampleFormat.FLOAT_32);

        float[] mono = AudioFiles.load(f).samples();

        assertThat(Signals.toneAmplitude(mono, 0, WINDOW, 440, 16_000)).isCloseTo(0.3, within(1e-4));
        assertThat(Signals.toneAmplitude(mono, 0, WINDOW, 1_000, 16_000)).isCloseTo(0.1, within(1e-4));
    }

    @Test
    void sixChannelExtensibleFileAveragesAllChannels() {
        float[][] ch = new float[6][8_000];
        for (int c = 0; c < 6; c++) {
            Arrays.fill(ch[c], 0.1f * c); // mean of 0, .1, ..., .5 = .25
        }
        Path f = dir.resolve("surround.wav");
        WavWriter.write(f, ch, 16_000, SampleFormat.PCM_S16, true);

        float[] mono = AudioFiles.load(f).samples();

        assertThat(mono[4_000]).isCloseTo(0.25f, within(1e-4f));
        assertThat(AudioFiles.probe(f).channels()).isEqualTo(6);
    }

    @Test
    void extensibleFloatAndPcmDecodeLikePlainOnes() {
        float[] x = Signals.sine(440, 0.5, 48_000, 1.0);
        Path plain = dir.resolve("plain.wav");
        Path ext = dir.resolve("ext.wav");
        Path extFloat = dir.resolve("extf.wav");
        WavWriter.write(plain, new float[][] {x}, 48_000, SampleFormat.PCM_S24, false);
        WavWriter.write(ext, new float[][] {x}, 48_000, SampleFormat.PCM_S24, true);
        WavWriter.write(extFloat, new float[][] {x}, 48_000, SampleFormat.FLOAT_32, true);

        assertThat(AudioFiles.load(ext).samples()).containsExactly(AudioFiles.load(plain).samples());
        assertThat(AudioFiles.load(extFloat).samples()).containsExactly(AudioFiles.load(plain).samples(), within(1e-6f));
        assertThat(AudioFiles.probe(extFloat).format()).isEqualTo("wav float32");
    }

    @Test
    void sixteenBitValuesRoundTripExactly() {
        float[] x = {0f, 1 / 32768f, -1f, 12345 / 32768f, -32767 / 32768f};
        Path f = dir.resolve("exact.wav");
        WavWriter.write16kMono(f, x);

        assertThat(AudioFiles.load(f).samples()).containsExactly(x);
    }

    @Test
    void unknownChunksAndOddPaddingAreSkipped() throws IOException {
        short[] pcm = {1000, -1000, 2000};
        byte[] data = le16(pcm);
        byte[] file = riff(chunk("LIST", "INFOIART\u0003\0\0\0abc\0".getBytes(StandardCharsets.ISO_8859_1)),
                chunk("fmt ", fmt(1, 1, 16_000, 16)), chunk("junk", new byte[] {7, 7, 7}), chunk("data", data),
                chunk("cue ", new byte[4]));
        Path f = dir.resolve("chunks.wav");
        Files.write(f, file);

        assertThat(AudioFiles.load(f).samples()).containsExactly(1000 / 32768f, -1000 / 32768f, 2000 / 32768f);
    }

    @Test
    void streamedDataChunkOfUnsetSizeIsReadToTheEndOfTheFile() throws IOException {
        byte[] data = le16(new short[] {100, 200, 300, 400});
        for (long dataSize : new long[] {0xFFFFFFFFL, 0}) {
            byte[] file = riffWithSizes(0xFFFFFFFFL, fmt(1, 1, 16_000, 16), dataSize, data);
            if (dataSize == 0) {
                ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 0); // never patched
            }
            Path f = dir.resolve("streamed" + dataSize + ".wav");
            Files.write(f, file);

            assertThat(AudioFiles.load(f).samples()).containsExactly(100 / 32768f, 200 / 32768f, 300 / 32768f,
                    400 / 32768f);
        }
    }

    @Test
    void dataChunkLargerThanTheFileReadsTheWholeFramesPresent() throws IOException {
        byte[] data = le16(new short[] {10, 20, -30, 40, 50, 60}); // 3 stereo frames
        byte[] file = riffWithSizes(1000, fmt(1, 2, 16_000, 16), 4000, data);
        Path f = dir.resolve("truncated.wav");
        Files.write(f, Arrays.copyOf(file, file.length - 2)); // cut inside the third frame

        AudioClip clip = AudioFiles.load(f);

        assertThat(clip.samples()).containsExactly(15 / 32768f, 5 / 32768f);
        assertThat(AudioFiles.probe(f).frames()).isEqualTo(2);
    }

    @Test
    void shortestClipsWork() {
        Path f = dir.resolve("short.wav");
        WavWriter.write(f, new float[][] {Signals.sine(440, 0.5, 44_100, 0.05)}, 44_100, SampleFormat.PCM_S16);

        AudioClip clip = AudioFiles.load(f);

        assertThat(clip.samples()).hasSize(800);
        assertThat(clip.durationSeconds()).isCloseTo(0.05, within(1e-9));
        assertThat(Signals.rms(clip.samples(), 200, 600)).isCloseTo(0.5 / Math.sqrt(2), within(0.01));
    }

    @Test
    void nonAsciiFileNamesWork() {
        Path f = dir.resolve("ääni-感情 ünïcode.wav");
        WavWriter.write16kMono(f, Signals.sine(440, 0.5, 16_000, 0.1));

        assertThat(AudioFiles.load(f).samples()).hasSize(1_600);
        assertThat(AudioFiles.probe(f).file()).isEqualTo(f);
    }

    @Test
    void floatSamplesBeyondFullScaleAreClamped() throws IOException {
        byte[] data = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putFloat(1.5f).putFloat(-3f)
                .putFloat(0.25f).array();
        Path f = dir.resolve("hot.wav");
        Files.write(f, riff(chunk("fmt ", fmt(3, 1, 16_000, 32)), chunk("data", data)));

        assertThat(AudioFiles.load(f).samples()).containsExactly(1f, -1f, 0.25f);
    }

    @Test
    void nanSampleIsAnErrorNamingItsTime() throws IOException {
        ByteBuffer data = ByteBuffer.allocate(4 * 8_000).order(ByteOrder.LITTLE_ENDIAN);
        data.putFloat(4 * 4_000, Float.NaN);
        Path f = dir.resolve("nan.wav");
        Files.write(f, riff(chunk("fmt ", fmt(3, 1, 16_000, 32)), chunk("data", data.array())));

        InputException e = assertThrows(InputException.class, () -> AudioFiles.load(f));

        assertThat(e.file()).isEqualTo(f);
        assertThat(e.problem()).contains("NaN").contains("0.2500 s");
    }

    @Test
    void infiniteSampleInDoubleFileIsAnError() throws IOException {
        ByteBuffer data = ByteBuffer.allocate(8 * 4).order(ByteOrder.LITTLE_ENDIAN);
        data.putDouble(8 * 3, Double.NEGATIVE_INFINITY);
        Path f = dir.resolve("inf.wav");
        Files.write(f, riff(chunk("fmt ", fmt(3, 1, 8_000, 64)), chunk("data", data.array())));

        assertThat(assertThrows(InputException.class, () -> AudioFiles.load(f)).problem())
                .contains("infinity").contains("0.0004 s");
    }

    @Test
    void segmentEqualsTheSameRangeOfTheWholeDecode() {
        float[] x = Signals.sine(440, 0.5, 44_100, 3.0);
        float[] y = Signals.sine(250, 0.3, 44_100, 3.0);
        Path f = dir.resolve("long.wav");
        WavWriter.write(f, new float[][] {x, y}, 44_100, SampleFormat.PCM_S16);
        AudioClip whole = AudioFiles.load(f);

        for (Segment s : new Segment[] {new Segment(0, 0.5), new Segment(1.2345, 2.0), new Segment(2.5, 9.0)}) {
            AudioClip part = AudioFiles.load(f, s);
            assertThat(part.samples()).containsExactly(AudioFiles.cut(f, whole, s).samples());
        }
    }

    @Test
    void segmentOutsideTheRecordingIsAnError() {
        Path f = dir.resolve("one.wav");
        WavWriter.write16kMono(f, new float[16_000]);

        assertThat(assertThrows(InputException.class, () -> AudioFiles.load(f, new Segment(2, 3))).problem())
                .contains("outside the recording");
    }

    @Test
    void thirtyMinuteFileStreamsThroughAtTheRightLength() throws IOException {
        // A sparse file: 30 min of silence at 16 kHz with a tone in its last second, decoded by streaming.
        int rate = 16_000;
        long frames = 30L * 60 * rate;
        Path f = dir.resolve("long30.wav");
        byte[] header = WavWriter.header(1, rate, SampleFormat.PCM_S16, false, frames * 2);
        float[] tone = Signals.sine(440, 0.5, rate, 1.0);
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.write(header);
            raf.setLength(header.length + frames * 2);
            raf.seek(header.length + (frames - rate) * 2);
            short[] pcm = new short[rate];
            for (int i = 0; i < rate; i++) {
                pcm[i] = (short) Math.round(tone[i] * 32767);
            }
            raf.write(le16(pcm));
        }

        AudioClip clip = AudioFiles.load(f);

        assertThat(clip.samples()).hasSize((int) frames);
        assertThat(Signals.toneAmplitude(clip.samples(), (int) frames - WINDOW, WINDOW, 440, rate))
                .isCloseTo(0.5, within(0.001));
        assertThat(Signals.rms(clip.samples(), 0, rate * 60)).isZero();
    }

    // ---- errors ----

    @Test
    void emptyFileIsNamed() throws IOException {
        Path f = Files.createFile(dir.resolve("empty.wav"));
        InputException e = assertThrows(InputException.class, () -> AudioFiles.load(f));
        assertThat(e.getMessage()).isEqualTo(f + ": is empty (0 bytes)");
    }

    @Test
    void truncatedHeaderIsNamed() throws IOException {
        Path f = dir.resolve("cut.wav");
        Files.write(f, Arrays.copyOf(riff(chunk("fmt ", fmt(1, 1, 16_000, 16)), chunk("data", new byte[4])), 10));
        assertThat(assertThrows(InputException.class, () -> AudioFiles.load(f)).problem()).contains("truncated");

        Path g = dir.resolve("cutfmt.wav");
        Files.write(g, Arrays.copyOf(riff(chunk("fmt ", fmt(1, 1, 16_000, 16)), chunk("data", new byte[4])), 28));
        assertThat(assertThrows(InputException.class, () -> AudioFiles.probe(g)).problem())
                .contains("truncated").contains("fmt chunk");
    }

    @Test
    void textFileRenamedToWavSaysItIsNotAWavFile() throws IOException {
        Path f = dir.resolve("notes.wav");
        Files.writeString(f, "This is not audio.\n");
        assertThat(assertThrows(InputException.class, () -> AudioFiles.load(f)).problem())
                .isEqualTo("is not a WAV file: it starts with \"This\" instead of \"RIFF\"");
    }

    @Test
    void riffOfAnotherTypeIsNotWaveAudio() throws IOException {
        Path f = dir.resolve("movie.wav");
        byte[] bytes = riff(chunk("avih", new byte[8]));
        bytes[8] = 'A';
        bytes[9] = 'V';
        bytes[10] = 'I';
        bytes[11] = ' ';
        Files.write(f, bytes);
        assertThat(assertThrows(InputException.class, () -> AudioFiles.load(f)).problem())
                .isEqualTo("is a RIFF file of type \"AVI \", not WAVE audio");
    }

    @Test
    void zeroSamplesIsAnError() throws IOException {
        Path f = dir.resolve("silent.wav");
        Files.write(f, riff(chunk("fmt ", fmt(1, 1, 16_000, 16)), chunk("data", new byte[0])));
        assertThat(assertThrows(InputException.class, () -> AudioFiles.load(f)).problem())
                .contains("no audio samples");
        assertThat(AudioFiles.probe(f).frames()).isZero();
    }

    @Test
    void missingDataChunkIsAnError() throws IOException {
        Path f = dir.resolve("nodata.wav");
        Files.write(f, riff(chunk("fmt ", fmt(1, 1, 16_000, 16)), chunk("LIST", new byte[6])));
        assertThat(assertThrows(InputException.class, () -> AudioFiles.load(f)).problem())
                .isEqualTo("has no data chunk (no audio samples)");
    }

    @Test
    void directoryAndMissingFileAreNamed() {
        assertThat(assertThrows(InputException.class, () -> AudioFiles.load(dir)).problem())
                .isEqualTo("is a directory, not an audio file");
        Path missing = dir.resolve("nope.wav");
        InputException e = assertThrows(InputException.class, () -> AudioFiles.probe(missing));
        assertThat(e.getMessage()).isEqualTo(missing + ": does not exist");
    }

    @Test
    void adpcmWithoutFfmpegSaysWhichEncodingNeedsIt() throws IOException {
        Path f = dir.resolve("adpcm.wav");
        byte[] fmt = fmt(2, 1, 8_000, 4);
        ByteBuffer.wrap(fmt).order(ByteOrder.LITTLE_ENDIAN).putShort(12, (short) 256);
        Files.write(f, riff(chunk("fmt ", fmt), chunk("data", new byte[512])));
        String old = System.getProperty("e2v.ffmpeg");
        System.setProperty("e2v.ffmpeg", dir.resolve("no-ffmpeg-here").toString());
        try {
            assertThat(assertThrows(InputException.class, () -> AudioFiles.load(f)).problem())
                    .isEqualTo("WAV with Microsoft ADPCM encoding (WAV format tag 0x0002) needs ffmpeg; "
                            + "install it with: apt-get install ffmpeg");
            assertThat(AudioFiles.probe(f).format()).isEqualTo("wav tag 0x0002");
        } finally {
            restore(old);
        }
    }

    @Test
    void inconsistentHeaderIsAnError() throws IOException {
        byte[] fmt = fmt(1, 2, 16_000, 16);
        ByteBuffer.wrap(fmt).order(ByteOrder.LITTLE_ENDIAN).putShort(12, (short) 3);
        Path f = dir.resolve("odd.wav");
        Files.write(f, riff(chunk("fmt ", fmt), chunk("data", new byte[12])));
        assertThat(assertThrows(InputException.class, () -> AudioFiles.load(f)).problem())
                .contains("3 bytes per frame for 2 channels");
    }

    @Test
    void g711CodesDecodeToTheStandardLinearValues() {
        assertThat(WavReader.mulaw((byte) 0xFF)).isZero();
        assertThat(WavReader.mulaw((byte) 0x80)).isEqualTo(32_124);
        assertThat(WavReader.mulaw((byte) 0x00)).isEqualTo(-32_124);
        assertThat(WavReader.alaw((byte) 0xD5)).isEqualTo(8);
        assertThat(WavReader.alaw((byte) 0x55)).isEqualTo(-8);
        assertThat(WavReader.alaw((byte) 0xAA)).isEqualTo(32_256);
    }

    static void restore(String old) {
        if (old == null) {
            System.clearProperty("e2v.ffmpeg");
        } else {
            System.setProperty("e2v.ffmpeg", old);
        }
    }

    // ---- hand-made RIFF files ----

    static byte[] fmt(int tag, int channels, int rate, int bits) {
        int blockAlign = channels * Math.max(1, bits / 8);
        return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putShort((short) tag).putShort((short) channels)
                .putInt(rate).putInt(rate * blockAlign).putShort((short) blockAlign).putShort((short) bits).array();
    }

    static byte[] chunk(String id, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(8 + body.length + (body.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
        b.put(id.getBytes(StandardCharsets.US_ASCII)).putInt(body.length).put(body);
        return b.array();
    }

    static byte[] riff(byte[]... chunks) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] c : chunks) {
            body.writeBytes(c);
        }
        ByteBuffer b = ByteBuffer.allocate(12 + body.size()).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(4 + body.size())
                .put("WAVE".getBytes(StandardCharsets.US_ASCII)).put(body.toByteArray());
        return b.array();
    }

    static byte[] riffWithSizes(long riffSize, byte[] fmt, long dataSize, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(12 + 8 + fmt.length + 8 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt((int) riffSize)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(fmt.length).put(fmt);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt((int) dataSize).put(data);
        return b.array();
    }

    static byte[] le16(short[] pcm) {
        ByteBuffer b = ByteBuffer.allocate(2 * pcm.length).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : pcm) {
            b.putShort(s);
        }
        return b.array();
    }
}
