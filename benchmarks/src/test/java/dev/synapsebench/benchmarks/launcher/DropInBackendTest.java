package dev.synapsebench.benchmarks.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.synapsebench.core.testing.DropInBackend;
import dev.synapsebench.core.testing.DropInKernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A backend this module has never heard of (core's test-only {@link DropInKernel}, put on the
 * class path the way a new kernel module's jar would be) is found, configured and measured by the
 * launcher: it is in the default selection, its declared JVM option reaches the probe and every
 * fork, its environment section lands in environment.json, and it passes the parity check.
 *
 * <p>The same run also has extra JVM options ({@code --jvm-args}) and a flame graph ({@code --flame}):
 * one more fork, cheaper here than a run of its own. The options reach the probe, the peak and the
 * measured fork, environment.json records them and the narrower vectors they gave; the profiled row's
 * graph lands in {@code flame/}, report.md links it, and jmh.json holds only the measured rows.
 */
class DropInBackendTest {

    /** Extra JVM options for the run: vectors of 128 bits on any x86 or ARM machine. */
    private static final String NARROW = "-XX:MaxVectorSize=16";

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void anUnknownBackendIsProbedConfiguredAndMeasured(@TempDir Path work) throws Exception {
        String classPath = DropInBackend.classPathWith(DropInBackend.register(work.resolve("registration"),
                DropInKernel.class));
        Path log = work.resolve("launcher.log");
        JmhLock.awaitFree(10);
        Process launcher = new ProcessBuilder(List.of(ForkJvm.currentExecutable(), "-cp", classPath,
                Main.class.getName(), "--profile=quick", "--backends=" + DropInKernel.NAME,
                "--benchmarks=trainingStep", "--networks=3-1", "--results=" + work.resolve("runs"),
                "--jvm-args=" + NARROW, "--flame"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(launcher.waitFor(9, TimeUnit.MINUTES), "the run took longer than 9 minutes");
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, launcher.exitValue(), output);
        assertTrue(output.contains("# Parity: drop-in matches scalar on 3-1"), output);

        Path run;
        try (Stream<Path> runs = Files.list(work.resolve("runs"))) {
            run = runs.filter(Files::isDirectory).findFirst().orElseThrow(); // beside it the index, README.md
        }
        ObjectMapper json = new ObjectMapper();
        JsonNode environment = json.readTree(run.resolve("environment.json").toFile());
        assertTrue(environment.at("/jvm/addedForBackends").toString().contains(DropInKernel.OPTION),
                environment.at("/jvm").toString());
        assertTrue(environment.at("/dropIn/declaredOptionSeen").asBoolean(),
                "the probe JVM got the declared option: " + environment);
        assertEquals(DropInKernel.NAME, environment.at("/backends/measured/0/name").asText());
        JsonNode result = null;
        for (JsonNode r : json.readTree(run.resolve("jmh.json").toFile())) {
            if (r.at("/params/backend").asText().equals(DropInKernel.NAME)) {
                result = r;
            }
        }
        assertTrue(result != null, "drop-in has a result in jmh.json");
        assertEquals(DropInKernel.NAME, result.at("/params/backend").asText());
        assertTrue(result.path("jvmArgs").toString().contains(DropInKernel.OPTION), "the fork got it too: "
                + result.path("jvmArgs"));

        assertEquals("[\"" + NARROW + "\"]", environment.at("/jvm/extraArgs").toString());
        assertEquals(128, environment.at("/cpu/vectorBits").asInt(), "the probe ran with them: " + environment.at("/cpu"));
        assertEquals("16", environment.at("/jvm/vectorOptions/MaxVectorSize").asText());
        JsonNode rows = json.readTree(run.resolve("jmh.json").toFile());
        assertEquals(3, rows.size(), "the two peaks and the measured row; the profiled fork's is no result");
        for (JsonNode row : rows) {
            assertTrue(row.path("jvmArgs").toString().contains(NARROW), "every fork, the peaks' too: " + row.path("jvmArgs"));
        }

        String graph = "flame/trainingStep-" + DropInKernel.NAME + "-3-1-float64.html";
        assertEquals(graph, environment.at("/flame/graphs/0/file").asText(), environment.path("flame").toString());
        assertEquals("itimer", environment.at("/flame/event").asText());
        assertTrue(Files.readString(run.resolve(graph)).contains("trainingStep"), "async-profiler's HTML graph");
        String report = Files.readString(run.resolve("report.md"));
        assertTrue(report.contains("## Flame graphs") && report.contains("](" + graph + ")"), report);
        assertTrue(report.contains("**Extra JVM options:** `" + NARROW + "`"), report);
        assertTrue(output.contains("Flame graphs (itimer"), output);
    }

    @Test
    void anUnknownBackendIsInTheDefaultSelection(@TempDir Path work) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        try (var loader = DropInBackend.classLoader(DropInBackend.register(work, DropInKernel.class))) {
            thread.setContextClassLoader(loader);
            RunPlan plan = RunPlan.of(LaunchOptions.parse(), new org.openjdk.jmh.runner.options.CommandLineOptions());
            assertTrue(plan.backends().contains(DropInKernel.NAME), plan.backends().toString());
            assertTrue(plan.forks().added().contains(DropInKernel.OPTION), plan.forks().added().toString());
        } finally {
            thread.setContextClassLoader(original);
        }
    }
}
