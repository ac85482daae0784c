package dev.synapsebench.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM the benchmark forks run on (JMH's {@code -jvm}, else the JVM running the launcher), its
 * version, and the flags every fork needs so that every backend can load there.
 *
 * @param executable     path of the {@code java} executable
 * @param featureVersion e.g. 25
 * @param properties     its system properties ({@code -XshowSettings:properties})
 */
record ForkJvm(String executable, int featureVersion, Map<String, String> properties) {

    /** The oldest JVM the project's bytecode runs on. */
    static final int MINIMUM_VERSION = 21;

    private static final Pattern PROPERTY = Pattern.compile("^ {4}(\\S+) = (.*)$");

    /**
     * The flags added to every fork, the same for every backend so that no backend runs on a
     * differently configured JVM: the Vector API module (simd), and on JDK 24+ permission for
     * JavaCPP's {@code System.load} and {@code sun.misc.Unsafe} memory access (nd4j), which JDK 24+
     * warns about and later JDKs deny. Older JVMs refuse to start with those two, so they are only
     * added where the fork JVM knows them.
     */
    static List<String> backendFlags(int featureVersion) {
        List<String> flags = new ArrayList<>(List.of("--add-modules=jdk.incubator.vector"));
        if (featureVersion >= 24) {
            flags.add("--enable-native-access=ALL-UNNAMED");
            flags.add("--sun-misc-unsafe-memory-access=allow");
        }
        return flags;
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
     * @throws UsageException when it does not run or is older than {@link #MINIMUM_VERSION}
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
        int version = featureVersion(properties.getOrDefault("java.specification.version", ""));
        if (version < MINIMUM_VERSION) {
            throw new UsageException("the JVM '" + executable + "' is Java "
                    + properties.getOrDefault("java.specification.version", "(unknown version)")
                    + "; the benchmarks need Java " + MINIMUM_VERSION + " or newer");
        }
        return new ForkJvm(executable, version, properties);
    }

    /** 25 for "25", 8 for "1.8", 0 when unparseable. */
    static int featureVersion(String specificationVersion) {
        String v = specificationVersion.trim();
        if (v.startsWith("1.")) {
            v = v.substring(2);
        }
        Matcher m = Pattern.compile("^(\\d+)").matcher(v);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\\R");
        return lines.length == 0 ? "(no output)" : lines[lines.length - 1];
    }
}
