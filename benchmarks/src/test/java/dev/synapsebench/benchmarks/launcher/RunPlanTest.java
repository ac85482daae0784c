package dev.synapsebench.benchmarks.launcher;

import dev.synapsebench.benchmarks.jmh.ParityProfiler;
import dev.synapsebench.benchmarks.jmh.ThreadAllocationProfiler;
import dev.synapsebench.core.Kernels;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.ProfilerConfig;

import dev.synapsebench.benchmarks.jmh.ManyNetworksBenchmark;
import dev.synapsebench.benchmarks.jmh.NetworkBenchmark;
import dev.synapsebench.model.Allocation;
import dev.synapsebench.model.Measurement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a run measures when nothing is selected: every installed backend on the registry's default
 * workloads. Plans with many-networks rows are on a 2-processor fork machine, as the reference machine.
 */
class RunPlanTest {

    @Test
    void defaultsAreTheDocumentedNames() throws Exception {
        RunPlan plan = RunPlan.of(LaunchOptions.parse(), new CommandLineOptions());
        assertEquals(Kernels.runOrder(), plan.backends(), "every installed backend");
        assertEquals("scalar", plan.backends().get(0), "the reference first");
        assertEquals(List.of("scalar", "simd", "ejml", "nd4j"), plan.backends().subList(0, 4),
                "then backends/pom.xml's order (a backend added there comes after these)");
        assertEquals(List.of("3-1", "3-4-1", "8-16-1x16", "32-64-1x64", "64-256-1x256", "128-512-1x512",
                "784-128-10x256"), plan.networks());
        List<RunPlan.Pass> passes = plan.withForkProcessors(2).passes();
        assertEquals(7, passes.size(), "the peak, the tutorials, their float32 rows, 2 many-networks rows, the sweep,"
                + " its float32 rows");
        assertTrue(passes.get(0).isPeak());
        assertEquals(List.of("forward", "weightUpdate", "trainingStep", "train"), passes.get(1).benchmarks());
        assertEquals(List.of("3-1", "3-4-1"), passes.get(1).networks());
        assertEquals(List.of("float64"), passes.get(1).dtypes());
        assertEquals(List.of("trainingStep"), passes.get(2).benchmarks());
        assertEquals(List.of("3-4-1"), passes.get(2).networks());
        assertEquals(List.of("float32"), passes.get(2).dtypes());
        assertEquals(List.of("forward", "trainingStep"), passes.get(5).benchmarks());
        assertEquals(5, passes.get(5).networks().size());
        assertEquals(List.of("128-512-1x512", "784-128-10x256"), passes.get(6).networks());
        assertEquals(List.of("float32"), passes.get(6).dtypes());
        assertEquals(passes.get(5).timing(), passes.get(6).timing(), "float32 is timed like its float64 twin");
        assertTrue(passes.stream().filter(p -> !p.name().startsWith("many networks")).allMatch(p -> p.params().isEmpty()));
    }

    @Test
    void manyNetworksRowsFollowTheTutorialsOnePassEachWithAllThreadsAsTheForkMachinesNumber() throws Exception {
        List<RunPlan.Pass> many = RunPlan.of(LaunchOptions.parse(), new CommandLineOptions()).withForkProcessors(2).passes()
                .subList(3, 5);
        assertEquals(List.of(Map.of("batch", "64", "threads", "1"), Map.of("batch", "64", "threads", "2")),
                many.stream().map(RunPlan.Pass::params).toList());
        for (RunPlan.Pass pass : many) {
            assertEquals(List.of("trainMany"), pass.benchmarks(), pass.name());
            assertEquals(List.of("3-1", "3-4-1"), pass.networks(), pass.name());
            assertEquals(List.of("float64"), pass.dtypes(), pass.name());
            assertEquals(Profile.DEFAULT.manyNetworks(), pass.timing(), pass.name());
        }
        assertEquals("many networks, 64 on 2 threads", many.get(1).name());
        assertEquals(2, Profile.DEFAULT.manyNetworks().forks(), "the default profile needs 2 forks at least");
        assertEquals(1, Profile.QUICK.manyNetworks().forks());

        var options = RunPlan.of(LaunchOptions.parse(), new CommandLineOptions()).withForkProcessors(2)
                .jmhOptions(many.get(1), List.of("simd"));
        assertEquals(List.of("64"), List.copyOf(options.getParameter("batch").get()));
        assertEquals(List.of("2"), List.copyOf(options.getParameter("threads").get()));
        String include = options.getIncludes().get(options.getIncludes().size() - 1);
        assertTrue(Pattern.compile(include).matcher(ManyNetworksBenchmark.class.getName() + ".trainMany").find(), include);
        assertFalse(Pattern.compile(include).matcher(NetworkBenchmark.class.getName() + ".trainingStep").find(), include);

        List<RunPlan.Pass> oneCore = RunPlan.of(LaunchOptions.parse(), new CommandLineOptions()).withForkProcessors(1)
                .passes();
        assertEquals(1, oneCore.stream().filter(p -> p.benchmarks().contains("trainMany")).count(),
                "64 on all threads is 64 on 1 on a one-processor machine: measured once");
    }

