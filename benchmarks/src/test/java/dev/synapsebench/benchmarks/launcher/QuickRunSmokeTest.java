package dev.synapsebench.benchmarks.launcher;

import dev.synapsebench.model.BenchmarkSchema;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.synapsebench.benchmarks.jmh.ThreadAllocationProfiler;
import dev.synapsebench.benchmarks.jmh.ParityCheck;
import dev.synapsebench.model.Allocation;
import dev.synapsebench.model.RunFolder;
import dev.synapsebench.core.Kernels;
import dev.synapsebench.core.Workloads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The whole pipeline on the quick profile, as {@code mvn -pl benchmarks verify -Dbench=quick} runs it
 * but into a temporary folder: launcher, probe, every (benchmark, backend, network) in its own fork,
 * JMH's JSON and environment.json. In float64 only: the default plan's 16 float32 rows would add
 * about a minute of fork start-ups to {@code mvn test} (which must stay under 5 minutes); RunPlanTest
 * checks where they go, ParityCheckTest that every backend's float32 networks are float32 and match scalar's twin.
 * Without trainMany, for the same reason (its rows are 6 forks per backend);
 * RunPlanTest checks its passes, ParityCheckTest every
 * backend's batch against scalar. On the tutorials' networks and one sweep network, the largest
 * ({@link #SWEEP_NETWORK}): the other four sweep networks take the same path through the launcher,
 * and their forks would add about 45 s; RunPlanTest checks the default plan names all five.
 */
class QuickRunSmokeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every benchmark but trainMany (see above). */
    private static final List<String> PER_NETWORK_BENCHMARKS = BenchmarkSchema.BENCHMARK_ORDER.stream()
            .filter(b -> !RunPlan.MANY_NETWORKS_BENCHMARKS.contains(b)).toList();

    /** The sweep network this run measures: ten outputs, float64 blocks at BLAS sizes. */
    static final String SWEEP_NETWORK = "784-128-10x256";

    /** The tutorials' networks, then {@link #SWEEP_NETWORK}. */
    private static final List<String> NETWORKS = Stream.concat(Workloads.defaultBenchmarkNames().stream()
            .filter(n -> Workloads.isTutorial(Workloads.resolve(n))), Stream.of(SWEEP_NETWORK)).toList();

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void quickRunReportsEveryBackendNetworkAndBenchmark(@TempDir Path results) throws Exception {
        Path log = results.resolve("launcher.log");
        List<String> command = new ArrayList<>(List.of(ForkJvm.currentExecutable(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "--profile=quick",
                "--dtypes=float64", "--benchmarks=" + String.join(",", PER_NETWORK_BENCHMARKS),
                "--networks=" + String.join(",", NETWORKS),
                "--results=" + results.resolve("runs")));
        JmhLock.awaitFree(10);
        Process launcher = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(launcher.waitFor(14, TimeUnit.MINUTES), "the quick run took longer than 14 minutes");
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (launcher.exitValue() != 0) {
            fail("the launcher exited with " + launcher.exitValue() + ":\n" + tail(output, 80));
        }
        System.out.println(output.substring(Math.max(0, output.lastIndexOf("Summary:"))));

        Path run = onlyRunFolder(results.resolve("runs"));
        JsonNode jmh = JSON.readTree(run.resolve("jmh.json").toFile());
        JsonNode environment = JSON.readTree(run.resolve("environment.json").toFile());
        assertTrue(jmh.isArray() && !jmh.isEmpty(), "jmh.json is JMH's array of results");

        Map<String, JsonNode> byKey = new HashMap<>();
        for (JsonNode result : jmh) {
            String benchmark = result.path("benchmark").asText();
            String key = benchmark.substring(benchmark.lastIndexOf('.') + 1) + " " + result.at("/params/network").asText()
                    + " " + result.at("/params/backend").asText();
            assertFalse(byKey.containsKey(key), "twice in jmh.json: " + key);
            byKey.put(key, result);
        }

        List<String> measured = names(environment.at("/backends/measured"));
        List<String> skipped = names(environment.at("/backends/skipped"));
        for (JsonNode s : environment.at("/backends/skipped")) {
            assertFalse(s.path("reason").asText().isBlank(), "a skipped backend needs its reason: " + s);
        }
        Set<String> accounted = new HashSet<>(measured);
        accounted.addAll(skipped);
        assertEquals(Set.copyOf(Kernels.runOrder()), accounted, "every backend measured or skipped with a reason");
        assertTrue(measured.contains("scalar"), "the reference backend always runs");

        int expected = 2; // the FP64 and FP32 peaks
        for (String benchmark : PER_NETWORK_BENCHMARKS) {
            for (String network : NETWORKS) {
                if (!Workloads.isTutorial(Workloads.resolve(network)) && !RunPlan.SWEEP_BENCHMARKS.contains(benchmark)) {
                    continue; // the sweep measures forward and trainingStep only
                }
                for (String backend : measured) {
                    expected++;
                    JsonNode result = byKey.get(benchmark + " " + network + " " + backend);
                    String what = benchmark + " on " + network + " with " + backend;
                    assertTrue(result != null, "no result for " + what);
                    double score = result.at("/primaryMetric/score").asDouble(Double.NaN);
                    assertTrue(Double.isFinite(score) && score > 0, what + ": score " + score);
                    assertEquals(benchmark.equals("train") ? "ms/op" : "ns/op",
                            result.at("/primaryMetric/scoreUnit").asText(), what);
                    assertTrue(Double.isFinite(secondary(result, Allocation.GC_METRIC)),
                            what + ": no finite gc.alloc.rate.norm");
                    assertTrue(Double.isFinite(secondary(result, ThreadAllocationProfiler.METRIC)),
                            what + ": no finite " + ThreadAllocationProfiler.METRIC);
                    double parity = secondary(result, BenchmarkSchema.PARITY_DIFFERENCE);
                    assertTrue(parity >= 0 && parity <= ParityCheck.TOLERANCE, what + ": parity " + parity);
                    assertTrue(result.path("jvmArgs").toString().contains("--add-modules=jdk.incubator.vector"),
                            what + ": fork without the backend flags " + result.path("jvmArgs"));
                }
            }
        }
        assertEquals(expected, byKey.size(), "nothing else ran");
        JsonNode peak = byKey.get("fmaChains  ");
        assertTrue(peak != null, "the peak was measured: " + byKey.keySet());
        assertTrue(Double.isNaN(secondary(peak, ThreadAllocationProfiler.METRIC)), "the peak opens no bracket");
        assertTrue(environment.at("/peak/fp64GflopsOneCore").asDouble() > 1, environment.at("/peak").toString());
        assertTrue(byKey.containsKey("fmaChainsFloat32  "), "the FP32 peak was measured: " + byKey.keySet());
        assertTrue(environment.at("/peak/fp32GflopsOneCore").asDouble() > 1, environment.at("/peak").toString());

        for (String pointer : List.of("/run/started", "/run/finished", "/run/host", "/run/command", "/cpu/model",
                "/cpu/logicalProcessors", "/cpu/vectorBits", "/cpu/isa", "/os/name", "/os/version", "/os/arch", "/jdk/vendor", "/jdk/version",
                "/jdk/vm.name", "/jvm/forkArgs", "/vectorApi/available", "/nd4j/available", "/versions/jmh",
                "/versions/ejml", "/versions/nd4j", "/git/commit", "/git/dirty")) {
            assertFalse(environment.at(pointer).isMissingNode(), "environment.json has no " + pointer);
        }
        assertEquals("quick", environment.at("/run/profile").asText());
        assertEquals("1.37", environment.at("/versions/jmh").asText());
        assertTrue(environment.at("/cpu/logicalProcessors").asInt() > 0);
        if (environment.at("/vectorApi/available").asBoolean()) {
            assertTrue(environment.at("/vectorApi/preferredSpeciesBits").asInt() >= 64);
        }
        if (environment.at("/nd4j/available").asBoolean()) {
            assertFalse(environment.at("/nd4j/blasVendor").asText().isBlank());
            assertTrue(environment.at("/nd4j/blasThreads").asInt() > 0);
        } else {
            assertFalse(environment.at("/nd4j/reason").asText().isBlank());
        }
        if (environment.at("/vectorApi/available").asBoolean()) { // the probe and simd measure in the same fork JVM
            assertEquals(environment.at("/vectorApi/preferredSpeciesBits").asInt(),
                    environment.at("/cpu/vectorBits").asInt());
        }
        JsonNode machine = JSON.readTree(run.resolve("machine.json").toFile());
        assertEquals(environment.at("/cpu/isa").asText(), machine.at("/isa/value").asText(), machine.toString());
        // report.md, written into the staging folder from its data files before it was published
        assertTrue(Files.readString(run.resolve("report.md")).startsWith("# Benchmark run of "));
        assertTrue(output.contains("Report: " + run.resolve("report.md")), tail(output, 5));
    }

    private static double secondary(JsonNode result, String metric) {
        return result.path("secondaryMetrics").path(metric).path("score").asDouble(Double.NaN);
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.path("name").asText()));
        return names;
    }

    private static Path onlyRunFolder(Path runs) throws IOException {
        try (Stream<Path> entries = Files.list(runs)) {
            List<Path> all = entries.filter(p -> !p.getFileName().toString().equals("README.md")).toList();
            assertEquals(1, all.size(), "exactly one run folder and no staging folder left: " + all);
            assertTrue(Files.readString(runs.resolve("README.md")).contains("| [" + all.get(0).getFileName() + "]("),
                    "the index lists the new run");
            Path run = all.get(0);
            assertTrue(run.getFileName().toString().matches("\\d{8}T\\d{6}Z-.+"), run.toString());
            return run;
        }
    }

    private static String tail(String text, int lines) {
        String[] all = text.split("\\R");
        return String.join("\n", java.util.Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
    }
}
