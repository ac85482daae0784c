package dev.synapsebench.benchmarks.launcher;

import dev.synapsebench.benchmarks.jmh.ParityProfiler;
import dev.synapsebench.benchmarks.jmh.ThreadAllocationProfiler;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.ProfilerConfig;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a run measures when nothing is selected: every installed backend on the registry's default workloads. */
class RunPlanTest {

    @Test
    void defaultsAreTheDocumentedNames() throws Exception {
        RunPlan plan = RunPlan.of(LaunchOptions.parse(), new CommandLineOptions());
        assertEquals(List.of("scalar", "simd", "ejml", "nd4j"), plan.backends(),
                "the reference first, then backends/pom.xml's order");
        assertEquals(List.of("3-1", "3-4-1", "8-16-1x16", "32-64-1x64", "64-256-1x256", "128-512-1x512",
                "784-128-10x256"), plan.networks());
        List<RunPlan.Pass> passes = plan.passes();
        assertEquals(5, passes.size(), "the peak, the tutorials, their float32 rows, the sweep, its float32 rows");
        assertTrue(passes.get(0).isPeak());
        assertEquals(List.of("forward", "weightUpdate", "trainingStep", "train"), passes.get(1).benchmarks());
        assertEquals(List.of("3-1", "3-4-1"), passes.get(1).networks());
        assertEquals(List.of("float64"), passes.get(1).dtypes());
        assertEquals(List.of("trainingStep"), passes.get(2).benchmarks());
        assertEquals(List.of("3-4-1"), passes.get(2).networks());
        assertEquals(List.of("float32"), passes.get(2).dtypes());
        assertEquals(List.of("forward", "trainingStep"), passes.get(3).benchmarks());
        assertEquals(5, passes.get(3).networks().size());
        assertEquals(List.of("128-512-1x512", "784-128-10x256"), passes.get(4).networks());
        assertEquals(List.of("float32"), passes.get(4).dtypes());
        assertEquals(passes.get(3).timing(), passes.get(4).timing(), "float32 is timed like its float64 twin");
    }

    @Test
    void askedDtypesGoOnEveryRowAndNothingElse() throws Exception {
        RunPlan float64 = RunPlan.of(LaunchOptions.parse("--dtypes=float64"), new CommandLineOptions());
        assertEquals(3, float64.passes().size());
        assertTrue(float64.passes().stream().skip(1).allMatch(p -> p.dtypes().equals(List.of("float64"))));
        RunPlan both = RunPlan.of(LaunchOptions.parse("--dtypes=float64,float32"), new CommandLineOptions());
        assertEquals(3, both.passes().size());
        assertTrue(both.passes().stream().skip(1).allMatch(p -> p.dtypes().equals(List.of("float64", "float32"))));
        RunPlan some = RunPlan.of(LaunchOptions.parse("--networks=3-4-1,multi-layer", "--benchmarks=trainingStep"),
                new CommandLineOptions());
        assertEquals(List.of("3-4-1"), some.passes().get(2).networks(), "float32 only where the default plan has it");
    }

    @Test
    void jmhsOwnPatternsSelectTheBenchmarks() throws Exception {
        RunPlan plan = RunPlan.of(LaunchOptions.parse("trainingStep"), new CommandLineOptions("trainingStep"));
        assertEquals(List.of("trainingStep"), plan.benchmarks());
        RunPlan anySize = RunPlan.of(LaunchOptions.parse("--networks=100-50-1x200"), new CommandLineOptions());
        assertEquals(List.of("100-50-1x200"), anySize.passes().get(1).networks(), "a synthetic size off the registry");
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

    @Test
    void everyPassRecordsParityAndMeasuresAllocationBothWaysTheThreadsOwnFirst() throws Exception {
        RunPlan plan = RunPlan.of(LaunchOptions.parse(), new CommandLineOptions());
        for (RunPlan.Pass pass : plan.passes()) {
            assertEquals(List.of(ParityProfiler.class.getName(), ThreadAllocationProfiler.class.getName(), "gc"),
                    profilers(plan, pass), pass.name());
        }
        String[] given = {"-prof", "gc", "-prof", ThreadAllocationProfiler.class.getName(), "-prof", "stack"};
        RunPlan asked = RunPlan.of(LaunchOptions.parse(given), new CommandLineOptions(given));
        assertEquals(List.of(ParityProfiler.class.getName(), "gc", ThreadAllocationProfiler.class.getName(), "stack"),
                profilers(asked, asked.passes().get(1)), "none twice: JMH refuses that");
    }

    private static List<String> profilers(RunPlan plan, RunPlan.Pass pass) {
        return plan.jmhOptions(pass, List.of("scalar")).getProfilers().stream().map(ProfilerConfig::getKlass).toList();
    }
}
