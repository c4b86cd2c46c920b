package com.kidmodstudio.crafty.speech;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.givimad.piperjni.PiperJNI;
import io.github.givimad.whisperjni.WhisperJNI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * The native libraries load from the jars on this machine, from Crafty's own folder, unpacked
 * once and never into the system's temporary directory.
 */
class NativeLibrariesTest {
    @TempDir
    Path dir;

    private static Set<String> tempLeftovers() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("whisper-jni-") || n.startsWith("piper-jni-native"))
                    .collect(Collectors.toSet());
        }
    }

    @Test
    void both_libraries_load_from_the_jars_into_crafty_s_folder_and_nothing_into_the_temp_directory() throws Exception {
        Set<String> before = tempLeftovers();
        Path whisper = NativeLibraries.loadWhisper(Natives.dir());
        Path piper = NativeLibraries.loadPiper(Natives.dir());

        assertThat(whisper.startsWith(Natives.dir()), is(true));
        assertThat(piper.startsWith(Natives.dir()), is(true));
        assertThat(new WhisperJNI().getSystemInfo(), containsString("AVX"));
        PiperJNI jni = new PiperJNI();
        assertThat(jni.getPiperVersion(), not(""));
        jni.initialize(true, false);
        assertThat(jni.isInitialized(), is(true));
        assertThat(Files.isRegularFile(piper.resolve(NativeUnpack.ESPEAK_DATA).resolve("de_dict")), is(true));
        assertThat(tempLeftovers(), is(before));
    }

    @Test
    void a_folder_is_unpacked_once_and_again_only_when_incomplete() throws Exception {
        Path folder = dir.resolve("whisper-jni-1.7.1").resolve("debian-amd64");
        List<NativeUnpack.Entry> files = NativeLibraries.Platform.current().whisperFiles();

        assertThat(NativeUnpack.ensure(folder, WhisperJNI.class, files, null), is(true));
        Path library = folder.resolve(files.get(0).target());
        FileTime first = Files.getLastModifiedTime(library);
        Files.setLastModifiedTime(library, FileTime.fromMillis(first.toMillis() - 60_000));
        assertThat("a complete folder is left alone", NativeUnpack.ensure(folder, WhisperJNI.class, files, null), is(false));
        assertThat(Files.getLastModifiedTime(library).toMillis(), is(first.toMillis() - 60_000));

        Files.write(library, new byte[10]); // a copy cut short by a crash or a full disk
        assertThat(NativeUnpack.complete(folder), is(false));
        assertThat(NativeUnpack.ensure(folder, WhisperJNI.class, files, null), is(true));
        assertThat(NativeUnpack.complete(folder), is(true));
        try (Stream<Path> siblings = Files.list(folder.getParent())) {
            assertThat("no half-written folder is left", siblings.filter(p -> p.toString().contains(".partial-")).toList(),
                       is(empty()));
        }
    }
}
