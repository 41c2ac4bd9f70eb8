package org.e2v.experiment.embed;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.e2v.common.AtomicFiles;
import org.e2v.common.InputException;
import org.e2v.domain.Utterance;

/**
 * Embeddings that travel with a model file, in {@code <model file>.embeddings} beside it, keyed by
 * the content of each utterance's audio (SHA-256 of the file's bytes, plus the segment) rather than
 * its path and time stamp, so they stay valid when the corpus is copied, cloned or installed.
 *
 * <p>Why: the shipped demo encoder carries one for the shipped demo corpus, so the workbench can
 * enroll and verify within seconds of its first start, without extracting features and running the
 * encoder over 300 utterances first (issue #7, "demo encoder ready"). The embeddings are what the
 * encoder computes for that audio (the encoder is deterministic in evaluation mode), so a bundle is a
 * cache, not a result: a bundle whose model hash is not the model's is ignored, and utterances it
 * does not hold are embedded as usual. Written by {@code e2v embed --bundle}.
 */
public final class EmbeddingBundle {
    /** File name suffix after the model's own name. */
    public static final String SUFFIX = ".embeddings";
    private static final int MAGIC = 0x45324542; // "E2EB"
    private static final int VERSION = 1;
    private static final Logger LOG = Logger.getLogger(EmbeddingBundle.class.getName());

    private final String modelHash;
    private final List<String> classNames;
    private final int dims;
    private final Map<String, float[]> byContent;

    EmbeddingBundle(String modelHash, List<String> classNames, int dims, Map<String, float[]> byContent) {
        this.modelHash = modelHash;
        this.classNames = List.copyOf(classNames);
        this.dims = dims;
        this.byContent = byContent;
    }

    /** The bundle file of {@code modelFile}. */
    public static Path fileFor(Path modelFile) {
        return modelFile.resolveSibling(modelFile.getFileName() + SUFFIX);
    }

    /**
     * The bundle beside {@code modelFile} when there is one for this model ({@code modelHash}); null
     * when there is none, it belongs to another version of the model, or it cannot be read (a
     * damaged bundle only costs the time to embed, so it is logged, not raised).
     */
    static EmbeddingBundle readBeside(Path modelFile, String modelHash) {
        Path file = fileFor(modelFile);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            EmbeddingBundle b = read(file);
            if (!b.modelHash.equals(modelHash)) {
                LOG.info(() -> file + " was made for another version of " + modelFile.getFileName() + ": not used");
                return null;
            }
            return b;
        } catch (InputException e) {
            LOG.warning(e.getMessage() + "; embedding without it");
            return null;
        }
    }

    /** Reads a bundle. */
    public static EmbeddingBundle read(Path file) {
        try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(new BufferedInputStream(raw))) {
            if (in.readInt() != MAGIC) {
                throw new InputException(file, "is not an e2v embedding bundle");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new InputException(file, "is an embedding bundle of version " + version + "; this e2v reads version " + VERSION);
            }
            String hash = in.readUTF();
            int classes = in.readInt();
            if (classes < 0 || classes > 100_000) {
                throw new InputException(file, "is damaged (class count " + classes + ")");
            }
            List<String> names = new ArrayList<>(classes);
            for (int i = 0; i < classes; i++) {
                names.add(in.readUTF());
            }
            int dims = in.readInt();
            int n = in.readInt();
            if (dims < 1 || dims > 1 << 16 || n < 0 || n > 10_000_000) {
                throw new InputException(file, "is damaged (dims " + dims + ", entries " + n + ")");
            }
            Map<String, float[]> m = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                String key = in.readUTF();
                float[] v = new float[dims];
                for (int k = 0; k < dims; k++) {
                    v[k] = in.readFloat();
                    if (!Float.isFinite(v[k])) {
                        throw new InputException(file, "is damaged (a non-finite value in entry " + (i + 1) + ")");
                    }
                }
                m.put(key, v);
            }
            return new EmbeddingBundle(hash, names, dims, m);
        } catch (EOFException e) {
            throw new InputException(file, "is truncated", e);
        } catch (IOException e) {
            throw new InputException(file, "could not be read: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the bundle of {@code modelFile} (atomically) from embeddings of {@code utterances}.
     * Utterances without audio or without an embedding are left out.
     *
     * @return the number of entries written
     */
    public static int write(Path modelFile, EmbeddingResult embeddings, List<Utterance> utterances) {
        Map<String, float[]> byContent = new LinkedHashMap<>();
        for (Utterance u : utterances) {
            float[] v = embeddings.embeddings().get(u.id());
            String key = contentKey(u);
            if (v != null && key != null) {
                byContent.put(key, v);
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(embeddings.modelHash());
            out.writeInt(embeddings.classNames().size());
            for (String c : embeddings.classNames()) {
                out.writeUTF(c);
            }
            out.writeInt(embeddings.dims());
            out.writeInt(byContent.size());
            for (var e : byContent.entrySet()) {
                out.writeUTF(e.getKey());
                for (float x : e.getValue()) {
                    out.writeFloat(x);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        AtomicFiles.writeBytes(fileFor(modelFile), bytes.toByteArray());
        return byContent.size();
    }

    /** The content key of an utterance: hash of its audio file's bytes and its segment; null without audio. */
    static String contentKey(Utterance u) {
        if (u.audio() == null || !Files.isRegularFile(u.audio())) {
            return null;
        }
        try {
            String seg = u.segment() == null ? "" : u.segment().startSeconds() + "-" + u.segment().endSeconds();
            return EmbeddingService.sha256(u.audio()) + "|" + seg;
        } catch (InputException e) {
            return null;
        }
    }

    /** The embedding of {@code u}'s audio, or null when the bundle does not hold it. */
    float[] get(Utterance u) {
        String key = contentKey(u);
        return key == null ? null : byContent.get(key);
    }

    public String modelHash() {
        return modelHash;
    }

    public List<String> classNames() {
        return classNames;
    }

    public int dims() {
        return dims;
    }

    /** Number of embeddings held. */
    public int size() {
        return byContent.size();
    }
}
