package dev.synapsebench.benchmarks.launcher;

import dev.synapsebench.core.JavaVersions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * benchmarks.jar's Main-Class on a {@code java} older than the project's minimum: it re-runs itself
 * on a JDK new enough, or says in one sentence what to install. Started from the test class path as
 * the jar would start it ({@code Bootstrap} is the jar's Main-Class). Needs an old Java: the system
 * property {@code synapse.test.oldJava}, else Debian's JDK 17; skipped without one.
 */
class BootstrapTest {

    private static final Path DEBIAN_17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64/bin/java");

    @Test
    void readsTheProjectsMinimumAndJavaVersions() {
        assertEquals(JavaVersions.MINIMUM, Bootstrap.minimum());
        assertEquals(8, Bootstrap.feature("1.8.0_392"));
        assertEquals(25, Bootstrap.feature("25.0.1"));
        assertEquals(21, Bootstrap.feature("21"));
        assertEquals(0, Bootstrap.feature("unknown"));
        assertEquals(Runtime.version().feature(), Bootstrap.version(Path.of(ForkJvm.currentExecutable())));
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void anOldJavaRerunsOnANewerOneWithEveryArgumentAndItsExitStatus(@TempDir Path dir) throws Exception {
        Path old = oldJava();
        Map<String, String> env = Map.of("SYNAPSE_JAVA", ForkJvm.currentExecutable());
        Ran listed = run(dir, old, env, List.of("-Xmx200m"), "-l", "trainingStep");
        assertEquals(0, listed.status, listed.all());
        assertEquals(List.of("Benchmarks: ", "dev.synapsebench.benchmarks.jmh.NetworkBenchmark.trainingStep"),
                listed.stdout.lines().toList(), listed.all());
        assertTrue(listed.stderr.contains("running on " + ForkJvm.currentExecutable()), listed.all());

        Ran refused = run(dir, old, env, List.of(), "--profile=nope");
        assertEquals(2, refused.status, "the launcher's own status: " + refused.all());
        assertTrue(refused.stderr.contains("benchmarks: unknown profile 'nope'"), refused.all());
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void anOldJavaWithNoNewerOneSaysWhatToInstallInOneSentence(@TempDir Path dir) throws Exception {
        Path old = oldJava();
        Path empty = Files.createDirectories(dir.resolve("no-jdks"));
        Map<String, String> env = Map.of("JAVA_HOME", dir.resolve("nowhere").toString(),
                "PATH", old.getParent().toString(), Bootstrap.SEARCH_VARIABLE, empty.toString());
        Ran ran = run(dir, old, env, List.of(), "-l");
        assertEquals(Bootstrap.NO_JAVA, ran.status, ran.all());
        assertEquals("", ran.stdout);
        List<String> lines = ran.stderr.strip().lines().toList();
        assertEquals(1, lines.size(), ran.all());
        int min = JavaVersions.MINIMUM;
        assertTrue(lines.get(0).startsWith("benchmarks: benchmarks.jar needs Java " + min + " or newer; this is Java "
                + Bootstrap.version(old) + " ("), ran.all());
        assertTrue(lines.get(0).endsWith("no Java " + min + "+ was found in SYNAPSE_JAVA, JAVA_HOME, PATH or " + empty
                + ": install a JDK " + min + "+ (e.g. 'apt-get install openjdk-" + min + "-jdk' or Temurin " + min
                + ") or set JAVA_HOME to one"), ran.all());
        assertFalse(ran.all().contains("Exception") || ran.all().contains("Error") || ran.all().contains("\tat "),
                ran.all());
    }

    /** An installed Java older than the minimum, or the test is skipped. */
    private static Path oldJava() {
        String configured = System.getProperty("synapse.test.oldJava");
        Path java = configured != null ? Path.of(configured) : DEBIAN_17;
        assumeTrue(Files.isExecutable(java), "no old java at " + java + " (-Dsynapse.test.oldJava=...)");
        assumeTrue(Bootstrap.version(java) < JavaVersions.MINIMUM, java + " is not older than Java "
                + JavaVersions.MINIMUM);
        return java;
    }

    private record Ran(int status, String stdout, String stderr) {
        String all() {
            return "exit " + status + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }

    /** {@code java [options] -cp CLASSPATH Bootstrap args}, as {@code java -jar benchmarks.jar args}. */
    private static Ran run(Path dir, Path java, Map<String, String> env, List<String> options, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(options);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Bootstrap.class.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("SYNAPSE_JAVA");
        builder.environment().remove(Bootstrap.RERUN_VARIABLE);
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().putAll(env);
        Process process = builder.start();
        assertTrue(process.waitFor(90, TimeUnit.SECONDS), "still running: " + command);
        return new Ran(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
