package org.e2v.features;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.e2v.common.InputException;
import org.e2v.domain.FeatureMatrix;

/**
 * Precomputed frame-level features (e.g. vq-wav2vec from fairseq, Sec. 3.2) indexed by utterance
 * id. The source is a folder (searched recursively) or a single file:
 * <ul>
 *   <li>{@code <id>.npy}: one array per utterance, shape (T, D); (D,) is read as one frame
 *       (T = 1, an utterance-level vector); (1, T, D) is squeezed to (T, D);</li>
 *   <li>{@code *.npz}: archives whose member names are utterance ids;</li>
 *   <li>{@code *.csv}: long format with header {@code utterance_id,frame,<name of dim 0>,...}, one
 *       row per frame, frames 0..T-1 in order and each utterance's rows together.</li>
 * </ul>
 * The index is built on {@link #open}; arrays are read on {@link #load} (CSV files are parsed
 * up front). Layouts are documented in docs/data-formats-features.md.
 */
public final class FeatureImporter {
    /** Where one utterance's features live. */
    private record Location(Path file, String member, FeatureMatrix parsed) {
        String describe() {
            return member == null ? file.toString() : file + " (member " + member + ")";
        }
    }

    private final Path source;
    private final Map<String, Location> index;

    private FeatureImporter(Path source, Map<String, Location> index) {
        this.source = source;
        this.index = index;
    }

