package dev.synapsebench.benchmarks.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.synapsebench.model.Machine;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** environment.json takes the probe's CPU section as the fork JVM saw it, and machine.json follows from it. */
class EnvironmentReportTest {

    @Test
    void theCpuSectionNamesTheCpuAndTheForksVectorWidth() throws Exception {
        JsonNode environment = EnvironmentReport.build(launch(probe()));
        JsonNode cpu = environment.path("cpu");
        assertEquals("AMD EPYC", cpu.path("model").asText());
        assertEquals(2, cpu.path("logicalProcessors").asInt());
        assertEquals("AuthenticAMD", cpu.path("vendor").asText());
        assertEquals(25, cpu.path("family").asInt());
        assertEquals(1, cpu.path("modelNumber").asInt());
        assertEquals(1, cpu.path("stepping").asInt());
        assertEquals(256, cpu.path("vectorBits").asInt());
        assertEquals("AVX2", cpu.path("isa").asText());
        assertEquals("[\"-XX:UseAVX=2\"]", environment.at("/jvm/extraArgs").toString(), "--jvm-args");
        assertEquals("2", environment.at("/jvm/vectorOptions/UseAVX").asText(), "what the fork JVM made of them");

        Machine machine = Machine.fromEnvironment(EnvironmentReport.JSON.readTree(EnvironmentReport.prettyJson(environment)));
        assertEquals("AMD EPYC (family 25, model 1, stepping 1)", machine.describe());
        assertEquals("AVX2: 256-bit vectors", machine.vectors().orElseThrow());
        assertEquals("FP64 peak 42.5 GFLOP/s", machine.peak().orElseThrow());
        JsonNode file = machine.toJson();
        assertEquals("AuthenticAMD", file.at("/vendor/value").asText());
        assertTrue(file.at("/vendor/source").asText().contains("vendor_id"), file.toString());
    }

    private static JsonNode probe() {
        ObjectNode probe = EnvironmentReport.JSON.createObjectNode();
        ObjectNode cpu = probe.putObject("cpu");
        cpu.put("model", "AMD EPYC").put("logicalProcessors", 2);
        cpu.putArray("vectorFeatures").add("fma").add("avx").add("avx2").add("avx512f");
        cpu.put("vendor", "AuthenticAMD").put("family", 25).put("modelNumber", 1).put("stepping", 1)
                .put("vectorBits", 256).put("isa", "AVX2");
        probe.putObject("os").put("name", "Linux");
        probe.putObject("jdk").put("version", "25.0.3");
        probe.putArray("jvmArgs").add("-XX:UseAVX=2");
        probe.putObject("vectorOptions").put("UseAVX", "2").put("MaxVectorSize", "32");
        probe.putArray("installed").add("scalar");
        probe.putArray("backends").addObject().put("name", "scalar").put("description", "loops").put("available", true)
                .putObject("environment");
        return probe;
    }

    private static EnvironmentReport.Launch launch(JsonNode probe) {
        ObjectNode peak = EnvironmentReport.JSON.createObjectNode().put("measured", true)
                .put("fp64GflopsOneCore", 42.5142913869229).put("basis", "best measurement iteration");
        return new EnvironmentReport.Launch(Instant.parse("2026-12-07T13:00:00Z"), Instant.parse("2026-12-07T13:10:00Z"),
                "vm", "default", List.of(), "/usr/bin/java", List.of("-XX:UseAVX=2"), List.of(), List.of("-XX:UseAVX=2"),
                probe,
                List.of("scalar"), Map.of(), Path.of("").toAbsolutePath(), peak,
                EnvironmentReport.JSON.createObjectNode().put("measured", false));
    }
}
