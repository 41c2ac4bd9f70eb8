package org.e2v.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.e2v.audio.Ffmpeg;
import org.e2v.audio.Microphone;
import org.e2v.common.AppInfo;
import org.e2v.model.BackendInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code e2v info}: versions, ND4J backend and devices, threads, microphone and ffmpeg. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Print the e2v and Java versions, the ND4J backend and its devices, thread settings, "
                + "and whether a microphone and ffmpeg are available (JSON).")
public final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("e2v", AppInfo.version());
        info.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        info.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        var backend = BackendInfo.describe();
        Map<String, Object> nd4j = new LinkedHashMap<>();
        nd4j.put("kind", backend.kind());
        nd4j.put("backend", backend.backend());
        nd4j.put("devices", backend.devices());
        nd4j.put("blas", backend.blasVendor());
        info.put("nd4j", nd4j);
        Map<String, Object> threads = AppInfo.threadsAndHeap();
        threads.put("nd4j_omp_threads", backend.ompThreads());
        info.put("threads", threads);
        info.put("microphone", Microphone.isAvailable());
        info.put("ffmpeg", Ffmpeg.versionLine().orElse("not found (install it with: apt-get install ffmpeg)"));
        info.put("resources", AppInfo.resourcesDir().toString());
        info.put("user_dir", AppInfo.userDir().toString());
        Json.print(spec.commandLine().getOut(), info);
        return 0;
    }
}
