package dev.synapsebench.model;

import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;

/**
 * One measured row of a run: a benchmark on one backend and network (plus any other parameters),
 * with JMH's score and error and the raw samples behind them.
 *
 * @param benchmark   the benchmark method's name ({@code trainingStep}), or numpy's loop
 * @param backend     the backend's name; numpy's rows are {@link #NUMPY_ONE_THREAD} and {@link #NUMPY_ALL_THREADS}
 * @param network     the workload's name ({@code 3-4-1}, {@code 64-256-1x256})
 * @param otherParams every other JMH parameter, by name (empty for today's benchmarks; a later
 *                    {@code dtype} lands here, so rows of runs without it keep their keys)
 * @param unit        JMH's score unit ({@code ns/op}; throughput modes {@code ops/s})
 * @param forks       the measured iterations, one array per fork (numpy: its timed batches, one "fork")
 * @param parity      what the fork's parity check found, or null where the run did not record it
 */
public record Measurement(String benchmark, String backend, String network, SortedMap<String, String> otherParams,
                     String mode, String unit, double score, double error, List<double[]> forks,
                     Allocation allocation, Parity parity) {

    public static final String NUMPY_ONE_THREAD = "numpy-1t";
    public static final String NUMPY_ALL_THREADS = "numpy-all";

    /** What identifies the row across runs: benchmark, backend, network and the other parameters. */
    public Key key() {
        return new Key(benchmark, backend, network, otherParams);
    }

    /** The backend with its other parameters, as tables name a row within its benchmark and network: {@code simd dtype=float32}. */
    public String label() {
        return key().label();
    }

    /** Every measured iteration of every fork, in order. */
    public double[] samples() {
        return forks.stream().flatMapToDouble(Arrays::stream).toArray();
    }

    /** Whether a larger score is better (throughput) rather than worse (time per operation). */
    public boolean higherIsBetter() {
        return !unit.endsWith("/op");
    }

    public boolean isNumpy() {
        return backend.startsWith("numpy");
    }

    /** GFLOP/s of the row's products ({@link Work}); NaN where the work is not defined. */
    public double gflops() {
        return Work.gflops(Work.flops(benchmark, network), score, unit);
    }

    /**
     * @param maxRelativeDifference the largest relative difference from the scalar reference
     * @param steps                 training steps compared
     */
    public record Parity(double maxRelativeDifference, double tolerance, int steps) {
    }

    /** A row's identity; {@link #toString()} is how tables name it. */
    public record Key(String benchmark, String backend, String network, SortedMap<String, String> otherParams) {
        @Override
        public String toString() {
            return benchmark + " " + network + " " + label();
        }

        /** The backend and the other parameters: {@code simd dtype=float32}. */
        public String label() {
            StringBuilder s = new StringBuilder(backend);
            otherParams.forEach((name, value) -> s.append(' ').append(name).append('=').append(value));
            return s.toString();
        }
    }
}
