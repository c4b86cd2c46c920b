package com.kidmodstudio.crafty.speech;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.logging.Logger;

import io.github.givimad.piperjni.PiperJNI;
import io.github.givimad.piperjni.internal.NativeUtils;
import io.github.givimad.whisperjni.WhisperJNI;

/**
 * Loads the native libraries of whisper-jni and piper-jni from a directory of Crafty's own,
 * unpacking them from the jars only when that directory does not hold them yet.
 * <p>
 * Left alone, both jars copy their libraries into a new folder of the system's temporary
 * directory at every start (whisper-jni ~2 MB; piper-jni ~25 MB plus its 18 MB espeak-ng data,
 * which it never removes). whisper-jni reads the folder to load from in the system property
 * {@code io.github.givimad.whisperjni.libdir} and then extracts nothing. piper-jni has no such
 * switch (its {@code piperjni.libdir} only changes where it copies from), so its libraries are
 * loaded here in dependency order and its two private "already done" fields, {@code
 * PiperJNI.libraryLoaded} and {@code NativeUtils.espeakNGDir}, are set to what was loaded.
 * Every library has {@code RUNPATH $ORIGIN}, so one folder per jar is enough.
 * <p>
 * Layout: {@code <root>/whisper-jni-1.7.1/<platform>/} and {@code <root>/piper-jni-<version>/<platform>/}
 * with {@code espeak-ng-data/} inside; {@link NativeUnpack} writes each folder atomically.
 * A process loads each set once; later calls return the folder loaded first.
 */
public final class NativeLibraries {
    private static final Logger LOGGER = Logger.getLogger(NativeLibraries.class.getName());
    private static Path whisperDir;
    private static Path piperDir;

    private NativeLibraries() {
    }

    /**
     * Loads whisper.cpp and its JNI binding.
     *
     * @param root the natives directory, e.g. {@code ~/.local/share/crafty/natives}
     * @return the folder the libraries were loaded from
     * @throws IOException when this platform has no libraries or unpacking or loading failed
     */
    public static synchronized Path loadWhisper(Path root) throws IOException {
        if (whisperDir != null) {
            return whisperDir;
        }
        Platform platform = Platform.current();
        List<NativeUnpack.Entry> files = platform.whisperFiles();
        Path dir = root.resolve("whisper-jni-" + version(WhisperJNI.class, "whisper-jni")).resolve(platform.folder());
        NativeUnpack.ensure(dir, WhisperJNI.class, files, null);
        try {
            for (NativeUnpack.Entry file : files) {
                System.load(dir.resolve(file.target()).toAbsolutePath().toString());
            }
            System.setProperty("io.github.givimad.whisperjni.libdir", dir.toAbsolutePath().toString());
            WhisperJNI.loadLibrary(message -> LOGGER.fine(() -> "whisper-jni: " + message));
        } catch (UnsatisfiedLinkError e) {
            throw new IOException("cannot load whisper.cpp from " + dir + ": " + e.getMessage(), e);
        }
        whisperDir = dir;
        LOGGER.info(() -> "whisper.cpp native libraries loaded from " + dir);
        return dir;
    }

    /**
     * Loads Piper, onnxruntime and espeak-ng with its phoneme data.
     *
     * @param root the natives directory
     * @return the folder the libraries were loaded from; {@code espeak-ng-data/} is inside
     * @throws IOException when this platform has no libraries or unpacking or loading failed
     */
    public static synchronized Path loadPiper(Path root) throws IOException {
        if (piperDir != null) {
            return piperDir;
        }
        Platform platform = Platform.current();
        List<NativeUnpack.Entry> files = platform.piperFiles();
        Path dir = root.resolve("piper-jni-" + version(PiperJNI.class, "piper-jni")).resolve(platform.folder());
        NativeUnpack.ensure(dir, PiperJNI.class, files, "/espeak-ng-data.zip");
        try {
            for (NativeUnpack.Entry file : files) {
                if (file.load()) {
                    System.load(dir.resolve(file.target()).toAbsolutePath().toString());
                }
            }
            setStatic(PiperJNI.class, "libraryLoaded", Boolean.TRUE);
            setStatic(NativeUtils.class, "espeakNGDir", dir.resolve(NativeUnpack.ESPEAK_DATA).toAbsolutePath());
        } catch (UnsatisfiedLinkError e) {
            throw new IOException("cannot load Piper from " + dir + ": " + e.getMessage(), e);
        }
        piperDir = dir;
        LOGGER.info(() -> "Piper native libraries loaded from " + dir);
        return dir;
    }

