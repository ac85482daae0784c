package dev.synapsebench.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.synapsebench.core.DType;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a run folder holds, as far as it holds it.
 *
 * @param folder      the run folder
 * @param results     JMH's rows and numpy's, in table order
 * @param environment {@code environment.json}, or a missing node where the run has none
 * @param numpy       {@code numpy.json}, or a missing node
 * @param gaps        one sentence per part this run lacks (older runs have no numpy, parity or
 *                    thread-own allocation), for the report to say instead of failing
 */
public record MeasuredRun(Path folder, List<Measurement> results, JsonNode environment, JsonNode numpy, List<String> gaps) {

    public String name() {
        return folder.getFileName().toString();
    }

    /** The FP64 peak of one core the run measured, NaN where it did not. */
    public double peakGflops() {
        JsonNode peak = environment.path("peak").path("fp64GflopsOneCore");
        return peak.isNumber() ? peak.asDouble() : Double.NaN;
    }

    /** The peak a row is put against: FP32 for a {@code dtype=float32} row (runs before it measured none: NaN), else FP64. */
    public double peakGflops(Measurement row) {
        return peakGflops(isFloat32(row) ? DType.FLOAT32 : DType.FLOAT64);
    }

    /** The peak of one core the run measured in {@code dtype}'s arithmetic, NaN where it did not. */
    public double peakGflops(DType dtype) {
        if (dtype != DType.FLOAT32) {
            return peakGflops();
        }
        JsonNode peak = environment.path("peak").path("fp32GflopsOneCore");
        return peak.isNumber() ? peak.asDouble() : Double.NaN;
    }

    /** A text field of {@code environment.json} by its path ({@code "jdk", "version"}); empty where absent. */
    public Optional<String> environmentText(String... path) {
        JsonNode node = environment;
        for (String part : path) {
            node = node.path(part);
        }
        return node.isMissingNode() || node.isNull() ? Optional.empty() : Optional.of(node.isValueNode()
                ? node.asText() : node.toString());
    }

    /** The rows of one benchmark on one network, in backend order. */
    public List<Measurement> rows(String benchmark, String network) {
        return results.stream().filter(r -> r.benchmark().equals(benchmark) && r.network().equals(network)).toList();
    }

    /** The row of {@code backend} beside {@code row} (same benchmark, network, other parameters and unit). */
    public Optional<Measurement> peer(Measurement row, String backend) {
        return find(row, backend, row.otherParams());
    }

    /**
     * {@code rows} as a table of one benchmark lists them by backend: in the run's backend order, then
     * dtype, then numerically by batch and threads ({@code trainMany}'s rows, per network).
     */
    public List<Measurement> byBackend(List<Measurement> rows) {
        List<String> backends = results.stream().map(Measurement::backend).distinct().toList();
        List<String> networks = results.stream().map(Measurement::network).distinct().toList();
        return rows.stream().sorted(java.util.Comparator.<Measurement>comparingInt(r -> networks.indexOf(r.network()))
                .thenComparingInt(r -> backends.indexOf(r.backend()))
                .thenComparing(r -> r.otherParams().getOrDefault(BenchmarkSchema.DTYPE, ""))
                .thenComparingInt(r -> r.intParam(BenchmarkSchema.BATCH))
                .thenComparingInt(r -> r.intParam(BenchmarkSchema.THREADS))).toList();
    }

    /** Whether any row is float32 (then the tables put each against its float64 twin). */
    public boolean hasFloat32() {
        return results.stream().anyMatch(MeasuredRun::isFloat32);
    }

    /**
     * The float64 row a {@code dtype=float32} row is measured against: same benchmark, backend,
     * network, unit and other parameters, without the dtype (float64 rows are keyed without it).
     * Empty for a float64 row.
     */
    public Optional<Measurement> float64Twin(Measurement row) {
        if (!isFloat32(row)) {
            return Optional.empty();
        }
        java.util.SortedMap<String, String> params = new java.util.TreeMap<>(row.otherParams());
        params.remove(BenchmarkSchema.DTYPE);
        return find(row, row.backend(), params);
    }

    /**
     * The {@code trainingStep} row a {@code trainMany} row is put against: same backend, network,
     * dtype and unit, one network at a time (without the batch and threads). Empty for other rows.
     */
    public Optional<Measurement> trainingStepTwin(Measurement row) {
        if (!row.benchmark().equals(BenchmarkSchema.TRAIN_MANY)) {
            return Optional.empty();
        }
        java.util.SortedMap<String, String> params = new java.util.TreeMap<>(row.otherParams());
        params.remove(BenchmarkSchema.BATCH);
        params.remove(BenchmarkSchema.THREADS);
        return find(BenchmarkSchema.TRAINING_STEP, row.network(), row.backend(), params, row.unit());
    }

    /** The same batch on one thread, for a {@code trainMany} row on more than one; empty for others. */
    public Optional<Measurement> oneThreadTwin(Measurement row) {
        String threads = row.otherParams().get(BenchmarkSchema.THREADS);
        if (!row.benchmark().equals(BenchmarkSchema.TRAIN_MANY) || threads == null || threads.equals("1")) {
            return Optional.empty();
        }
        java.util.SortedMap<String, String> params = new java.util.TreeMap<>(row.otherParams());
        params.put(BenchmarkSchema.THREADS, "1");
        return find(row, row.backend(), params);
    }

    /** The row of {@code backend} with {@code otherParams}, in {@code row}'s benchmark, network and unit. */
    private Optional<Measurement> find(Measurement row, String backend, java.util.Map<String, String> otherParams) {
        return find(row.benchmark(), row.network(), backend, otherParams, row.unit());
    }

    private Optional<Measurement> find(String benchmark, String network, String backend,
                                  java.util.Map<String, String> otherParams, String unit) {
        return results.stream().filter(r -> r.backend().equals(backend) && r.benchmark().equals(benchmark)
                && r.network().equals(network) && r.otherParams().equals(otherParams)
                && r.unit().equals(unit)).findFirst();
    }

    private static boolean isFloat32(Measurement row) {
        return DType.FLOAT32.id().equals(row.otherParams().get(BenchmarkSchema.DTYPE));
    }
}
