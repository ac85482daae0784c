package dev.synapsebench.model;

import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;

/**
 * One measured row of a run: a benchmark on one backend and network (plus any other parameters),
 * with JMH's score and error and the raw samples behind them.
 *
 * @param benchmark   the benchmark method's name ({@code trainingStep}), or numpy's loop
 * @param backend     the backend's name; numpy's rows are {@link BenchmarkSchema#NUMPY_ONE_THREAD} and {@link BenchmarkSchema#NUMPY_ALL_THREADS}
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

    /** What identifies the row across runs: benchmark, backend, network and the other parameters. */
    public Key key() {
        return new Key(benchmark, backend, network, otherParams);
    }

    /**
     * How every table, chart and summary names the row within its benchmark and network: the backend,
     * and its arithmetic where it is not the default ({@code simd dtype=float32}). Other parameters
     * ({@code batch}, {@code threads}) have columns of their own.
     */
    public String label() {
        String dtype = otherParams.get(BenchmarkSchema.DTYPE);
        return dtype == null ? backend : backend + " " + BenchmarkSchema.DTYPE + "=" + dtype;
    }

    /** The row's arithmetic: {@code float64} unless the run measured it with another ({@code float32}). */
    public String dtype() {
        return otherParams.getOrDefault(BenchmarkSchema.DTYPE, dev.synapsebench.core.DType.FLOAT64.id());
    }

    /** A numeric parameter ({@code batch}, {@code threads}), 0 where the row has none. */
    public int intParam(String name) {
        String value = otherParams.get(name);
        return value != null && value.matches("\\d{1,9}") ? Integer.parseInt(value) : 0;
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

        /** The backend and every other parameter: {@code simd batch=64 dtype=float32 threads=2}. */
        public String label() {
            StringBuilder s = new StringBuilder(backend);
            otherParams.forEach((name, value) -> s.append(' ').append(name).append('=').append(value));
            return s.toString();
        }
    }
}
