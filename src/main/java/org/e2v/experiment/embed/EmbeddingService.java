package org.e2v.experiment.embed;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.e2v.common.AtomicFiles;
import org.e2v.common.CancellationToken;
import org.e2v.common.InputException;
import org.e2v.common.ProgressSink;
import org.e2v.domain.CorpusProblem;
import org.e2v.domain.FeatureMatrix;
import org.e2v.domain.Utterance;
import org.e2v.features.FeatureResult;
import org.e2v.features.FeatureService;
import org.e2v.features.FeatureSpec;
import org.e2v.features.FeatureSpecs;
import org.e2v.model.EncoderModel;
import org.e2v.model.LoadedModel;
import org.e2v.train.Frames;

/**
 * Embeds utterances with a saved encoder. The features are made as the model file's provenance
 * records (feature set, settings, normalisation), so an encoder is never fed features it was not
 * trained on. Embeddings are cached per model hash, keyed by utterance id, segment and audio file
 * size and modification time, so adding an utterance to an enrollment bin never re-embeds anything;
 * with the cache on, a model's {@link EmbeddingBundle} fills the cache for audio it holds.
 * Synchronous; the model lives on the calling thread.
 */
public final class EmbeddingService {
    private static final int MAGIC = 0x45324d42; // "E2MB"
    private static final int VERSION = 1;
    private static final int BATCH = 32;

    private final Path cacheDir;
    private final Path featureCacheDir;

    /**
     * @param cacheDir        embedding cache folder (null = no cache)
     * @param featureCacheDir feature cache folder (null = no cache)
     */
    public EmbeddingService(Path cacheDir, Path featureCacheDir) {
        this.cacheDir = cacheDir;
        this.featureCacheDir = featureCacheDir;
    }

    /** The service with the user's caches (embeddings and features under the user folder's cache/). */
    public static EmbeddingService standard() {
        Path cache = org.e2v.common.AppInfo.userDir().resolve("cache");
        return new EmbeddingService(cache.resolve("embeddings"), cache.resolve("features"));
    }

    public EmbeddingResult embed(Path modelFile, List<Utterance> utterances, ProgressSink progress, CancellationToken cancel) {
        String hash = sha256(modelFile);
        Map<String, float[]> cached = readCache(hash);
        EmbeddingResult fromBundle = fromBundle(modelFile, hash, cached, utterances);
        if (fromBundle != null) {
            return fromBundle;
        }
        LoadedModel loaded = EncoderModel.load(modelFile, null);
        try (EncoderModel model = loaded.model()) {
            FeatureSpec spec = featureSpec(modelFile, loaded);
            int maxFrames = intOr(loaded.provenance().training().get("max_frames"), 0);
            Map<String, float[]> out = new LinkedHashMap<>();
            List<Utterance> todo = new ArrayList<>();
            int hits = 0;
            for (Utterance u : utterances) {
                float[] v = cached.get(key(u));
                if (v != null && v.length == model.embeddingDims()) {
                    out.put(u.id(), v);
                    hits++;
                } else {
                    todo.add(u);
                }
            }
            List<CorpusProblem> problems = new ArrayList<>();
            if (!todo.isEmpty()) {
                FeatureResult features = new FeatureService(featureCacheDir, 0).extract(todo, spec, progress, cancel);
                problems.addAll(features.summary().problems());
                List<Utterance> ready = todo.stream().filter(u -> features.get(u.id()) != null).toList();
                for (int i = 0; i < ready.size(); i += BATCH) {
                    cancel.throwIfCancelled();
                    List<Utterance> batch = ready.subList(i, Math.min(ready.size(), i + BATCH));
                    List<FeatureMatrix> inputs = new ArrayList<>();
                    for (Utterance u : batch) {
                        FeatureMatrix m = features.get(u.id());
                        model.checkInputDims(m.dims());
                        inputs.add(Frames.centreCrop(m, maxFrames));
                    }
                    float[][] vectors = model.embed(inputs);
                    for (int b = 0; b < batch.size(); b++) {
                        cached.put(key(batch.get(b)), vectors[b]);
                    }
                    progress.report("embed", Math.min(ready.size(), i + BATCH), ready.size());
                }
                for (Utterance u : utterances) {
                    float[] v = cached.get(key(u));
                    if (v != null && !out.containsKey(u.id())) {
                        out.put(u.id(), v);
                    }
                }
                writeCache(hash, cached);
            }
            Map<String, float[]> ordered = new LinkedHashMap<>();
            for (Utterance u : utterances) {
                if (out.containsKey(u.id())) {
                    ordered.put(u.id(), out.get(u.id()));
                }
            }
            return new EmbeddingResult(hash, model.classNames(), model.embeddingDims(), ordered, problems, hits);
        }
    }