    @Test
    void manyNetworksFollowTheSelections() throws Exception {
        RunPlan only = RunPlan.of(LaunchOptions.parse("--benchmarks=trainMany", "--networks=3-4-1,multi-layer,8-16-1x16"),
                new CommandLineOptions()).withForkProcessors(2);
        assertEquals(3, only.passes().size(), "the peak and the 2 many-networks rows");
        assertTrue(only.passes().stream().skip(1).allMatch(p -> p.networks().equals(List.of("3-4-1"))));
        RunPlan none = RunPlan.of(LaunchOptions.parse("--networks=multi-layer"), new CommandLineOptions());
        assertTrue(none.passes().stream().noneMatch(p -> p.benchmarks().contains("trainMany")), "not on other shapes");
        RunPlan both = RunPlan.of(LaunchOptions.parse("--benchmarks=trainMany", "--dtypes=float64,float32"),
                new CommandLineOptions());
        assertEquals(List.of("float64", "float32"), both.passes().get(1).dtypes(), "the asked dtypes, as every row");
        RunPlan jmh = RunPlan.of(LaunchOptions.parse("trainMany"), new CommandLineOptions("trainMany"));
        assertEquals(List.of("trainMany"), jmh.benchmarks(), "JMH's own pattern finds the method in its class");
    }

    @Test
    void missingKnowsEveryManyNetworksRowByItsParameters() throws Exception {
        RunPlan plan = RunPlan.of(LaunchOptions.parse("--benchmarks=trainMany", "--networks=3-1"),
                new CommandLineOptions()).withForkProcessors(2);
        List<Measurement> rows = new ArrayList<>();
        for (String[] p : new String[][] {{"64", "1"}}) {
            rows.add(many(10.0, Map.of("batch", p[0], "threads", p[1])));
        }
        assertEquals(List.of("trainMany on 3-1 with simd in float64 with {batch=64, threads=2}"),
                plan.missing(rows, List.of("simd")));
        rows.add(many(6.0, Map.of("batch", "64", "threads", "2")));
        assertEquals(List.of(), plan.missing(rows, List.of("simd")));
    }

    /** A float64 trainMany row of simd on 3-1, as the run's model holds it (the default dtype left out of its key). */
    private static Measurement many(double score, Map<String, String> params) {
        return new Measurement("trainMany", "simd", "3-1", new TreeMap<>(params), "avgt", "ns/op", score, 1.0,
                List.of(new double[]{score}), Allocation.NOT_MEASURED, null);
    }

