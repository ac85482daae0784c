package dev.synapsebench.model;

import java.util.List;

/**
 * The names the benchmarks are measured under: benchmark methods, JMH parameters and secondary
 * metrics. The JMH benchmarks compile against these names (a test in the benchmarks module checks
 * their {@code @Param} fields and methods against them), the launcher plans its passes with them,
 * and every reader of a run keys its rows by them.
 */
public final class BenchmarkSchema {

    /** The benchmark methods on one network. */
    public static final String FORWARD = "forward";
    public static final String WEIGHT_UPDATE = "weightUpdate";
    public static final String TRAINING_STEP = "trainingStep";
    /** Many networks of one shape trained together; its operation is one network's step. */
    public static final String TRAIN_MANY = "trainMany";
    public static final String TRAIN = "train";

    /** Table order of the network benchmarks; others (a later one) follow by name. */
    public static final List<String> BENCHMARK_ORDER = List.of(FORWARD, WEIGHT_UPDATE, TRAINING_STEP, TRAIN_MANY,
            TRAIN);

    /** The JMH parameters: the matrix backend, the workload, and the arithmetic ({@code DType.id()}). */
    public static final String BACKEND = "backend";
    public static final String NETWORK = "network";
    public static final String DTYPE = "dtype";
    /** {@link #TRAIN_MANY}'s parameters: networks in the batch, and threads they are spread over. */
    public static final String BATCH = "batch";
    public static final String THREADS = "threads";

    /** numpy's rows, timed by the launcher beside JMH's: on one BLAS thread and on every core. */
    public static final String NUMPY_ONE_THREAD = "numpy-1t";
    public static final String NUMPY_ALL_THREADS = "numpy-all";

    /** Secondary metrics each fork records: what its parity check found before timing. */
    public static final String PARITY_DIFFERENCE = "parity.maxRelativeDifference";
    public static final String PARITY_TOLERANCE = "parity.tolerance";
    public static final String PARITY_STEPS = "parity.steps";

    private BenchmarkSchema() {
    }
}