    /**
     * Every embedding from the caches when the model's {@link EmbeddingBundle} (with the embedding
     * cache) holds all {@code utterances}: then neither features nor the encoder are needed. Null
     * when there is no bundle or it lacks some utterance: the caller embeds the rest as usual, and
     * the bundle's entries, put into {@code cached}, count as cache hits and are saved with the rest.
     */
    private EmbeddingResult fromBundle(Path modelFile, String hash, Map<String, float[]> cached, List<Utterance> utterances) {
        if (cacheDir == null) {
            return null; // without a cache everything is computed afresh, as asked
        }
        EmbeddingBundle bundle = EmbeddingBundle.readBeside(modelFile, hash);
        if (bundle == null) {
            return null;
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        boolean learned = false;
        boolean complete = true;
        for (Utterance u : utterances) {
            String key = key(u);
            float[] v = cached.get(key);
            if (v == null || v.length != bundle.dims()) {
                v = bundle.get(u);
                if (v != null) {
                    cached.put(key, v);
                    learned = true;
                }
            }
            if (v == null) {
                complete = false;
            } else {
                out.putIfAbsent(u.id(), v);
            }
        }
        if (!complete) {
            return null;
        }
        if (learned) {
            writeCache(hash, cached);
        }
        return new EmbeddingResult(hash, bundle.classNames(), bundle.dims(), out, List.of(), utterances.size());
    }

    /** The feature spec recorded in the model file. */
    static FeatureSpec featureSpec(Path modelFile, LoadedModel loaded) {
        Map<String, Object> config = loaded.provenance().featureConfig();
        if (config == null || config.isEmpty() || (config.size() == 1 && "unknown".equals(config.get("status")))) {
            // Older model files (ModelFile loads their missing provenance as "unknown") cannot be
            // paired with features safely: guessing could embed with the wrong extractor.
            throw new InputException(modelFile, "records no feature configuration (saved by an older e2v, model schema "
                    + loaded.schemaVersion() + "), so e2v cannot tell which features it expects: retrain the encoder "
                    + "with this version");
        }
        try {
            return FeatureSpecs.fromJson(new ObjectMapper().writeValueAsString(config));
        } catch (IOException | RuntimeException e) {
            throw new InputException(modelFile, "has a feature configuration this version cannot read: " + e.getMessage(), e);
        }
    }

    static String key(Utterance u) {
        long size = -1;
        long modified = -1;
        try {
            if (u.audio() != null) {
                size = Files.size(u.audio());
                modified = Files.getLastModifiedTime(u.audio()).toMillis();
            }
        } catch (IOException e) {
            size = -2;
        }
        String seg = u.segment() == null ? "" : u.segment().startSeconds() + "-" + u.segment().endSeconds();
        return u.id() + "|" + seg + "|" + size + "|" + modified;
    }

    private Map<String, float[]> readCache(String hash) {
        Map<String, float[]> m = new LinkedHashMap<>();
        if (cacheDir == null) {
            return m;
        }
        Path f = cacheDir.resolve(hash + ".emb");
        if (!Files.isRegularFile(f)) {
            return m;
        }
        try (InputStream raw = Files.newInputStream(f); DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                return m;
            }
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                String key = in.readUTF();
                float[] v = new float[in.readInt()];
                for (int k = 0; k < v.length; k++) {
                    v[k] = in.readFloat();
                }
                m.put(key, v);
            }
        } catch (IOException e) {
            // A damaged cache is only a cache: start afresh, the next write replaces it.
            m.clear();
        }
        return m;
    }

    private void writeCache(String hash, Map<String, float[]> entries) {
        if (cacheDir == null) {
            return;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(entries.size());
            for (var e : entries.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().length);
                for (float x : e.getValue()) {
                    out.writeFloat(x);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        AtomicFiles.writeBytes(cacheDir.resolve(hash + ".emb"), bytes.toByteArray());
    }

    /** SHA-256 of a file's bytes, hex. */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new InputException(file, "could not be read: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int intOr(Object v, int fallback) {
        return v instanceof Number n ? n.intValue() : fallback;
    }
}
