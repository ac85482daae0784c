package dev.synapsebench.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.synapsebench.core.DType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads a run folder ({@code results/<run>/}): {@code jmh.json} is required; {@code environment.json}
 * and {@code numpy.json} are read where present, and what is missing is said in {@link MeasuredRun#gaps()}.
 * Reads only: nothing in the folder is changed.
 */
public final class RunFolder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunFolder() {
    }

    /** @throws RunFolderException with one sentence when the folder or its {@code jmh.json} cannot be read */
    public static MeasuredRun read(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new RunFolderException(Files.exists(folder) ? folder + " is not a folder"
                    : "there is no run folder " + folder);
        }
        Path jmh = folder.resolve(RunFiles.JMH_JSON);
        if (Files.exists(jmh) && !Files.isRegularFile(jmh)) {
            throw new RunFolderException(jmh + " is not a regular file");
        }
        if (!Files.isRegularFile(jmh)) {
            throw new RunFolderException(folder + " has no " + RunFiles.JMH_JSON + ", so it is not a run folder (or its run did not finish)");
        }
        JsonNode rows = parse(jmh);
        List<String> gaps = new ArrayList<>();
        JsonNode environment = optional(folder, RunFiles.ENVIRONMENT_JSON, gaps,
                "no environment.json: the machine, JDK and commit are unknown");
        JsonNode numpy = optional(folder, RunFiles.NUMPY_JSON, gaps, "no numpy.json: numpy was not timed in this run");
        return of(folder, jmh.toString(), rows, environment, numpy, gaps);
    }

    /**
     * A run from its data as JSON, before or without a folder: the launcher's summary of the run it
     * has just measured reads it this way, so that it derives its figures from the same rows as the
     * report does from the published folder.
     *
     * @param folder      where the run is (or will be) published
     * @param jmh         JMH's result array, as {@code jmh.json} holds it
     * @param environment {@code environment.json}'s content, or a missing node
     * @param numpy       {@code numpy.json}'s content, or a missing node
     */
    public static MeasuredRun of(Path folder, JsonNode jmh, JsonNode environment, JsonNode numpy) {
        return of(folder, RunFiles.JMH_JSON, jmh, environment, numpy, new ArrayList<>());
    }

    /** A run of rows already read, put in table order as a folder's are (tools and tests that make rows). */
    public static MeasuredRun of(Path folder, List<Measurement> rows, JsonNode environment) {
        List<Measurement> sorted = new ArrayList<>(rows);
        sort(sorted);
        return new MeasuredRun(folder, List.copyOf(sorted), environment, MissingNode.getInstance(), List.of());
    }

    private static MeasuredRun of(Path folder, String jmh, JsonNode rows, JsonNode environment, JsonNode numpy,
                                  List<String> gaps) {
        if (!rows.isArray()) {
            throw new RunFolderException(jmh + " is not JMH's JSON: it holds no array of results");
        }
        List<Measurement> results = new ArrayList<>();
        int index = 0;
        for (JsonNode row : rows) {
            index++;
            if (!row.isObject()) {
                throw new RunFolderException(jmh + ": result " + index + " is " + row.getNodeType().name().toLowerCase(
                        java.util.Locale.ROOT) + ", not one of JMH's result objects");
            }
            if (!row.path("params").has(BenchmarkSchema.BACKEND) || !row.path("params").has(BenchmarkSchema.NETWORK)) {
                continue; // the peak and other benchmarks without a backend
            }
            results.add(jmhRow(row, jmh, index));
        }
        if (results.isEmpty()) {
            throw new RunFolderException(jmh + " holds no benchmark results (no result with a backend and a network)");
        }
        results.addAll(numpyRows(numpy, gaps));
        if (results.isEmpty()) {
            throw new RunFolderException(jmh + " holds no benchmark of a backend on a network");
        }
        if (results.stream().noneMatch(r -> !r.isNumpy() && r.parity() != null)) {
            gaps.add("parity not recorded in jmh.json (runs before the parity metric): every fork checked it before"
                    + " timing and printed it in the run's output");
        }
        if (results.stream().noneMatch(r -> r.allocation().isThreadOwn())) {
            gaps.add("allocation is JMH's " + Allocation.GC_METRIC + " (the whole fork's, JMH's own objects included):"
                    + " the run predates " + Allocation.THREAD_METRIC);
        }
        sort(results);
        return new MeasuredRun(folder, List.copyOf(results), environment, numpy, List.copyOf(gaps));
    }

    private static JsonNode parse(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new RunFolderException(file + " is not valid JSON (truncated or corrupt, line "
                    + e.getLocation().getLineNr() + ")");
        } catch (IOException e) {
            throw new RunFolderException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static JsonNode optional(Path folder, String name, List<String> gaps, String gap) {
        Path file = folder.resolve(name);
        if (!Files.isRegularFile(file)) {
            gaps.add(gap);
            return MissingNode.getInstance();
        }
        try {
            JsonNode node = parse(file);
            return node == null ? MissingNode.getInstance() : node;
        } catch (RunFolderException e) {
            gaps.add(e.getMessage() + "; it is left out");
            return MissingNode.getInstance();
        }
    }

    private static Measurement jmhRow(JsonNode row, String file, int index) {
        JsonNode params = row.path("params");
        JsonNode primary = row.path("primaryMetric");
        String benchmark = row.path("benchmark").asText();
        benchmark = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        if (benchmark.isEmpty() || !primary.path("score").isNumber() || !primary.path("rawData").isArray()) {
            throw new RunFolderException(file + ": result " + index + " lacks a benchmark name, a score or its raw data");
        }
        double score = primary.path("score").asDouble();
        if (!(score > 0) || Double.isInfinite(score)) { // JMH's scores are times or rates: positive and finite
            throw new RunFolderException(file + ": result " + index + " has the score " + primary.path("score")
                    + ", not a positive finite number");
        }
        SortedMap<String, String> other = new TreeMap<>();
        params.fields().forEachRemaining(e -> {
            if (!e.getKey().equals(BenchmarkSchema.BACKEND) && !e.getKey().equals(BenchmarkSchema.NETWORK) && !isDefault(e.getKey(), e.getValue())) {
                other.put(e.getKey(), e.getValue().asText());
            }
        });
        List<double[]> forks = new ArrayList<>();
        for (JsonNode fork : primary.path("rawData")) {
            double[] values = new double[fork.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = fork.get(i).asDouble(Double.NaN);
            }
            forks.add(values);
        }
        Map<String, Double> secondary = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = row.path("secondaryMetrics").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> metric = it.next();
            secondary.put(metric.getKey(), metric.getValue().path("score").asDouble(Double.NaN));
        }
        Measurement.Parity parity = secondary.containsKey(BenchmarkSchema.PARITY_DIFFERENCE)
                ? new Measurement.Parity(secondary.get(BenchmarkSchema.PARITY_DIFFERENCE), secondary.getOrDefault(BenchmarkSchema.PARITY_TOLERANCE, Double.NaN),
                        (int) Math.round(secondary.getOrDefault(BenchmarkSchema.PARITY_STEPS, Double.NaN)))
                : null;
        return new Measurement(benchmark, params.path(BenchmarkSchema.BACKEND).asText(), params.path(BenchmarkSchema.NETWORK).asText(), other,
                row.path("mode").asText(), primary.path("scoreUnit").asText(), primary.path("score").asDouble(),
                primary.path("scoreError").asDouble(Double.NaN), List.copyOf(forks), Allocation.of(secondary), parity);
    }

    /**
     * A parameter at the value every run had before the parameter existed ({@code dtype=float64}):
     * left out of the key, so those rows stay comparable with older runs'.
     */
    private static boolean isDefault(String name, JsonNode value) {
        return name.equals(BenchmarkSchema.DTYPE) && value.asText().equals(DType.FLOAT64.id());
    }

    /** numpy's timed networks, as trainingStep rows in ns/op: one-thread and all-cores. */
    private static List<Measurement> numpyRows(JsonNode numpy, List<String> gaps) {
        List<Measurement> rows = new ArrayList<>();
        if (numpy.isMissingNode()) {
            return rows;
        }
        if (!numpy.path("skipped").isNull() && !numpy.path("skipped").isMissingNode()) {
            gaps.add("numpy was not timed: " + numpy.path("skipped").asText());
        }
        addNumpy(rows, numpy.path("oneThread"), BenchmarkSchema.NUMPY_ONE_THREAD, gaps);
        addNumpy(rows, numpy.path("allThreads"), BenchmarkSchema.NUMPY_ALL_THREADS, gaps);
        return rows;
    }

    private static void addNumpy(List<Measurement> rows, JsonNode side, String backend, List<String> gaps) {
        for (JsonNode network : side.path("networks")) {
            JsonNode parity = network.path("parity");
            String name = network.path("name").asText();
            if (!parity.path("problem").isNull() && !parity.path("problem").isMissingNode()) {
                gaps.add(backend + " on " + name + " left out: " + parity.path("problem").asText());
                continue;
            }
            if (!network.path("secondsPerStep").isNumber()) {
                continue;
            }
            double[] samples = new double[network.path("samples").size()];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = network.path("samples").get(i).asDouble() * 1e9;
            }
            Measurement.Parity found = parity.path("maxRelativeDifference").isNumber()
                    ? new Measurement.Parity(parity.path("maxRelativeDifference").asDouble(),
                            parity.path("tolerance").asDouble(Double.NaN), parity.path("iterations").asInt())
                    : null;
            rows.add(new Measurement(BenchmarkSchema.TRAINING_STEP, backend, name, new TreeMap<>(), "avgt", "ns/op",
                    network.path("secondsPerStep").asDouble() * 1e9, network.path("error999").asDouble(Double.NaN) * 1e9,
                    List.of(samples), Allocation.NOT_MEASURED, found));
        }
    }

    /** Benchmark order, then networks and backends in the order the run first shows them (numpy last). */
    private static void sort(List<Measurement> results) {
        Map<String, Integer> networks = new LinkedHashMap<>();
        Map<String, Integer> backends = new LinkedHashMap<>();
        results.stream().filter(r -> !r.isNumpy()).forEach(r -> {
            networks.putIfAbsent(r.network(), networks.size());
            backends.putIfAbsent(r.backend(), backends.size());
        });
        results.forEach(r -> {
            networks.putIfAbsent(r.network(), networks.size());
            backends.putIfAbsent(r.backend(), backends.size());
        });
        results.sort(Comparator.<Measurement>comparingInt(r -> benchmarkIndex(r.benchmark()))
                .thenComparing(Measurement::benchmark)
                .thenComparingInt(r -> networks.get(r.network()))
                .thenComparing(r -> !r.otherParams().isEmpty()) // the default parameters (float64) first
                .thenComparing(Measurement::otherParams, RunFolder::compareParams)
                .thenComparingInt(r -> backends.get(r.backend())));
    }

    /** Parameter by parameter in name order; numbers by value ({@code batch=8} before {@code batch=64}). */
    private static int compareParams(SortedMap<String, String> a, SortedMap<String, String> b) {
        Iterator<Map.Entry<String, String>> left = a.entrySet().iterator();
        Iterator<Map.Entry<String, String>> right = b.entrySet().iterator();
        while (left.hasNext() && right.hasNext()) {
            Map.Entry<String, String> l = left.next();
            Map.Entry<String, String> r = right.next();
            int byName = l.getKey().compareTo(r.getKey());
            if (byName != 0) {
                return byName;
            }
            boolean numbers = l.getValue().matches("\\d{1,9}") && r.getValue().matches("\\d{1,9}");
            int byValue = numbers ? Integer.compare(Integer.parseInt(l.getValue()), Integer.parseInt(r.getValue()))
                    : l.getValue().compareTo(r.getValue());
            if (byValue != 0) {
                return byValue;
            }
        }
        return Boolean.compare(left.hasNext(), right.hasNext());
    }

    private static int benchmarkIndex(String benchmark) {
        int i = BenchmarkSchema.BENCHMARK_ORDER.indexOf(benchmark);
        return i < 0 ? BenchmarkSchema.BENCHMARK_ORDER.size() : i;
    }
}
