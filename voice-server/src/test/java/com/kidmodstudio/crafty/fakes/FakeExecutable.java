package com.kidmodstudio.crafty.fakes;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Writes a {@code #!/bin/sh} wrapper that {@code exec}s a Java main class of the test class
 * path with a fixed environment, so a fake engine is one real process, started like the real
 * executable (the shell is replaced, no extra child is left).
 */
public final class FakeExecutable {
    private FakeExecutable() {
    }

    /**
     * Writes the wrapper.
     *
     * @param dir  where to put it
     * @param name its file name, e.g. {@code piper}
     * @param main the class whose {@code main} implements the executable
     * @param env  environment variables it runs with (its failure modes, delays, log file)
     * @return the executable path
     * @throws IOException when it cannot be written
     */
    public static Path write(Path dir, String name, Class<?> main, Map<String, String> env) throws IOException {
        StringBuilder script = new StringBuilder("#!/bin/sh\n");
        env.forEach((k, v) -> script.append("export ").append(k).append('=').append(quote(v)).append('\n'));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        script.append("exec ").append(quote(java))
                .append(" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:CICompilerCount=1 -Xshare:auto -Xmx64m -cp ")
                .append(quote(absoluteClassPath())).append(' ')
                .append(main.getName()).append(" \"$@\"\n");
        Files.createDirectories(dir);
        Path bin = dir.resolve(name);
        Files.writeString(bin, script);
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    private static String absoluteClassPath() {
        StringBuilder path = new StringBuilder();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                path.append(path.isEmpty() ? "" : File.pathSeparator).append(Path.of(entry).toAbsolutePath());
            }
        }
        return path.toString();
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
