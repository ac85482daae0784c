package dev.synapsebench.benchmarks.launcher;

import dev.synapsebench.model.BenchmarkSchema;
import dev.synapsebench.model.Measurement;
import dev.synapsebench.benchmarks.jmh.ManyNetworksBenchmark;
import dev.synapsebench.benchmarks.jmh.NetworkBenchmark;
import dev.synapsebench.benchmarks.jmh.PeakBenchmark;
import dev.synapsebench.benchmarks.jmh.ParityProfiler;
import dev.synapsebench.benchmarks.jmh.ThreadAllocationProfiler;
import dev.synapsebench.core.DType;
import dev.synapsebench.core.Kernels;
import dev.synapsebench.core.Workloads;
import org.openjdk.jmh.profile.AsyncProfiler;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.ProfilerConfig;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a run will do, from the launcher's options and JMH's command line: the fork JVM and its
 * arguments, the backends and networks requested, and the JMH runs ({@link Pass}es) that carry
 * them out: the peak, the tutorials' networks with every benchmark, many networks at once
 * ({@link #MANY_NETWORKS_BENCHMARKS}, one pass per row of {@link #MANY_NETWORKS_ROWS}), the
 * synthetic sweep with {@link #SWEEP_BENCHMARKS} and its own timing.
 *
 * @param launch   the launcher's own options
 * @param given    JMH's command line
 * @param forks    the fork JVM and its arguments
 * @param backends backends requested: {@code --backends}, else JMH's {@code -p backend=}, else every
 *                 installed one (reference first, see {@link Kernels#runOrder()})
 * @param networks workloads requested by benchmark name: {@code --networks}, else {@code -p network=},
 *                 else the registry's default set ({@link Workloads#defaultBenchmarkNames()})
 * @param dtypes   arithmetics requested ({@code DType.id()}): {@code --dtypes}, else {@code -p dtype=}; empty when
 *                 neither says: then every row is float64 and {@link #FLOAT32_BENCHMARKS} on
 *                 {@link #FLOAT32_NETWORKS} are measured in float32 too (the many-networks rows: float64 only)
 * @param forkProcessors the fork machine's available processors, what {@link Batching#ALL_THREADS} means:
 *                 this JVM's until the launcher has probed the fork JVM ({@link #withForkProcessors})
 */
record RunPlan(LaunchOptions launch, CommandLineOptions given, Forks forks, List<String> backends,
               List<String> networks, List<String> dtypes, int forkProcessors) {

    /** What the sweep measures: a step and its forward pass (weightUpdate and whole programs are the tutorials'). */
    static final List<String> SWEEP_BENCHMARKS = List.of(BenchmarkSchema.FORWARD, BenchmarkSchema.TRAINING_STEP);

    /**
     * What float32 is measured on when no dtype is asked for: a full training step (the float32
     * targets are a step's), on the tutorials' two-layer net (where the 16-lane twin takes the general
     * path) and on the two sweep sizes the float32 targets name. Not every row: float32 on every
     * benchmark and network would add about 40% to a run that must measure within 10 minutes (these
     * rows add about 90 s on 2 cores at an FP64 peak of 58 GFLOP/s; 64-256-1x256 would add 25 s more).
     * {@code --dtypes=float64,float32} measures both everywhere; {@code --dtypes=float64} neither.
     */
    static final List<String> FLOAT32_BENCHMARKS = List.of(BenchmarkSchema.TRAINING_STEP);

    /** See {@link #FLOAT32_BENCHMARKS}; workload benchmark names. */
    static final List<String> FLOAT32_NETWORKS = List.of("3-4-1", "128-512-1x512", "784-128-10x256");

    /** The methods of {@link ManyNetworksBenchmark}; every other network benchmark is {@link NetworkBenchmark}'s. */
    static final List<String> MANY_NETWORKS_BENCHMARKS = List.of(BenchmarkSchema.TRAIN_MANY);

    /** What the many-networks passes measure, of the run's networks: the tutorials' two shapes. */
    static final List<String> MANY_NETWORKS_NETWORKS = List.of("3-1", "3-4-1");

    /**
     * The many-networks rows, one pass each (JMH would otherwise measure every batch with every
     * thread count): networks in the batch (dividing {@code ManyNetworksBenchmark.NETWORK_STEPS})
     * and threads. In float64 unless {@code --dtypes} asks for others: the targets are float64's.
     * 64 is two of simd's 32-network groups (one per thread on 2 cores) and two of scalar's blocks;
     * a larger batch is more of the same groups, trained one after another (1024 measured the same
     * as 64 per network-step by hand). Each row costs about 35 s of a run that must measure within
     * 10 minutes (2 forks per backend and network): a third row, (8, 1), one vector of simd's lanes,
     * took the default run to 11 minutes.
     */
    static final List<Batching> MANY_NETWORKS_ROWS = List.of(new Batching(64, 1), new Batching(64, Batching.ALL_THREADS));

    /**
     * One row of {@link #MANY_NETWORKS_ROWS}.
     *
     * @param networks the batch size K
     * @param threads  threads T, or {@link #ALL_THREADS}
     */
    record Batching(int networks, int threads) {

        /** As many threads as the fork machine has processors. */
        static final int ALL_THREADS = 0;

        /** The JMH parameters of this row, with {@link #ALL_THREADS} as {@code processors}. */
        Map<String, String> params(int processors) {
            return Map.of(BenchmarkSchema.BATCH, String.valueOf(networks), BenchmarkSchema.THREADS,
                    String.valueOf(threads == ALL_THREADS ? processors : threads));
        }
    }

    /**
     * One JMH run of the plan.
     *
     * @param name       what it measures, for the console
     * @param benchmarks benchmark methods of {@link NetworkBenchmark} (empty for the peak)
     * @param networks   values of the {@code network} parameter (empty for the peak)
     * @param timing     forks and iterations
     * @param dtypes     values of the {@code dtype} parameter (empty for the peak)
     * @param params     other parameters, one value each ({@code batch} and {@code threads} of a
     *                   many-networks pass; empty for the others)
     */
    record Pass(String name, List<String> benchmarks, List<String> networks, Profile.Iterations timing,
                List<String> dtypes, Map<String, String> params) {

        Pass(String name, List<String> benchmarks, List<String> networks, Profile.Iterations timing, List<String> dtypes) {
            this(name, benchmarks, networks, timing, dtypes, Map.of());
        }

        boolean isPeak() {
            return benchmarks.isEmpty();
        }
    }

    /**
     * @throws UsageException for {@code -f 0}, a fork JVM that cannot run (or not with {@code --jvm-args}), a result
     *                        file that cannot be written, or a {@code --flame} benchmark the run does not measure
     */
    static RunPlan of(LaunchOptions launch, CommandLineOptions given) {
        if (given.getForkCount().hasValue() && given.getForkCount().get() < 1) {
            throw new UsageException("-f " + given.getForkCount().get() + " would run every backend in this JVM, "
                    + "where they would distort each other's compiled code; use -f 1 or more");
        }
        Forks forks = Forks.of(given, launch);
        List<String> backends = chosen(launch.backends(), given.getParameter(BenchmarkSchema.BACKEND).orElse(null),
                Kernels.runOrder());
        List<String> networks = chosen(launch.networks(), given.getParameter(BenchmarkSchema.NETWORK).orElse(null),
                Workloads.defaultBenchmarkNames());
        List<String> dtypes = chosen(launch.dtypes(), given.getParameter(BenchmarkSchema.DTYPE).orElse(null), List.of());
        ResultFile.of(given); // an unwritable -rff is refused now, not after the run
        RunPlan plan = new RunPlan(launch, given, forks, backends, networks, dtypes,
                Runtime.getRuntime().availableProcessors());
        launch.flame().ifPresent(plan::checkFlame);
        return plan;
    }

    /** {@code --flame=BENCHMARK} needs rows of that benchmark to profile, and async-profiler to itself. */
    private void checkFlame(String benchmark) {
        if (givenProfilers().anyMatch(p -> p.equals("async") || p.equals(AsyncProfiler.class.getName()))) {
            throw new UsageException("--flame runs async-profiler itself, after the measurements; leave -prof async out");
        }
        if (passes().stream().noneMatch(pass -> pass.benchmarks().contains(benchmark))) {
            throw new UsageException("--flame=" + benchmark + ": this run measures no " + benchmark + " rows ("
                    + String.join(", ", benchmarks()) + " on " + String.join(", ", networks) + ")");
        }
    }

    /** This plan with the fork machine's processors (the probe's), which the many-networks rows' "all" threads mean. */
    RunPlan withForkProcessors(int processors) {
        if (processors < 1) {
            throw new IllegalArgumentException("a machine has at least one processor, got " + processors);
        }
        return new RunPlan(launch, given, forks, backends, networks, dtypes, processors);
    }

    /**
     * The peak first (so every result can be put against it), then the tutorials, then many
     * networks at once (next to the tutorials' trainingStep they are put against), then the sweep;
     * with no dtype asked for, the tutorials and the sweep each followed by its float32 rows
     * (measured next to their float64 twins, with the same timing, so the machine's state drifts
     * least between the two).
     */
    List<Pass> passes() {
        List<String> benchmarks = benchmarks();
        List<String> tutorials = networks.stream().filter(n -> Workloads.isTutorial(Workloads.resolve(n))).toList();
        List<String> sweep = networks.stream().filter(n -> !tutorials.contains(n)).toList();
        List<String> perNetwork = benchmarks.stream().filter(b -> !MANY_NETWORKS_BENCHMARKS.contains(b)).toList();
        List<String> sweepBenchmarks = benchmarks.stream().filter(SWEEP_BENCHMARKS::contains).toList();
        List<Pass> passes = new ArrayList<>();
        passes.add(new Pass("the peaks", List.of(), List.of(), launch.profile().peak(), List.of()));
        addWithFloat32("the tutorials' networks", perNetwork, tutorials, launch.profile().tutorials(), passes);
        addManyNetworks(benchmarks.stream().filter(MANY_NETWORKS_BENCHMARKS::contains).toList(), passes);
        addWithFloat32("the size sweep", sweepBenchmarks, sweep, launch.profile().sweep(), passes);
        return passes;
    }

    /** One pass per distinct row of {@link #MANY_NETWORKS_ROWS} once "all" threads is a number. */
    private void addManyNetworks(List<String> benchmarks, List<Pass> passes) {
        List<String> shapes = networks.stream().filter(MANY_NETWORKS_NETWORKS::contains).toList();
        if (benchmarks.isEmpty() || shapes.isEmpty()) {
            return;
        }
        List<String> manyDtypes = dtypes.isEmpty() ? List.of(DType.FLOAT64.id()) : dtypes;
        Set<Map<String, String>> rows = new LinkedHashSet<>();
        MANY_NETWORKS_ROWS.forEach(row -> rows.add(row.params(forkProcessors)));
        for (Map<String, String> row : rows) {
            String threads = row.get(BenchmarkSchema.THREADS);
            passes.add(new Pass("many networks, " + row.get(BenchmarkSchema.BATCH) + " on " + threads
                    + (threads.equals("1") ? " thread" : " threads"), benchmarks, shapes,
                    launch.profile().manyNetworks(), manyDtypes, row));
        }
    }

    /** A pass in the asked dtypes, or in float64 and then its float32 rows. */
    private void addWithFloat32(String name, List<String> benchmarks, List<String> networks, Profile.Iterations timing,
                                List<Pass> passes) {
        if (benchmarks.isEmpty() || networks.isEmpty()) {
            return;
        }
        if (!dtypes.isEmpty()) {
            passes.add(new Pass(name, benchmarks, networks, timing, dtypes));
            return;
        }
        passes.add(new Pass(name, benchmarks, networks, timing, List.of(DType.FLOAT64.id())));
        List<String> float32Benchmarks = benchmarks.stream().filter(FLOAT32_BENCHMARKS::contains).toList();
        List<String> float32Networks = networks.stream().filter(FLOAT32_NETWORKS::contains).toList();
        if (!float32Benchmarks.isEmpty() && !float32Networks.isEmpty()) {
            passes.add(new Pass(name + " in float32", float32Benchmarks, float32Networks, timing,
                    List.of(DType.FLOAT32.id())));
        }
    }

    /**
     * {@code --benchmarks}, else the methods JMH's own patterns on the command line match (as in
     * {@code java -jar benchmarks.jar trainingStep}), else all of them.
     */
    List<String> benchmarks() {
        if (!launch.benchmarks().isEmpty()) {
            return launch.benchmarks();
        }
        List<String> patterns = given.getIncludes();
        if (patterns.isEmpty()) {
            return BenchmarkSchema.BENCHMARK_ORDER;
        }
        return BenchmarkSchema.BENCHMARK_ORDER.stream().filter(method -> patterns.stream().anyMatch(p ->
                Pattern.compile(p).matcher(benchmarkClass(method) + "." + method).find())).toList();
    }

    /** JMH's {@code -rf}/{@code -rff}: one file for all passes, which the launcher writes (not each pass). */
    java.util.Optional<ResultFile> resultFile() {
        return ResultFile.of(given);
    }

    void describe(PrintStream out) {
        out.println("# synapse-bench: profile " + launch.profile().id() + "; forks run on "
                + forks.jvm().executable() + " (" + forks.jvm().properties().get("java.vendor") + " "
                + forks.jvm().properties().get("java.runtime.version") + ")");
        out.println("# JVM options added to every fork for the backends: " + String.join(" ", forks.added()));
        if (!forks.extra().isEmpty()) {
            out.println("# Extra JVM options for every fork, the peak's and the probe's too (--jvm-args): "
                    + String.join(" ", forks.extra()));
        }
        launch.flame().ifPresent(benchmark -> out.println("# Flame graphs of " + benchmark
                + " after the measurements (--flame), one fork per measured row"));
        out.println("# Probing the fork JVM and the backends " + backends + " (a backend's first run may unpack "
                + "native libraries and take a minute) ...");
    }

    /**
     * The command line's options, plus the pass's timing and selection, the fork options, and the
     * allocation profilers: {@link ThreadAllocationProfiler} and {@code -prof gc}.
     */
    Options jmhOptions(Pass pass, List<String> measured) {
        ChainedOptionsBuilder options = forkOptions();
        pass.timing().applyTo(options, given);
        if (pass.isPeak()) {
            options.include(PEAK); // and nothing else the command line's own patterns (merged in by JMH) match
            options.exclude("^" + NETWORK_CLASSES + "\\.");
            options.shouldFailOnError(false); // no peak means no "% of peak", not a failed run
        } else {
            select(options, pass.benchmarks(), measured, pass.networks(), pass.dtypes(), pass.params());
            if (!given.shouldFailOnError().hasValue()) {
                options.shouldFailOnError(true); // a parity mismatch stops the run
            }
        }
        // The thread's own allocation before gc: JMH stops profilers in reverse order, so the few objects
        // this one returns are allocated after gc's window has closed (and the parity's after both).
        if (givenProfilers().noneMatch(ParityProfiler.class.getName()::equals)) {
            options.addProfiler(ParityProfiler.class);
        }
        if (givenProfilers().noneMatch(ThreadAllocationProfiler.class.getName()::equals)) {
            options.addProfiler(ThreadAllocationProfiler.class);
        }
        if (givenProfilers().noneMatch(RunPlan::isGcProfiler)) {
            options.addProfiler("gc");
        }
        return options.build();
    }

    /**
     * One row of the flame graphs' pass: a row of {@code --flame}'s benchmark that the run measured.
     *
     * @param params a many-networks row's batch and threads; empty for the others
     */
    record FlameRow(String benchmark, String backend, String network, String dtype, Map<String, String> params) {

        /** "trainingStep-simd-784-128-10x256-float64", a many-networks row's with "-batch-64-threads-2". */
        String name() {
            StringBuilder name = new StringBuilder(String.join("-", benchmark, backend, network, dtype));
            new java.util.TreeMap<>(params).forEach((param, value) -> name.append('-').append(param).append('-')
                    .append(value));
            return name.toString();
        }
    }

    /**
     * The rows {@code --flame} profiles: each (network, dtype, other parameters) a pass measures its
     * benchmark on, with each measured backend, in the passes' order; empty without {@code --flame}.
     */
    List<FlameRow> flameRows(List<String> measured) {
        List<FlameRow> rows = new ArrayList<>();
        if (launch.flame().isEmpty()) {
            return rows;
        }
        String benchmark = launch.flame().get();
        for (Pass pass : passes()) {
            if (!pass.benchmarks().contains(benchmark)) {
                continue;
            }
            for (String network : pass.networks()) {
                for (String backend : measured) {
                    for (String dtype : pass.dtypes()) {
                        rows.add(new FlameRow(benchmark, backend, network, dtype, pass.params()));
                    }
                }
            }
        }
        return rows;
    }

    /**
     * One flame graph row as JMH runs it: the forks' JVM and options as measured, the profile's flame
     * timing (one fork, whatever the command line says), and async-profiler with {@code asyncProfiler}'s
     * options ({@code libPath=...;event=...}) instead of the allocation profilers, which would only
     * add their own work to the profile.
     */
    Options flameOptions(FlameRow row, String asyncProfiler) {
        ChainedOptionsBuilder options = forkOptions();
        launch.profile().flame().overrideOn(options);
        select(options, List.of(row.benchmark()), List.of(row.backend()), List.of(row.network()), List.of(row.dtype()),
                row.params());
        options.shouldFailOnError(false); // a row without a graph is said so; the measured results stand
        options.addProfiler(AsyncProfiler.class, asyncProfiler);
        return options.build();
    }

    /** The command line's options less the run's files, with the fork JVM and its options: what every pass shares. */
    private ChainedOptionsBuilder forkOptions() {
        // -rf/-rff/-o are the whole run's (resultFile(), JmhOutput): a pass writing them would replace the passes before
        ChainedOptionsBuilder options = new OptionsBuilder().parent(ResultFile.withoutRunFiles(given));
        options.jvm(forks.jvm().executable());
        options.jvmArgsAppend(forks.append().toArray(String[]::new));
        return options;
    }

    /**
     * Exactly these network benchmark methods, on these parameter values: the command line's own
     * patterns (merged in by JMH) must not pull in another pass's methods or the peak.
     */
    private static void select(ChainedOptionsBuilder options, List<String> benchmarks, List<String> backends,
                               List<String> networks, List<String> dtypes, Map<String, String> params) {
        options.include(pattern(benchmarks));
        options.exclude(PEAK);
        List<String> others = BenchmarkSchema.BENCHMARK_ORDER.stream().filter(m -> !benchmarks.contains(m)).toList();
        if (!others.isEmpty()) {
            options.exclude(pattern(others));
        }
        options.param(BenchmarkSchema.BACKEND, backends.toArray(String[]::new));
        options.param(BenchmarkSchema.NETWORK, networks.toArray(String[]::new));
        options.param(BenchmarkSchema.DTYPE, dtypes.toArray(String[]::new));
        params.forEach(options::param);
    }

    /** Every (benchmark, network, backend, dtype, other parameters) a pass was to measure must have a result. */
    List<String> missing(List<Measurement> rows, List<String> measured) {
        Set<String> present = new LinkedHashSet<>();
        for (Measurement row : rows) {
            Map<String, String> params = new java.util.TreeMap<>(row.otherParams());
            params.remove(BenchmarkSchema.DTYPE);
            present.add(row.benchmark() + " " + row.network() + " " + row.backend() + " " + row.dtype() + " " + params);
        }
        List<String> missing = new ArrayList<>();
        for (Pass pass : passes()) {
            Map<String, String> params = new java.util.TreeMap<>(pass.params());
            String described = params.isEmpty() ? "" : " with " + params;
            for (String benchmark : pass.benchmarks()) {
                for (String network : pass.networks()) {
                    for (String backend : measured) {
                        for (String dtype : pass.dtypes()) {
                            if (!present.contains(benchmark + " " + network + " " + backend + " " + dtype + " " + params)) {
                                missing.add(benchmark + " on " + network + " with " + backend + " in " + dtype
                                        + described);
                            }
                        }
                    }
                }
            }
        }
        return missing;
    }

    private static final String PEAK = "^" + quoted(PeakBenchmark.class.getName()) + "\\.fmaChains(Float32)?$";

    /** Either class of network benchmarks, as a regex group (their method names are distinct). */
    private static final String NETWORK_CLASSES = "(" + quoted(NetworkBenchmark.class.getName()) + "|"
            + quoted(ManyNetworksBenchmark.class.getName()) + ")";

    /** The JMH include pattern for exactly these methods of {@link NetworkBenchmark} and {@link ManyNetworksBenchmark}. */
    static String pattern(List<String> benchmarks) {
        return "^" + NETWORK_CLASSES + "\\.(" + String.join("|", benchmarks) + ")$";
    }

    /** The class declaring a network benchmark method. */
    static String benchmarkClass(String method) {
        return (MANY_NETWORKS_BENCHMARKS.contains(method) ? ManyNetworksBenchmark.class : NetworkBenchmark.class)
                .getName();
    }

    private static String quoted(String className) {
        return className.replace(".", "\\.");
    }

    /** The profilers on the command line (JMH refuses one given twice). */
    private Stream<String> givenProfilers() {
        return given.getProfilers().stream().map(ProfilerConfig::getKlass);
    }

    private static boolean isGcProfiler(String klass) {
        return klass.equals("gc") || klass.equals(GCProfiler.class.getName());
    }

    /** The launcher's selection, else JMH's {@code -p name=...}, else the default. */
    private static List<String> chosen(List<String> launcher, Collection<String> jmh, List<String> otherwise) {
        if (!launcher.isEmpty()) {
            return launcher;
        }
        if (jmh != null && !jmh.isEmpty()) {
            return List.copyOf(new LinkedHashSet<>(jmh));
        }
        return otherwise;
    }
}
