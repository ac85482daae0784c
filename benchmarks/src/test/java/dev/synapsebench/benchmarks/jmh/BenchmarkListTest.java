package dev.synapsebench.benchmarks.jmh;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * JMH's annotation processor writes META-INF/BenchmarkList while compiling. javac 23+ silently
 * skips processors that are merely on the class path, and the jar then holds no benchmarks at all:
 * this test turns that silence into a failure.
 */
class BenchmarkListTest {

    @Test
    void annotationProcessorGeneratedTheBenchmarkList() throws IOException {
        String list;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/BenchmarkList")) {
            assertNotNull(in, "META-INF/BenchmarkList is missing: JMH's annotation processor did not run "
                    + "(it must be listed in maven-compiler-plugin's annotationProcessorPaths)");
            list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertFalse(list.isBlank(), "META-INF/BenchmarkList is empty");
        for (String method : List.of("forward", "weightUpdate", "trainingStep", "train")) {
            assertTrue(list.contains("NetworkBenchmark_" + method + "_jmhTest"),
                    () -> "benchmark " + method + " is not in META-INF/BenchmarkList:\n" + list);
        }
        assertTrue(list.contains("ManyNetworksBenchmark_trainMany_jmhTest"),
                () -> "benchmark trainMany is not in META-INF/BenchmarkList:\n" + list);
        assertTrue(list.contains(" backend ") && list.contains(" network "), "the @Param fields are not registered");
        assertTrue(list.contains(" batch ") && list.contains(" threads "), "trainMany's @Param fields are not registered");
    }
}