    /**
     * Unpacks and loads both sets of libraries into a folder: {@code packaging/build-runtime.sh}
     * runs this with the runtime's own JVM, so the runtime ships them unpacked (its launchers
     * point {@code speech.natives} there) and a runtime that cannot load them is never built.
     *
     * @param args the folder
     * @throws IOException when unpacking or loading fails
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: NativeLibraries <folder>");
        }
        Path root = Path.of(args[0]).toAbsolutePath();
        System.out.println("whisper.cpp: " + loadWhisper(root) + " (" + new WhisperJNI().getSystemInfo().strip() + ")");
        Path piperDir = loadPiper(root);
        PiperJNI piper = new PiperJNI();
        piper.initialize(true, false);
        System.out.println("Piper " + piper.getPiperVersion() + ": " + piperDir);
        // not terminated: piper-jni's terminate without a voice ever loaded throws "map::at"; the process ends here
    }

    private static void setStatic(Class<?> type, String field, Object value) throws IOException {
        try {
            Field f = type.getDeclaredField(field);
            f.setAccessible(true);
            f.set(null, value);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IOException("piper-jni " + type.getSimpleName() + "." + field + " cannot be set: " + e, e);
        }
    }

    private static String version(Class<?> anchor, String artifact) throws IOException {
        String resource = "/META-INF/maven/io.github.givimad/" + artifact + "/pom.properties";
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(artifact + " has no " + resource);
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown").replaceAll("[^A-Za-z0-9._-]", "_");
        }
    }

    /**
     * An operating system and processor with the folder its libraries have in the jars.
     *
     * @param os   {@code linux}, {@code mac} or {@code win}
     * @param arch {@code amd64}, {@code arm64} or {@code armv7l}
     */
    record Platform(String os, String arch) {
        static Platform current() throws IOException {
            String name = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            String rawArch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
            String os = name.contains("win") ? "win" : name.contains("mac") || name.contains("darwin") ? "mac"
                    : name.contains("nux") || name.contains("nix") ? "linux" : "";
            String arch = rawArch.contains("amd64") || rawArch.contains("x86_64") ? "amd64"
                    : rawArch.contains("aarch64") || rawArch.contains("arm64") ? "arm64"
                    : rawArch.startsWith("arm") ? "armv7l" : "";
            Platform platform = new Platform(os, arch);
            if (os.isEmpty() || arch.isEmpty() || ("win".equals(os) && !"amd64".equals(arch))
                || ("mac".equals(os) && "armv7l".equals(arch))) {
                throw new IOException("no whisper/Piper libraries for " + name + " on " + rawArch);
            }
            return platform;
        }

        String folder() {
            return ("linux".equals(os) ? "debian" : "mac".equals(os) ? "macos" : "win") + "-" + arch;
        }

        List<NativeUnpack.Entry> whisperFiles() throws IOException {
            String dir = "/" + folder() + "/";
            return switch (os) {
                case "win" -> List.of(new NativeUnpack.Entry(dir + "whisper-jni_full.dll", "whisper-jni.dll", true));
                case "mac" -> List.of(new NativeUnpack.Entry(dir + "libggml.dylib", "libggml.dylib", true),
                                      new NativeUnpack.Entry(dir + "libwhisper.1.dylib", "libwhisper.1.dylib", true),
                                      new NativeUnpack.Entry(dir + "libwhisper-jni.dylib", "libwhisper-jni.dylib", true));
                default -> List.of(new NativeUnpack.Entry(dir + ggml(), "libggml.so", true),
                                   new NativeUnpack.Entry(dir + "libwhisper.so.1", "libwhisper.so.1", true),
                                   new NativeUnpack.Entry(dir + "libwhisper-jni.so", "libwhisper-jni.so", true));
            };
        }

        List<NativeUnpack.Entry> piperFiles() {
            String dir = "/" + folder() + "/";
            List<String> names = switch (os) {
                case "win" -> List.of("onnxruntime.dll", "espeak-ng.dll", "piper_phonemize.dll", "piper-jni.dll");
                case "mac" -> List.of("libonnxruntime.1.14.1.dylib", "libespeak-ng.1.dylib", "libpiper_phonemize.1.dylib",
                                      "libpiper-jni.dylib");
                default -> List.of("libonnxruntime.so.1.14.1", "libespeak-ng.so.1", "libpiper_phonemize.so.1",
                                   "libpiper-jni.so");
            };
            List<NativeUnpack.Entry> entries = new ArrayList<>(
                    names.stream().map(n -> new NativeUnpack.Entry(dir + n, n, true)).toList());
            if ("win".equals(os)) {
                entries.add(new NativeUnpack.Entry(dir + "onnxruntime_providers_shared.dll",
                                                   "onnxruntime_providers_shared.dll", false));
            }
            return List.copyOf(entries);
        }

        /** whisper-jni's choice of ggml build by CPU features, read from /proc/cpuinfo. */
        private String ggml() {
            String cpu;
            try {
                cpu = Files.readString(Path.of("/proc/cpuinfo"));
            } catch (IOException e) {
                cpu = "";
            }
            return switch (arch) {
                case "amd64" -> cpu.contains("avx2") && cpu.contains("fma") && cpu.contains("f16c")
                        ? "libggml+mf16c+mfma+mavx+mavx2.so" : "libggml.so";
                case "arm64" -> cpu.contains("fphp") ? "libggml+fp16.so" : "libggml+crc.so";
                default -> cpu.contains("crc32") ? "libggml+crc.so" : "libggml.so";
            };
        }
    }
}
