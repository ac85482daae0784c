package dev.synapsebench.benchmarks.launcher;

import dev.synapsebench.core.JavaVersions;
import dev.synapsebench.core.Kernels;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM the benchmark forks run on (JMH's {@code -jvm}, else the JVM running the launcher), its
 * version, and the options every fork needs so that every installed backend can load there.
 *
 * @param executable     path of the {@code java} executable
 * @param featureVersion e.g. 25
 * @param properties     its system properties ({@code -XshowSettings:properties})
 */
record ForkJvm(String executable, int featureVersion, Map<String, String> properties) {

    private static final Pattern PROPERTY = Pattern.compile("^ {4}(\\S+) = (.*)$");

    /** The JVM's own lines that say nothing about why it did not start. */
    private static final Pattern GENERIC = Pattern.compile("Error: (Could not create the Java Virtual Machine|A fatal"
            + " exception has occurred).*");

    /** An exception's class name before its message, as the boot layer prints it ("java.lang.module.FindException: "). */
    private static final Pattern EXCEPTION_NAME = Pattern.compile("^(?:[a-z]\\w*\\.)+[A-Z]\\w*: ");

    /**
     * The options added to every fork: those every installed backend declares ({@code
     * MatrixKernel.jvmOptions()}) for a JVM of this version, the same for every backend so that no
     * backend runs on a differently configured JVM.
     */
    static List<String> backendFlags(int featureVersion) {
        return Kernels.jvmOptions(featureVersion);
    }

    List<String> backendFlags() {
        return backendFlags(featureVersion);
    }

    /** The launcher's own JVM. */
    static String currentExecutable() {
        boolean windows = System.getProperty("os.name", "").startsWith("Windows");
        return Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java").toString();
    }

    /**
     * Runs {@code executable -XshowSettings:properties -version} to learn what it is.
     *
     * @param executable a {@code java} executable, or a JDK's home folder
     * @throws UsageException when it does not run or is older than the project's minimum ({@link JavaVersions#MINIMUM})
     */
    static ForkJvm inspect(String executable) {
        Path home = Path.of(executable);
        if (Files.isDirectory(home)) {
            Path java = home.resolve("bin").resolve(currentExecutable().endsWith(".exe") ? "java.exe" : "java");
            executable = Files.isExecutable(java) ? java.toString() : executable;
        }
        if (!Files.isRegularFile(Path.of(executable)) || !Files.isExecutable(Path.of(executable))) {
            throw new UsageException("the JVM '" + executable + "' does not exist or is not executable; "
                    + "-Djvm / -jvm takes a java executable or a JDK folder, e.g. /usr/lib/jvm/jdk-21/bin/java");
        }
        String output;
        try {
            Process process = new ProcessBuilder(executable, "-XshowSettings:properties", "-version")
                    .redirectErrorStream(true).start();
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new UsageException("the JVM '" + executable + "' did not start: " + lastLine(output));
            }
        } catch (IOException e) {
            throw new UsageException("cannot run the JVM '" + executable + "': " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UsageException("interrupted while asking '" + executable + "' for its version");
        }
        Map<String, String> properties = new LinkedHashMap<>();
        for (String line : output.split("\\R")) {
            Matcher m = PROPERTY.matcher(line);
            if (m.matches()) {
                properties.putIfAbsent(m.group(1), m.group(2));
            }
        }
        int version = JavaVersions.feature(properties.getOrDefault("java.specification.version", ""));
        if (version < JavaVersions.MINIMUM) {
            throw new UsageException("the JVM '" + executable + "' is Java "
                    + properties.getOrDefault("java.specification.version", "(unknown version)")
                    + "; the benchmarks need Java " + JavaVersions.MINIMUM + " or newer");
        }
        return new ForkJvm(executable, version, properties);
    }

    /**
     * Why this JVM does not start with {@code options} ({@code java OPTIONS -version}), in its own
     * words less its generic last lines and any exception class name; empty when it starts (or
     * when there are no options to try).
     */
    Optional<String> refusal(List<String> options) {
        if (options.isEmpty()) {
            return Optional.empty();
        }
        List<String> command = new java.util.ArrayList<>();
        command.add(executable);
        command.addAll(options);
        command.add("-version");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.of("it did not answer within a minute");
            }
            if (process.exitValue() == 0) {
                return Optional.empty();
            }
            List<String> said = output.lines().map(String::strip).filter(l -> !l.isEmpty())
                    .filter(l -> !GENERIC.matcher(l).matches() && !l.startsWith("at "))
                    .map(l -> EXCEPTION_NAME.matcher(l).replaceFirst("")).toList();
            return Optional.of(said.isEmpty() ? "exit code " + process.exitValue() : String.join("; ", said));
        } catch (IOException e) {
            return Optional.of("it could not be run (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UsageException("interrupted while trying the JVM '" + executable + "'");
        }
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\\R");
        return lines.length == 0 ? "(no output)" : lines[lines.length - 1];
    }
}
