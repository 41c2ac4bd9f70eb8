package org.e2v.ui.corpus;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.e2v.domain.Corpus;
import org.e2v.domain.CorpusProblem;
import org.e2v.domain.EmotionLabel;
import org.e2v.domain.Speaker;
import org.e2v.domain.Split;
import org.e2v.domain.Utterance;

/** Small corpora of generated WAV files for the Corpus screen's tests. */
public final class TestCorpora {
    private TestCorpora() {
    }

    /** Writes a 16 kHz mono 16-bit sine of {@code seconds} to {@code file}. */
    public static Path writeSine(Path file, double hz, double seconds, double amplitude) {
        int n = (int) Math.round(seconds * 16000);
        byte[] pcm = new byte[2 * n];
        for (int i = 0; i < n; i++) {
            int v = (int) Math.round(amplitude * 32767 * Math.sin(2 * Math.PI * hz * i / 16000));
            pcm[2 * i] = (byte) v;
            pcm[2 * i + 1] = (byte) (v >> 8);
        }
        AudioFormat format = new AudioFormat(16000, 16, 1, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), format, n)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * Six utterances: speakers s1..s3, labels angry/sad/neutral, splits train/test, durations
     * 0.5, 1.0, ... 3.0 s, plus one problem.
     */
    public static Corpus sixUtterances(Path dir) {
        String[] labels = {"angry", "sad", "neutral", "angry", "sad", "neutral"};
        List<Utterance> us = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Path wav = writeSine(dir.resolve("utt" + i + ".wav"), 200 + 100 * i, 0.5 * (i + 1), 0.6);
            us.add(new Utterance("utt" + i, wav, null, Speaker.of("s" + (i % 3 + 1)), EmotionLabel.of(labels[i]),
                    i < 4 ? Split.TRAIN : Split.TEST, i / 10.0 + 0.4));
        }
        return new Corpus("six", dir, "manifest", us, List.of(new CorpusProblem("missing.wav", "does not exist")));
    }
}
