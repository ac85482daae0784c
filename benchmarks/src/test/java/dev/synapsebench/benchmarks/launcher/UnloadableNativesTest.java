package dev.synapsebench.benchmarks.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.synapsebench.core.testing.UnusableNativeCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A backend whose native libraries cannot load in the forks (nd4j, with a JavaCPP cache nothing can
 * be unpacked into, {@link UnusableNativeCache}, passed the way a user passes fork options: JMH's
 * {@code -jvmArgsAppend}) is skipped with its reason, which environment.json records, and the
 * other backend still runs: a real launcher run of the smallest plan (the peaks, then forward on
 * 3-1 for scalar and nd4j).
 */
class UnloadableNativesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void aBackendWhoseNativesCannotLoadIsSkippedWithItsReasonAndTheOthersRun(@TempDir Path work) throws Exception {
        String cache = UnusableNativeCache.jvmArgument(work.resolve("javacpp-cache"));
        Path log = work.resolve("launcher.log");
        List<String> command = new ArrayList<>(List.of(ForkJvm.currentExecutable(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "--profile=quick",
                "--backends=scalar,nd4j", "--networks=3-1", "--benchmarks=forward", "--dtypes=float64",
                "--jmh-args=-jvmArgsAppend " + cache, "--results=" + work.resolve("runs")));
        ProcessBuilder launcher = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // numpy's race is not what this test is about: skip it (one sentence in the summary; it would cost ~1 s)
        launcher.environment().put("SYNAPSE_PYTHON", work.resolve("no-python").toString());
        JmhLock.awaitFree(10);
        Process process = launcher.start();
        assertTrue(process.waitFor(9, TimeUnit.MINUTES), "the run took longer than 9 minutes");
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        System.out.println(output.substring(Math.max(0, output.lastIndexOf("Summary:"))));

        String skipping = output.lines().filter(l -> l.startsWith("# Skipping backend nd4j: ")).findFirst()
                .orElseThrow(() -> new AssertionError("nd4j was not skipped:\n" + output));
        String reason = skipping.substring("# Skipping backend nd4j: ".length());
        assertTrue(reason.contains("its native libraries could not be unpacked into JavaCPP's cache (")
                && reason.contains(work.resolve("javacpp-cache").toString()), reason);
        assertTrue(output.contains("# Backends measured: scalar; networks: 3-1"), output);
        assertTrue(output.contains("Skipped nd4j: " + reason), "the summary repeats it: " + output);

        Path run;
        try (Stream<Path> runs = Files.list(work.resolve("runs"))) {
            run = runs.filter(Files::isDirectory).findFirst().orElseThrow(); // beside it the index, README.md
        }
        JsonNode environment = JSON.readTree(run.resolve("environment.json").toFile());
        assertEquals("nd4j", environment.at("/backends/skipped/0/name").asText(), environment.at("/backends").toString());
        assertEquals(reason, environment.at("/backends/skipped/0/reason").asText());
        assertEquals(1, environment.at("/backends/skipped").size());
        assertEquals("scalar", environment.at("/backends/measured/0/name").asText());
        assertEquals(1, environment.at("/backends/measured").size());
        assertFalse(environment.at("/nd4j/available").asBoolean(true), environment.at("/nd4j").toString());
        assertEquals(reason, environment.at("/nd4j/reason").asText());
        assertTrue(environment.at("/jvm/probedArgs").toString().contains(cache),
                "the probe ran with the forks' arguments: " + environment.at("/jvm"));

        List<String> backends = new ArrayList<>();
        JsonNode forward = null;
        for (JsonNode result : JSON.readTree(run.resolve("jmh.json").toFile())) {
            if (result.at("/params/backend").isMissingNode()) {
                continue; // the peaks
            }
            backends.add(result.at("/params/backend").asText());
            forward = result;
        }
        assertEquals(List.of("scalar"), backends, "scalar ran, nd4j did not");
        assertTrue(forward.path("benchmark").asText().endsWith(".forward"), forward.path("benchmark").asText());
        assertEquals("3-1", forward.at("/params/network").asText());
        assertTrue(forward.at("/primaryMetric/score").asDouble() > 0, forward.at("/primaryMetric").toString());
        assertTrue(forward.path("jvmArgs").toString().contains(cache), "the fork got it too: " + forward.path("jvmArgs"));
    }
}
