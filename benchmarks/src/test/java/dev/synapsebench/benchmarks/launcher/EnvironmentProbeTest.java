package dev.synapsebench.benchmarks.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The probe's CPU section: the identity /proc/cpuinfo gives, and the vector width of the JVM it runs in. */
class EnvironmentProbeTest {

    private static final String EPYC = """
            processor\t: 0
            vendor_id\t: AuthenticAMD
            cpu family\t: 25
            model\t\t: 1
            model name\t: AMD EPYC
            stepping\t: 1
            flags\t\t: fpu sse4_1 sse4_2 avx avx2 fma avx512f
            """;

    @Test
    void linuxNamesVendorFamilyModelAndStepping() {
        JsonNode cpu = EnvironmentProbe.cpu(EPYC, "Linux", "AMD EPYC", 256);
        assertEquals("AMD EPYC", cpu.path("model").asText(), "the model name, as before");
        assertEquals("AuthenticAMD", cpu.path("vendor").asText());
        assertEquals(25, cpu.path("family").asInt());
        assertEquals(1, cpu.path("modelNumber").asInt());
        assertEquals(1, cpu.path("stepping").asInt());
        assertEquals(List.of("sse4_1", "sse4_2", "avx", "avx2", "fma", "avx512f"), texts(cpu.path("vectorFeatures")));
        assertEquals(256, cpu.path("vectorBits").asInt());
        assertEquals("AVX2", cpu.path("isa").asText(), "an AVX-512 CPU whose forks run with -XX:UseAVX=2");
        assertEquals(List.of("model", "logicalProcessors", "vectorFeatures", "vendor", "family", "modelNumber", "stepping",
                "vectorBits", "isa"), names(cpu), "the earlier fields first, unchanged");
    }

    @Test
    void aFieldCpuinfoLacksStaysAbsentAndOtherSystemsSayUnknown() {
        JsonNode arm = EnvironmentProbe.cpu("processor\t: 0\nFeatures\t: fp asimd\nCPU implementer\t: 0x41\n", "Linux",
                null, 128);
        for (String field : List.of("vendor", "family", "modelNumber", "stepping")) {
            assertTrue(arm.path(field).isMissingNode(), field + ": " + arm);
        }
        assertEquals("128-bit", arm.path("isa").asText());

        JsonNode mac = EnvironmentProbe.cpu("", "Mac OS X", "Apple M2", null);
        for (String field : List.of("vendor", "family", "modelNumber", "stepping")) {
            assertEquals("unknown", mac.path(field).asText(), field);
        }
        assertFalse(mac.path("vectorBits").isNumber(), "no Vector API in the JVM: no width");
        assertTrue(mac.path("isa").isMissingNode());
    }

    @Test
    void theWidthIsTheVectorApisPreferredSpeciesInThisJvm() {
        // the tests run with the backends' flags, so jdk.incubator.vector is there
        Integer bits = EnvironmentProbe.preferredVectorBits();
        assertTrue(bits != null && bits >= 64 && Integer.bitCount(bits) == 1, String.valueOf(bits));
    }

    /** HotSpot's own vector flags as this JVM settled them: UseAVX on x86, and the register width everywhere. */
    @Test
    void theVectorOptionsAreThisJvmsSettledFlags() {
        JsonNode options = EnvironmentProbe.vectorOptions();
        assertTrue(options.path("MaxVectorSize").asInt() >= 8, options.toString());
        String arch = System.getProperty("os.arch");
        if (arch.equals("amd64") || arch.equals("x86_64")) {
            assertTrue(options.path("UseAVX").isTextual() && options.path("UseSVE").isMissingNode(), options.toString());
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> list = new java.util.ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }

    private static List<String> names(JsonNode object) {
        List<String> list = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(list::add);
        return list;
    }
}
