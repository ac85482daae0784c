package dev.synapsebench.benchmarks.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import dev.synapsebench.core.testing.DropInBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The probe runs on the fork JVM with the fork flags; a backend that kills that JVM is reported, not fatal. */
class ForkProbeTest {

    private static final ForkJvm JVM = ForkJvm.inspect(ForkJvm.currentExecutable());
    private static final String CLASS_PATH = System.getProperty("java.class.path");

    @Test
    void describesTheForkJvmAndTheSelectedBackends() {
        JsonNode report = ForkProbe.run(JVM, JVM.backendFlags(), CLASS_PATH, List.of("scalar", "simd"));
        assertEquals(System.getProperty("java.runtime.version"), report.at("/jdk/runtime.version").asText());
        List<String> probedArgs = new java.util.ArrayList<>();
        report.path("jvmArgs").forEach(arg -> probedArgs.add(arg.asText()));
        assertEquals(JVM.backendFlags(), probedArgs, "the probe ran with the fork flags");
        assertTrue(report.path("installed").toString().contains("\"scalar\""));
        assertEquals(4, report.path("installed").size());
        assertEquals(2, report.path("backends").size(), "only the selected backends are probed");
        assertTrue(report.at("/backends/0/available").asBoolean());
        // simd reports its species in its own section, which the report merges into environment.json
        assertTrue(report.at("/backends/1/environment/vectorApi/available").asBoolean(),
                "the fork flags resolve jdk.incubator.vector");
        assertTrue(report.at("/cpu/logicalProcessors").asInt() > 0);
        assertEquals(report.at("/backends/1/environment/vectorApi/preferredSpeciesBits").asInt(),
                report.at("/cpu/vectorBits").asInt(), "the probe's width is the one simd runs with");
        assertFalse(report.at("/cpu/isa").asText().isEmpty());
    }

    /** The width is the fork JVM's: flags that narrow the vectors there narrow what environment.json says. */
    @Test
    void theVectorWidthIsMeasuredWithTheForkFlags() {
        List<String> narrow = new java.util.ArrayList<>(JVM.backendFlags());
        narrow.add("-XX:MaxVectorSize=16");
        JsonNode report = ForkProbe.run(JVM, narrow, CLASS_PATH, List.of("scalar"));
        assertEquals(128, report.at("/cpu/vectorBits").asInt(), report.path("cpu").toString());
        assertEquals("128-bit", report.at("/cpu/isa").asText());
        assertEquals("16", report.at("/vectorOptions/MaxVectorSize").asText(), "what the JVM made of the flags: "
                + report.path("vectorOptions"));
    }

    @Test
    void aBackendThatCrashesTheJvmIsSkippedWithItsLastWords(@TempDir Path registration) throws Exception {
        String classPath = DropInBackend.classPathWith(DropInBackend.register(registration, CrashingKernel.class));
        JsonNode report = ForkProbe.run(JVM, JVM.backendFlags(), classPath, List.of("scalar", "crashing"));
        JsonNode scalar = report.at("/backends/0");
        JsonNode crashing = report.at("/backends/1");
        assertEquals("scalar", scalar.path("name").asText());
        assertTrue(scalar.path("available").asBoolean(), "the others still run");
        assertEquals("crashing", crashing.path("name").asText());
        assertFalse(crashing.path("available").asBoolean());
        String reason = crashing.path("reason").asText();
        assertTrue(reason.contains("exit code 134") && reason.contains("simulated native crash"), reason);
    }

    @Test
    void aForkJvmThatCannotStartIsOneSentence() {
        UsageException e = assertThrows(UsageException.class,
                () -> ForkProbe.run(JVM, List.of("-XX:+NoSuchOption"), CLASS_PATH, List.of("scalar")));
        assertTrue(e.getMessage().contains("cannot run the environment probe"), e.getMessage());
    }
}
