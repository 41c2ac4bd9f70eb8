package org.e2v.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.e2v.common.CancellationToken;
import org.e2v.common.CancelledException;
import org.e2v.common.Progress;
import org.e2v.common.ProgressSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusSummaryTest {
    @Test
    void iemocapSummaryMeasuresWavHeadersAndCounts() {
        List<Progress> reports = new ArrayList<>();
        CorpusSummary s = CorpusSummary.of(CorpusLoaders.loadDetailed(Fixtures.iemocap(), "auto", LoaderOptions.defaults()),
                reports::add, CancellationToken.NONE);
        assertThat(s.format()).isEqualTo("iemocap");
        assertThat(s.utterances()).isEqualTo(14);
        // 14 fixture WAVs of 1600 samples at 16 kHz.
        assertThat(s.totalSeconds()).isCloseTo(14 * 0.1, within(1e-9));
        assertThat(s.utterancesWithoutDuration()).isZero();
        assertThat(s.countsBySpeaker()).containsExactly(entry("Ses01F", 2L), entry("Ses01M", 5L), entry("Ses02F", 4L),
                entry("Ses02M", 3L));
        assertThat(s.countsBySplit()).containsExactly(entry("unassigned", 14L));
        assertThat(s.countsByLabel()).containsEntry("frustrated", 2L).containsEntry("neutral", 3L);
        assertThat(s.excluded()).containsExactly(entry("agreement below 0.5", 1L), entry("label oth", 1L),
                entry("label xxx", 1L));
        assertThat(s.problems()).isEmpty();
        assertThat(reports).last().satisfies(p -> assertThat(p.fraction()).isEqualTo(1.0));
    }

    @Test
    void meldSummaryUsesDeclaredTimesAndTable2Layout() {
        CorpusSummary s = CorpusSummary.of(CorpusLoaders.loadDetailed(Fixtures.meld(), "meld", LoaderOptions.defaults()),
                ProgressSink.NONE, CancellationToken.NONE);
        double train = 5.672 + 1.502 + 2.947 + 2.793 + 2.083 + 0.750 + 1.500;
        double dev = 1.500 + 0.800 + 2.000;
        double test = 2.251 + 6.756 + 1.000;
        assertThat(s.totalSeconds()).isCloseTo(train + dev + test, within(1e-9));
        assertThat(s.countsBySplit()).containsExactly(entry("test", 3L), entry("train", 7L), entry("validation", 3L));
        assertThat(s.countsByLabelAndSplit().get("neutral"))
                .containsExactly(entry("test", 1L), entry("train", 2L), entry("validation", 1L));
        assertThat(s.problems()).extracting(Object::toString)
                .containsExactly("dev_splits_complete/dia110_utt7.mp4: missing audio/video file; utterance dropped");
    }

    @Test
    void partialCorpusListsEveryProblemByFile(@TempDir Path tmp) throws Exception {
        Path root = Fixtures.copyTree(Fixtures.iemocap(), tmp.resolve("IEMOCAP_full_release"));
        Files.delete(root.resolve("Session1/sentences/wav/Ses01F_impro01/Ses01F_impro01_M000.wav"));
        Files.write(root.resolve("Session2/sentences/wav/Ses02F_impro02/Ses02F_impro02_M001.wav"),
                "not a RIFF file at all".getBytes());
        CorpusSummary s = CorpusSummary.of(CorpusLoaders.loadDetailed(root, "auto", LoaderOptions.defaults()),
                ProgressSink.NONE, CancellationToken.NONE);
        assertThat(s.utterances()).isEqualTo(13);
        assertThat(s.utterancesWithoutDuration()).isEqualTo(1);
        assertThat(s.totalSeconds()).isCloseTo(12 * 0.1, within(1e-9));
        assertThat(s.problems()).hasSize(2);
        assertThat(s.problems().get(0).toString()).isEqualTo(
                "Session1/sentences/wav/Ses01F_impro01/Ses01F_impro01_M000.wav: missing audio/video file; utterance dropped");
        assertThat(s.problems().get(1).file()).isEqualTo("Session2/sentences/wav/Ses02F_impro02/Ses02F_impro02_M001.wav");
        assertThat(s.problems().get(1).problem()).startsWith("header unreadable: ");
    }

    @Test
    void summaryStopsWhenCancelled() {
        CancellationToken cancel = new CancellationToken();
        cancel.cancel();
        LoadedCorpus loaded = CorpusLoaders.loadDetailed(Fixtures.iemocap(), "iemocap", LoaderOptions.defaults());
        assertThatThrownBy(() -> CorpusSummary.of(loaded, ProgressSink.NONE, cancel)).isInstanceOf(CancelledException.class);
    }
}
