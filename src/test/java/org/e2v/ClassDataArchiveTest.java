package org.e2v;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataArchiveTest {
    @TempDir
    Path dir;

    @Test
    void theKeyFollowsTheRuntimeAndEveryJarsSizeAndTime() throws Exception {
        Path jar = Files.writeString(dir.resolve("e2v.jar"), "v1");
        String cp = jar.toString();
        String k1 = ClassDataArchive.key("/jdk", "17.0.15", List.of(cp));
        assertThat(ClassDataArchive.key("/jdk", "17.0.15", List.of(cp))).isEqualTo(k1).hasSize(16);
        assertThat(ClassDataArchive.key("/jdk", "17.0.16", List.of(cp))).isNotEqualTo(k1);
        assertThat(ClassDataArchive.key("/other-jdk", "17.0.15", List.of(cp))).isNotEqualTo(k1);
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 5_000));
        String k2 = ClassDataArchive.key("/jdk", "17.0.15", List.of(cp));
        assertThat(k2).isNotEqualTo(k1);
        Files.writeString(jar, "version 2");
        assertThat(ClassDataArchive.key("/jdk", "17.0.15", List.of(cp))).isNotEqualTo(k2);
    }

    @Test
    void theFirstStartRecordsAndLaterStartsMapTheArchive() throws Exception {
        Path jar = Files.writeString(dir.resolve("e2v.jar"), "x");
        Path folder = dir.resolve("cache").resolve("cds");
        ClassDataArchive first = ClassDataArchive.forClassPath(folder, "/jdk", "17", jar.toString(), 42);
        assertThat(first.jvmOptions()).contains("-XX:ArchiveClassesAtExit=" + first.pending()).contains("-Xlog:cds=off");
        assertThat(folder).isDirectory();
        Files.writeString(first.pending(), "archive bytes");   // what the child JVM writes at exit
        first.childExited(0);
        assertThat(first.archive()).hasContent("archive bytes");
        assertThat(first.pending()).doesNotExist();

        ClassDataArchive later = ClassDataArchive.forClassPath(folder, "/jdk", "17", jar.toString(), 43);
        assertThat(later.archive()).isEqualTo(first.archive());
        assertThat(later.jvmOptions()).contains("-XX:SharedArchiveFile=" + first.archive(), "-Xshare:auto");
    }

    @Test
    void anArchiveFromACrashedOrEmptyRunIsDiscarded() throws Exception {
        Path jar = Files.writeString(dir.resolve("e2v.jar"), "x");
        ClassDataArchive a = ClassDataArchive.forClassPath(dir, "/jdk", "17", jar.toString(), 7);
        Files.writeString(a.pending(), "half");
        a.childExited(134); // SIGABRT: maybe half-written
        assertThat(a.pending()).doesNotExist();
        assertThat(a.archive()).doesNotExist();

        Files.createFile(a.pending());
        a.childExited(0); // nothing recorded
        assertThat(a.archive()).doesNotExist();

        Files.writeString(a.pending(), "whole");
        a.childExited(143); // stopped by SIGTERM: the JVM shut down in order and wrote it
        assertThat(a.archive()).hasContent("whole");
    }

    @Test
    void itCanBeSwitchedOff() throws Exception {
        System.setProperty("e2v.noCds", "true");
        try {
            assertThat(ClassDataArchive.forClassPath(dir, "/jdk", "17", "a.jar", 1)).isNull();
        } finally {
            System.clearProperty("e2v.noCds");
        }
        assertThat(ClassDataArchive.forClassPath(dir, "/jdk", "17", "", 1)).isNull();
    }

    @Test
    void theBuildsArchiveBesideTheJarIsPreferredUntilTheJvmRefusesIt() throws Exception {
        Path jar = Files.writeString(dir.resolve("e2v.jar"), "x");
        Path jsa = Files.writeString(dir.resolve("e2v.jsa"), "archive");
        Files.setLastModifiedTime(jsa, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 1_000));
        Path folder = dir.resolve("cds");
        ClassDataArchive a = ClassDataArchive.forClassPath(folder, "/jdk", "17", jar.toString(), 5);
        assertThat(a.usesBuildArchive()).isTrue();
        assertThat(a.jvmOptions()).contains("-XX:SharedArchiveFile=" + jsa, "-Xshare:auto")
                .noneMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit"));
        String marker = a.childEnvironment().get(ClassDataArchive.CHECK_ENV);
        assertThat(marker).isNotNull();

        // the child runs with sharing: nothing to report
        assertThat(ClassDataArchive.reportIfNotMapped(marker, "mixed mode, sharing")).isFalse();
        assertThat(a.usesBuildArchive()).isTrue();
        // another JDK refused it: the next start records an archive of its own
        assertThat(ClassDataArchive.reportIfNotMapped(marker, "mixed mode")).isTrue();
        ClassDataArchive next = ClassDataArchive.forClassPath(folder, "/jdk", "17", jar.toString(), 6);
        assertThat(next.usesBuildArchive()).isFalse();
        assertThat(next.childEnvironment()).isEmpty();
        assertThat(next.jvmOptions()).anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit="));
        assertThat(ClassDataArchive.reportIfNotMapped(null, "mixed mode")).isFalse();
    }

    @Test
    void anArchiveOlderThanTheJarOrBesideSomethingElseIsIgnored() throws Exception {
        Path jar = Files.writeString(dir.resolve("e2v.jar"), "x");
        Path jsa = Files.writeString(dir.resolve("e2v.jsa"), "archive");
        Files.setLastModifiedTime(jsa, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000));
        assertThat(ClassDataArchive.buildArchiveBeside(jar.toString())).isNull();
        Files.setLastModifiedTime(jsa, Files.getLastModifiedTime(jar));
        assertThat(ClassDataArchive.buildArchiveBeside(jar.toString())).isEqualTo(jsa);
        assertThat(ClassDataArchive.buildArchiveBeside(dir.resolve("classes").toString())).isNull();
        assertThat(ClassDataArchive.buildArchiveBeside(dir.resolve("absent.jar").toString())).isNull();
    }
}
