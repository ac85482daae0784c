package dev.synapsebench.core;

import java.util.List;
import java.util.Optional;

/**
 * The registry of workloads: every name the CLI ({@code --preset}) and the benchmarks
 * ({@code network}) accept is one entry of {@link #ALL}. Adding a workload is adding an entry.
 *
 * <p>The four tutorial programs (reference cases a-d) come first. Their benchmark names are the
 * ones the first reports used: {@code 3-1} is single-neuron and {@code 3-4-1} is xor-3layer, the
 * shapes the speed targets were quoted for; multi-layer and trask-2layer are measured on request.
 */
public final class Workloads {

    private static final double[][] XOR_INPUTS = {{0, 0, 1}, {0, 1, 1}, {1, 0, 1}, {1, 1, 1}};

    /** a: Milo Spencer-Harper, "How to build a simple neural network in 9 lines of Python code". */
    public static final Workload SINGLE_NEURON = new Workload("single-neuron", "3-1", true,
            "Milo Spencer-Harper: a single neuron in 9 lines (3-1)",
            Topology.of(3, 1),
            set(new double[][] {{0, 0, 1}, {1, 1, 1}, {1, 0, 1}, {0, 1, 1}}, 0, 1, 1, 0),
            1, 10_000, new double[] {1, 0, 0});

    /** b: Milo Spencer-Harper, "How to build a multi-layered neural network in Python". */
    public static final Workload MULTI_LAYER = new Workload("multi-layer", "multi-layer", false,
            "Milo Spencer-Harper: a multi-layered neural network (3-4-1)",
            Topology.of(3, 4, 1),
            set(new double[][] {{0, 0, 1}, {0, 1, 1}, {1, 0, 1}, {0, 1, 0}, {1, 0, 0}, {1, 1, 1}, {0, 0, 0}},
                    0, 1, 1, 1, 1, 0, 0),
            1, 60_000, new double[] {1, 1, 0});

    /** c: Steemit @quantum-cyborg, "Let's build a Neural Network in Python!" (Trask's 3-layer net). */
    public static final Workload XOR_3LAYER = new Workload("xor-3layer", "3-4-1", true,
            "Steemit: a 3-layer network learns XOR in 50000 iterations (3-4-1)",
            Topology.of(3, 4, 1),
            set(XOR_INPUTS, 0, 1, 1, 0),
            1, 50_000, null);

    /** d: Andrew Trask, "A Neural Network in 11 lines of Python", 2-layer network. */
    public static final Workload TRASK_2LAYER = new Workload("trask-2layer", "trask-2layer", false,
            "Andrew Trask: a 2-layer network in 11 lines (3-1)",
            Topology.of(3, 1),
            set(XOR_INPUTS, 0, 0, 1, 1),
            1, 10_000, null);

    /**
     * The size sweep: synthetic networks ({@link SyntheticData}, seed 1) from where the JVM wins to
     * where BLAS matters; {@code 784-128-10x256} is an MNIST-sized layer on a batch of 256.
     */
    public static final List<Workload> SWEEP = List.of(
            SyntheticData.workload(Topology.of(8, 16, 1), 16, 1, true),
            SyntheticData.workload(Topology.of(32, 64, 1), 64, 1, true),
            SyntheticData.workload(Topology.of(64, 256, 1), 256, 1, true),
            SyntheticData.workload(Topology.of(128, 512, 1), 512, 1, true),
            SyntheticData.workload(Topology.of(784, 128, 10), 256, 1, true));

    /** Every workload, in the order listings and reports show them: the default benchmark set first. */
    private static final List<Workload> ALL = all(List.of(SINGLE_NEURON, XOR_3LAYER), SWEEP,
            List.of(MULTI_LAYER, TRASK_2LAYER));

    /** The tutorial programs, reference cases a-d of the numpy reference data. */
    private static final List<Workload> TUTORIALS = List.of(SINGLE_NEURON, MULTI_LAYER, XOR_3LAYER, TRASK_2LAYER);

    private Workloads() {
    }

    public static List<Workload> all() {
        return ALL;
    }

    /** The four tutorial programs. */
    public static List<Workload> tutorials() {
        return TUTORIALS;
    }

    public static Optional<Workload> byName(String name) {
        return ALL.stream().filter(w -> w.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return ALL.stream().map(Workload::name).toList();
    }

    /** The workload measured under the benchmark parameter {@code network=benchmarkName}. */
    public static Optional<Workload> byBenchmarkName(String benchmarkName) {
        return ALL.stream().filter(w -> w.benchmarkName().equals(benchmarkName)).findFirst();
    }

    /**
     * The registry's workload of that benchmark name, else a synthetic one parsed from a name like
     * {@code 100-50-1x200} (seed 1), so any size can be benchmarked without a new entry.
     *
     * @throws IllegalArgumentException with one sentence when it is neither
     */
    public static Workload resolve(String benchmarkName) {
        Optional<Workload> registered = byBenchmarkName(benchmarkName);
        if (registered.isPresent()) {
            return registered.get();
        }
        if (SyntheticData.isName(benchmarkName)) {
            return SyntheticData.parse(benchmarkName);
        }
        throw new IllegalArgumentException("unknown network '" + benchmarkName + "'; use one of "
                + String.join(", ", benchmarkNames()) + ", or a synthetic IN-H...-OUTxN such as 64-256-1x256");
    }

    /** Whether {@code w} is one of the tutorial programs (the others are synthetic). */
    public static boolean isTutorial(Workload w) {
        return TUTORIALS.contains(w);
    }

    /** Every benchmark name, in registry order. */
    public static List<String> benchmarkNames() {
        return ALL.stream().map(Workload::benchmarkName).toList();
    }

    /** The benchmark names a run measures when no network is selected. */
    public static List<String> defaultBenchmarkNames() {
        return ALL.stream().filter(Workload::inDefaultRun).map(Workload::benchmarkName).toList();
    }

    @SafeVarargs
    private static List<Workload> all(List<Workload>... groups) {
        List<Workload> all = new java.util.ArrayList<>();
        for (List<Workload> group : groups) {
            all.addAll(group);
        }
        return List.copyOf(all);
    }

    private static TrainingSet set(double[][] inputs, double... targets) {
        double[][] column = new double[targets.length][];
        for (int i = 0; i < targets.length; i++) {
            column[i] = new double[] {targets[i]};
        }
        return new TrainingSet(Matrix.ofRows(inputs), Matrix.ofRows(column));
    }
}
