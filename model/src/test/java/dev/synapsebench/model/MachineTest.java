package dev.synapsebench.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a run knows of its machine: environment.json's facts first, machine.json's for the rest, each with its source. */
class MachineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path RESULTS = Path.of("..", "results");

    @Test
    void aNewRunsEnvironmentNamesTheCpuAndItsVectors() throws IOException {
        JsonNode environment = JSON.readTree("""
                {"cpu": {"model": "AMD EPYC", "logicalProcessors": 2, "vectorFeatures": ["fma", "avx", "avx2"],
                         "vendor": "AuthenticAMD", "family": 25, "modelNumber": 1, "stepping": 1,
                         "vectorBits": 256, "isa": "AVX2"},
                 "peak": {"fp64GflopsOneCore": 42.5142913869229, "basis": "best measurement iteration"}}""");
        Machine machine = Machine.fromEnvironment(environment);
        assertEquals("AMD EPYC (family 25, model 1, stepping 1)", machine.describe());
        assertEquals(Optional.of("AVX2: 256-bit vectors"), machine.vectors());
        assertEquals(Optional.of("FP64 peak 42.5 GFLOP/s"), machine.peak());
        assertEquals(Optional.of("AuthenticAMD"), machine.text(Machine.VENDOR));
        assertTrue(machine.fact(Machine.FAMILY).source().contains("cpu family in /proc/cpuinfo"));
        assertTrue(machine.fact(Machine.FP64_PEAK).source().startsWith("measured peak in environment.json"));

        JsonNode written = machine.toJson();
        assertEquals(List.of("schema", "vendor", "modelName", "family", "model", "stepping", "isa", "vectorBits",
                "fp64PeakGflopsOneCore"), iterable(written.fieldNames()));
        for (String fact : Machine.FACTS) {
            assertTrue(written.path(fact).path("source").isTextual(), "every fact says where it comes from: " + fact);
        }
    }

    @Test
    void aFieldTheProbeCouldNotReadIsUnknownWithItsReason() throws IOException {
        Machine machine = Machine.fromEnvironment(JSON.readTree("""
                {"cpu": {"model": "Apple M2", "vendor": "unknown", "family": "unknown", "modelNumber": "unknown",
                         "stepping": "unknown", "vectorBits": "unknown: jdk.incubator.vector is not in the fork JVM",
                         "vectorFeatures": []}}"""));
        assertEquals("Apple M2", machine.describe());
        assertFalse(machine.fact(Machine.VENDOR).known());
        assertEquals(Optional.empty(), machine.vectors());
        assertEquals(Optional.empty(), machine.peak());
        assertTrue(machine.fact(Machine.FP64_PEAK).source().startsWith("unknown"));
    }

    @Test
    void theIsaFollowsTheWidthUnlessTheFlagsSaySve() {
        assertEquals("AVX-512", Machine.isa(512, List.of("avx2", "avx512f")));
        assertEquals("AVX2", Machine.isa(256, List.of("avx2", "avx512f")), "an AVX-512 CPU with -XX:UseAVX=2");
        assertEquals("128-bit", Machine.isa(128, List.of("asimd")));
        assertEquals("SVE 256-bit", Machine.isa(256, List.of("asimd", "sve")));
    }

    /** Every committed run has a machine.json, and its facts agree with what environment.json records. */
    @Test
    void everyCommittedRunHasAMachineJsonThatEnvironmentJsonDoesNotContradict() throws IOException {
        List<Path> runs;
        try (var entries = Files.list(RESULTS)) {
            runs = entries.filter(f -> Files.isRegularFile(f.resolve("jmh.json"))).sorted().toList();
        }
        // the four committed runs, and any a user's own benchmark run has added since (it writes machine.json too)
        assertTrue(runs.stream().map(r -> r.getFileName().toString()).toList().containsAll(List.of(
                "20261123T012449Z-vm", "20261202T113422Z-vm", "20261202T180228Z-vm", "20261203T104306Z-vm")), runs.toString());
        for (Path run : runs) {
            Machine file = Machine.read(run.resolve(RunFiles.MACHINE_JSON));
            Machine recorded = Machine.fromEnvironment(JSON.readTree(run.resolve("environment.json").toFile()));
            for (String fact : Machine.FACTS) {
                assertFalse(file.fact(fact).source().isBlank(), run + " " + fact);
                if (recorded.fact(fact).known()) {
                    assertEquals(recorded.text(fact), file.text(fact), run + " " + fact);
                }
            }
            assertTrue(file.text(Machine.ISA).isPresent() && file.text(Machine.VECTOR_BITS).isPresent(), run.toString());
        }
    }

    @Test
    void machineJsonFillsOnlyWhatEnvironmentJsonLacks(@TempDir Path dir) throws IOException {
        for (String file : List.of("jmh.json", "environment.json", RunFiles.MACHINE_JSON)) {
            Files.copy(RESULTS.resolve("20261202T180228Z-vm").resolve(file), dir.resolve(file));
        }
        ObjectNode edited = (ObjectNode) JSON.readTree(dir.resolve(RunFiles.MACHINE_JSON).toFile());
        ((ObjectNode) edited.path(Machine.FAMILY)).put("value", 26).put("source", "a test");
        ((ObjectNode) edited.path(Machine.FP64_PEAK)).put("value", 1.0);
        JSON.writeValue(dir.resolve(RunFiles.MACHINE_JSON).toFile(), edited);

        Machine machine = Machine.of(RunFolder.read(dir));
        assertEquals(Optional.of("26"), machine.text(Machine.FAMILY), "environment.json has no family");
        assertEquals("a test", machine.fact(Machine.FAMILY).source());
        assertEquals(Optional.of("FP64 peak 113.0 GFLOP/s"), machine.peak(), "environment.json measured the peak");
        assertEquals(Optional.of("AMD"), machine.text(Machine.VENDOR));
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