    /** Indexes {@code source}; throws when it does not exist, holds no feature files, or an id appears twice. */
    public static FeatureImporter open(Path source) {
        if (source == null || !Files.exists(source)) {
            throw new InputException(source, "does not exist (expected a folder of .npy/.npz/.csv feature files)");
        }
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(source)) {
            try (Stream<Path> walk = Files.walk(source)) {
                walk.filter(Files::isRegularFile).filter(FeatureImporter::isFeatureFile).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new InputException(source, "could not be listed: " + e.getMessage(), e);
            }
        } else if (isFeatureFile(source)) {
            files.add(source);
        } else {
            throw new InputException(source, "is not a .npy, .npz or .csv feature file");
        }
        if (files.isEmpty()) {
            throw new InputException(source, "contains no .npy, .npz or .csv feature files");
        }
        Map<String, Location> index = new LinkedHashMap<>();
        for (Path file : files) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".npy")) {
                add(index, stem(file), new Location(file, null, null));
            } else if (name.endsWith(".npz")) {
                for (String member : Npy.npzMembers(file)) {
                    add(index, member, new Location(file, member, null));
                }
            } else {
                for (FeatureMatrix m : readCsv(file)) {
                    add(index, m.utteranceId(), new Location(file, null, m));
                }
            }
        }
        return new FeatureImporter(source, index);
    }

    private static boolean isFeatureFile(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".npy") || n.endsWith(".npz") || n.endsWith(".csv");
    }

    private static void add(Map<String, Location> index, String id, Location location) {
        Location previous = index.putIfAbsent(id, location);
        if (previous != null) {
            throw new InputException(location.file(), "holds features for utterance '" + id + "', which "
                    + previous.describe() + " also holds; each utterance may appear only once");
        }
    }

    static String stem(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    public Path source() {
        return source;
    }

    /** Utterance ids with features, in file order. */
    public Set<String> ids() {
        return index.keySet();
    }

    public boolean contains(String id) {
        return index.containsKey(id);
    }

    /** The file (and member) holding {@code id}'s features, for messages. */
    public String locationOf(String id) {
        Location l = index.get(id);
        return l == null ? null : l.describe();
    }

    /**
     * Reads and checks {@code id}'s features: shape (T, D) with T, D > 0, all values finite.
     *
     * @throws InputException naming the file for an unknown id, a malformed file, a wrong shape,
     *                        an empty array, or a NaN/Inf value (with its frame and dimension)
     */
    public FeatureMatrix load(String id) {
        Location l = index.get(id);
        if (l == null) {
            throw new InputException(source, "has no features for utterance '" + id + "'");
        }
        Path where = l.member() == null ? l.file() : Path.of(l.file() + "!" + l.member() + ".npy");
        FeatureMatrix m;
        if (l.parsed() != null) {
            m = l.parsed();
        } else {
            NpyArray a = l.member() == null ? Npy.read(l.file()) : Npy.readNpzMember(l.file(), l.member());
            m = toMatrix(id, a, where);
        }
        checkFinite(m, where);
        return m;
    }

    /** (T, D) as is, (D,) as one frame, (1, T, D) squeezed; anything else is an error. */
    static FeatureMatrix toMatrix(String id, NpyArray a, Path file) {
        int[] s = a.shape();
        int frames;
        int dims;
        if (s.length == 2) {
            frames = s[0];
            dims = s[1];
        } else if (s.length == 1) {
            frames = 1;
            dims = s[0];
        } else if (s.length == 3 && s[0] == 1) {
            frames = s[1];
            dims = s[2];
        } else {
            throw new InputException(file, "has shape " + a.shapeText()
                    + "; expected (frames, dims), (dims,) or (1, frames, dims)");
        }
        if (frames == 0 || dims == 0) {
            throw new InputException(file, "holds an empty array of shape " + a.shapeText());
        }
        return new FeatureMatrix(id, frames, dims, a.data());
    }

    static void checkFinite(FeatureMatrix m, Path file) {
        float[] d = m.data();
        for (int i = 0; i < d.length; i++) {
            if (!Float.isFinite(d[i])) {
                throw new InputException(file, "has " + (Float.isNaN(d[i]) ? "a NaN" : "an infinite")
                        + " value at frame " + i / m.dims() + ", dimension " + i % m.dims());
            }
        }
    }

    /** Parses the long CSV layout (see class comment). */
    static List<FeatureMatrix> readCsv(Path file) {
        List<FeatureMatrix> result = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null || header.isBlank()) {
                throw new InputException(file, "is empty (expected a header utterance_id,frame,f0,f1,...)");
            }
            String[] names = header.strip().split(",", -1);
            if (names.length < 3 || !names[0].strip().replace("\uFEFF", "").equals("utterance_id")
                    || !names[1].strip().equals("frame")) {
                throw new InputException(file, "line 1: header must start with utterance_id,frame and name at least one "
                        + "feature column, found: " + header.strip());
            }
            int dims = names.length - 2;
            String currentId = null;
            List<float[]> rows = new ArrayList<>();
            java.util.Set<String> finished = new java.util.HashSet<>();
            String line;
            int lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != names.length) {
                    throw new InputException(file, "line " + lineNo + ": " + f.length + " fields, the header has " + names.length);
                }
                String id = f[0].strip();
                if (id.isEmpty()) {
                    throw new InputException(file, "line " + lineNo + ": empty utterance_id");
                }
                if (!id.equals(currentId)) {
                    if (currentId != null) {
                        result.add(matrix(currentId, rows, dims));
                        finished.add(currentId);
                    }
                    if (finished.contains(id)) {
                        throw new InputException(file, "line " + lineNo + ": rows of utterance '" + id
                                + "' are not together (it appeared earlier)");
                    }
                    currentId = id;
                    rows = new ArrayList<>();
                }
                int frame;
                try {
                    frame = Integer.parseInt(f[1].strip());
                } catch (NumberFormatException e) {
                    throw new InputException(file, "line " + lineNo + ": frame '" + f[1] + "' is not an integer");
                }
                if (frame != rows.size()) {
                    throw new InputException(file, "line " + lineNo + ": utterance '" + id + "' frame " + frame
                            + " where frame " + rows.size() + " was expected (frames must run 0, 1, 2, ... in order)");
                }
                float[] row = new float[dims];
                for (int d = 0; d < dims; d++) {
                    try {
                        row[d] = Float.parseFloat(f[d + 2].strip());
                    } catch (NumberFormatException e) {
                        throw new InputException(file, "line " + lineNo + ": value '" + f[d + 2] + "' in column "
                                + names[d + 2].strip() + " is not a number");
                    }
                }
                rows.add(row);
            }
            if (currentId != null) {
                result.add(matrix(currentId, rows, dims));
            }
        } catch (IOException e) {
            throw new InputException(file, "could not be read: " + e.getMessage(), e);
        }
        return result;
    }

    private static FeatureMatrix matrix(String id, List<float[]> rows, int dims) {
        float[] data = new float[rows.size() * dims];
        for (int t = 0; t < rows.size(); t++) {
            System.arraycopy(rows.get(t), 0, data, t * dims, dims);
        }
        return new FeatureMatrix(id, rows.size(), dims, data);
    }
}
