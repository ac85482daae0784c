package dev.synapsebench.benchmarks.launcher;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a run measures when nothing is selected: every installed backend on the registry's default workloads. */
class RunPlanTest {

    @Test
    void defaultsAreTheDocumentedNames() throws Exception {
        RunPlan plan = RunPlan.of(LaunchOptions.parse(), new CommandLineOptions());
        assertEquals(List.of("scalar", "simd", "ejml", "nd4j"), plan.backends(),
                "the reference first, then backends/pom.xml's order");
        assertEquals(List.of("3-1", "3-4-1"), plan.networks());
    }

    @Test
    void theLauncherSelectionWinsOverJmhsParameters() throws Exception {
        RunPlan plan = RunPlan.of(LaunchOptions.parse("--backends=simd", "--networks=multi-layer", "-p", "backend=ejml"),
                new CommandLineOptions("-p", "backend=ejml", "-p", "network=3-1"));
        assertEquals(List.of("simd"), plan.backends());
        assertEquals(List.of("multi-layer"), plan.networks());
        RunPlan jmh = RunPlan.of(LaunchOptions.parse(), new CommandLineOptions("-p", "backend=ejml", "-p",
                "network=trask-2layer"));
        assertEquals(List.of("ejml"), jmh.backends());
        assertEquals(List.of("trask-2layer"), jmh.networks());
    }
}