    @Test
    void askedDtypesGoOnEveryRowAndNothingElse() throws Exception {
        RunPlan float64 = RunPlan.of(LaunchOptions.parse("--dtypes=float64"), new CommandLineOptions()).withForkProcessors(2);
        assertEquals(5, float64.passes().size());
        assertTrue(float64.passes().stream().skip(1).allMatch(p -> p.dtypes().equals(List.of("float64"))));
        RunPlan both = RunPlan.of(LaunchOptions.parse("--dtypes=float64,float32"), new CommandLineOptions())
                .withForkProcessors(2);
        assertEquals(5, both.passes().size());
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

    /** --jvm-args go last into every fork, the peak's included, so that they win over the backends' options. */
    @Test
    void extraJvmOptionsReachEveryForkLast() throws Exception {
        LaunchOptions launch = LaunchOptions.parse("--jvm-args=-XX:MaxVectorSize=16 -Xss2m");
        RunPlan plan = RunPlan.of(launch, new CommandLineOptions("-jvmArgsAppend", "-Xmx1g"));
        assertEquals(List.of("-XX:MaxVectorSize=16", "-Xss2m"), plan.forks().extra());
        List<String> args = plan.forks().args();
        assertEquals(List.of("-XX:MaxVectorSize=16", "-Xss2m"), args.subList(args.size() - 2, args.size()));
        assertTrue(args.indexOf("-Xmx1g") < args.indexOf("-XX:MaxVectorSize=16"), "after JMH's own: " + args);
        for (RunPlan.Pass pass : plan.passes()) {
            List<String> append = List.copyOf(plan.jmhOptions(pass, List.of("simd")).getJvmArgsAppend().get());
            assertEquals(plan.forks().append(), append, pass.name());
        }
        assertTrue(plan.passes().get(0).isPeak(), "the peak is measured with them too");
        RunPlan.FlameRow row = new RunPlan.FlameRow("trainingStep", "simd", "3-1", "float64", Map.of());
        assertEquals(plan.forks().append(), List.copyOf(plan.flameOptions(row, "event=itimer").getJvmArgsAppend().get()));
    }

    /** --flame profiles every measured row of its benchmark: each (network, dtype, other parameters) with each backend. */
    @Test
    void flameRowsAreTheBenchmarksMeasuredRows() throws Exception {
        RunPlan plan = RunPlan.of(LaunchOptions.parse("--flame", "--networks=3-4-1,784-128-10x256"),
                new CommandLineOptions()).withForkProcessors(2);
        assertEquals(List.of("trainingStep-scalar-3-4-1-float64", "trainingStep-simd-3-4-1-float64",
                        "trainingStep-scalar-3-4-1-float32", "trainingStep-simd-3-4-1-float32",
                        "trainingStep-scalar-784-128-10x256-float64", "trainingStep-simd-784-128-10x256-float64",
                        "trainingStep-scalar-784-128-10x256-float32", "trainingStep-simd-784-128-10x256-float32"),
                plan.flameRows(List.of("scalar", "simd")).stream().map(RunPlan.FlameRow::name).toList(),
                "the tutorials' pass, its float32 rows, the sweep's, its float32 rows");
        RunPlan many = RunPlan.of(LaunchOptions.parse("--flame=trainMany", "--networks=3-1"), new CommandLineOptions())
                .withForkProcessors(2);
        assertEquals(List.of("trainMany-simd-3-1-float64-batch-64-threads-1", "trainMany-simd-3-1-float64-batch-64-threads-2"),
                many.flameRows(List.of("simd")).stream().map(RunPlan.FlameRow::name).toList());
        assertEquals(List.of(), RunPlan.of(LaunchOptions.parse(), new CommandLineOptions()).flameRows(List.of("simd")));
    }

    /**
     * A flame row runs alone, in one fork with the profile's flame timing whatever the command line says,
     * under async-profiler and without the allocation profilers; it never fails the run.
     */
    @Test
    void aFlameRowIsOneForkUnderAsyncProfilerAlone() throws Exception {
        String[] given = {"-f", "3", "-i", "20", "-foe", "true"};
        RunPlan plan = RunPlan.of(LaunchOptions.parse("--flame", "--profile=quick"), new CommandLineOptions(given));
        RunPlan.FlameRow row = new RunPlan.FlameRow("trainingStep", "simd", "3-4-1", "float32", Map.of());
        var options = plan.flameOptions(row, "event=itimer;dir=/tmp/x");
        Profile.Iterations flame = Profile.QUICK.flame();
        assertEquals(1, options.getForkCount().get());
        assertEquals(flame.warmupIterations(), options.getWarmupIterations().get());
        assertEquals(flame.measurementIterations(), options.getMeasurementIterations().get());
        assertEquals(flame.measurementTime(), options.getMeasurementTime().get());
        assertFalse(options.shouldFailOnError().get());
        assertEquals(List.of("async"), options.getProfilers().stream().map(ProfilerConfig::getKlass)
                .map(k -> k.equals(org.openjdk.jmh.profile.AsyncProfiler.class.getName()) ? "async" : k).toList());
        assertEquals("event=itimer;dir=/tmp/x", options.getProfilers().get(0).getOpts());
        assertEquals(List.of("simd"), List.copyOf(options.getParameter("backend").get()));
        assertEquals(List.of("3-4-1"), List.copyOf(options.getParameter("network").get()));
        assertEquals(List.of("float32"), List.copyOf(options.getParameter("dtype").get()));
        String include = options.getIncludes().get(options.getIncludes().size() - 1);
        assertTrue(Pattern.compile(include).matcher(NetworkBenchmark.class.getName() + ".trainingStep").find(), include);
        assertFalse(Pattern.compile(include).matcher(NetworkBenchmark.class.getName() + ".forward").find(), include);
    }

    @Test
    void flameNeedsRowsOfItsBenchmarkAndAsyncProfilerToItself() {
        UsageException none = assertThrows(UsageException.class, () -> RunPlan.of(LaunchOptions.parse("--flame=train",
                "--networks=784-128-10x256"), new CommandLineOptions()));
        assertTrue(none.getMessage().startsWith("--flame=train: this run measures no train rows"), none.getMessage());
        String[] async = {"-prof", "async"};
        UsageException twice = assertThrows(UsageException.class, () -> RunPlan.of(LaunchOptions.parse("--flame"),
                new CommandLineOptions(async)));
        assertTrue(twice.getMessage().contains("-prof async"), twice.getMessage());
    }

    private static List<String> profilers(RunPlan plan, RunPlan.Pass pass) {
        return plan.jmhOptions(pass, List.of("scalar")).getProfilers().stream().map(ProfilerConfig::getKlass).toList();
    }
}
