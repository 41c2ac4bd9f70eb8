package org.e2v.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.e2v.common.InputException;
import org.e2v.domain.EmotionLabel;
import org.e2v.domain.Speaker;
import org.e2v.domain.Split;
import org.e2v.domain.Utterance;

/**
 * Loads {@code root/<label>/<file>.<audio>}: each subfolder is a class (spellings normalised by
 * {@link LabelNames}), each audio file below it (at any depth) an utterance whose id is the file stem.
 * The speaker comes from {@code speakers.csv} in the root ({@code file,speaker[,dyad]}, file relative to
 * the root), else from a {@code <speaker>_} file-name prefix, else it is "unknown".
 */
public final class FolderLoader {
    private FolderLoader() {
    }

    static boolean looksLike(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).filter(p -> !GenericLoaders.isHidden(p))
                    .anyMatch(sub -> GenericLoaders.files(sub).stream().anyMatch(GenericLoaders::isAudio));
        } catch (IOException | InputException e) {
            return false;
        }
    }

    public static LoadedCorpus load(Path root, LoaderOptions options) {
        if (!Files.isDirectory(root)) {
            throw new InputException(root, "is not a folder");
        }
        CorpusBuilder builder = new CorpusBuilder(root, options);
        Map<Path, Speaker> sidecar = GenericLoaders.readSidecar(root, builder);
        for (Path file : GenericLoaders.files(root)) {
            if (!GenericLoaders.isAudio(file)) {
                continue;
            }
            Path rel = root.relativize(file);
            if (rel.getNameCount() < 2) {
                builder.problem(file, "audio file is not inside a label folder; ignored");
                continue;
            }
            EmotionLabel label = GenericLoaders.labelOrNull(rel.getName(0).toString(), builder);
            if (label == null || !builder.mediaUsable(file)) {
                continue;
            }
            Speaker speaker = GenericLoaders.speakerFor(file, sidecar, GenericLoaders.UNKNOWN_SPEAKER);
            builder.add(new Utterance(GenericLoaders.stem(file), file, null, speaker, label, Split.UNASSIGNED,
                    Double.NaN), file, null);
        }
        return builder.build(root.getFileName() == null ? root.toString() : root.getFileName().toString(), "folder");
    }
}
