package dev.synapsebench.benchmarks.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;

/**
 * async-profiler's native library, which JMH's {@code -prof async} loads into each fork from a
 * file ({@code libPath}). The project's dependency {@code tools.profiler:async-profiler} ships one
 * per platform inside its jar, which is on the class path (and in benchmarks.jar):
 * {@code linux-x64/}, {@code linux-arm64/} and {@code macos/libasyncProfiler.so}. The launcher
 * copies the one for this platform into a folder of the run's before profiling.
 */
final class AsyncProfilerLibrary {

    /** The library's file name in each platform folder of the jar. */
    static final String FILE = "libasyncProfiler.so";

    private AsyncProfilerLibrary() {
    }

    /**
     * The jar's folder for a platform ({@code os.name}, {@code os.arch}), or empty where async-profiler
     * ships no library (Windows, 32-bit or other CPUs).
     */
    static Optional<String> platform(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = osArch.toLowerCase(Locale.ROOT);
        if (os.startsWith("mac")) {
            return Optional.of("macos"); // one universal library for both CPUs
        }
        if (!os.startsWith("linux")) {
            return Optional.empty();
        }
        return switch (arch) {
            case "amd64", "x86_64" -> Optional.of("linux-x64");
            case "aarch64", "arm64" -> Optional.of("linux-arm64");
            default -> Optional.empty();
        };
    }

    /** This JVM's platform folder (the forks run on the same machine). */
    static Optional<String> platform() {
        return platform(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
    }

    /**
     * Copies {@code platform}'s library out of the class path into {@code folder}.
     *
     * @return the library's file, or empty when the class path has none for that platform (a jar
     *         built without the dependency)
     * @throws UncheckedIOException when it cannot be written
     */
    static Optional<Path> extract(String platform, Path folder) {
        String resource = "/" + platform + "/" + FILE;
        try (InputStream library = AsyncProfilerLibrary.class.getResourceAsStream(resource)) {
            if (library == null) {
                return Optional.empty();
            }
            Path file = folder.resolve(FILE);
            Files.copy(library, file, StandardCopyOption.REPLACE_EXISTING);
            return Optional.of(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy async-profiler's library into " + folder, e);
        }
    }
}
