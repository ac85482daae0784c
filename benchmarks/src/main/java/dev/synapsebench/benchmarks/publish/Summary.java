package dev.synapsebench.benchmarks.publish;

import dev.synapsebench.benchmarks.jmh.ThreadAllocationProfiler;
import dev.synapsebench.core.Kernels;
import dev.synapsebench.model.Allocation;
import dev.synapsebench.model.RunFolder;
import dev.synapsebench.model.Work;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The table printed at the end of a run: per benchmark and network, each backend's score, JMH's
 * error, the work rate (GFLOP/s, see {@link Work}) and its share of the measured FP64 peak,
 * allocation per operation, and speed relative to the reference backend (scalar) and to numpy on
 * one BLAS thread. numpy's own rows (one thread, all cores) stand under {@code trainingStep}.
 * {@code trainMany}'s rows (many networks at once, in ns per network-step) have a table of their
 * own after it: per backend and network each (batch, threads) row, its network-steps per second,
 * and how many times the backend's {@code trainingStep} rate and its own 1-thread rate it is.
 */
public final class Summary {

    /** The network benchmarks in table order (the report reads runs in the same order). */
    public static final List<String> BENCHMARK_ORDER = RunFolder.BENCHMARK_ORDER;

    private static final String FLOAT64 = dev.synapsebench.core.DType.FLOAT64.id();

    /** Backend names of numpy's rows, as the report reads them back from numpy.json. */
    public static final String NUMPY_ONE_THREAD = dev.synapsebench.model.Measurement.NUMPY_ONE_THREAD;
    public static final String NUMPY_ALL_THREADS = dev.synapsebench.model.Measurement.NUMPY_ALL_THREADS;

    /** The many-networks benchmark, whose rows have a table of their own. */
    static final String TRAIN_MANY = "trainMany";

    /**
     * One measured (benchmark, network, backend, dtype, other parameters).
     *
     * @param params the JMH parameters besides backend, network and dtype ({@code trainMany}'s
     *               {@code batch} and {@code threads}); empty for the other benchmarks
     */
    public record Row(String benchmark, String network, String backend, String dtype, double score, double error,
                      String unit, Allocation allocation, SortedMap<String, String> params) {

        public Row {
            params = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(params));
        }

        /** A row without other parameters. */
        public Row(String benchmark, String network, String backend, String dtype, double score, double error,
                   String unit, Allocation allocation) {
            this(benchmark, network, backend, dtype, score, error, unit, allocation, new TreeMap<>());
        }

        /** A float64 row (every row before the dtype parameter, and numpy's). */
        public Row(String benchmark, String network, String backend, double score, double error, String unit,
                   Allocation allocation) {
            this(benchmark, network, backend, FLOAT64, score, error, unit, allocation);
        }

        /** A numeric parameter ({@code batch}, {@code threads}), or 0 where the row has none. */
        int intParam(String name) {
            String value = params.get(name);
            return value == null ? 0 : Integer.parseInt(value);
        }

        /** The backend, and its dtype when it is not float64: {@code simd f32}. */
        public String label() {
            return dtype.equals(FLOAT64) ? backend : backend + " f" + dtype.replace("float", "");
        }

        public double gflops() {
            return Work.gflops(Work.flops(benchmark, network), score, unit);
        }
    }

    /**
     * numpy's time per training step on a network.
     *
     * @param threads BLAS threads it ran with
     */
    public record NumpyTiming(String network, int threads, double nsPerStep, double errorNs) {
    }

    private Summary() {
    }

    /** The network benchmarks' rows ({@code NetworkBenchmark}); other benchmarks (the peak) are left out. */
    public static List<Row> rows(Collection<RunResult> results, List<String> backendOrder, List<String> networkOrder) {
        List<Row> rows = new ArrayList<>();
        for (RunResult run : results) {
            String network = run.getParams().getParam("network");
            String backend = run.getParams().getParam("backend");
            String dtype = run.getParams().getParam(RunFolder.DTYPE);
            if (network == null || backend == null) {
                continue;
            }
            Result<?> primary = run.getPrimaryResult();
            String benchmark = run.getParams().getBenchmark();
            benchmark = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            SortedMap<String, String> params = new TreeMap<>();
            for (String name : run.getParams().getParamsKeys()) {
                if (!List.of("backend", "network", RunFolder.DTYPE).contains(name)) {
                    params.put(name, run.getParams().getParam(name));
                }
            }
            rows.add(new Row(benchmark, network, backend, dtype == null ? FLOAT64 : dtype, primary.getScore(),
                    primary.getScoreError(), primary.getScoreUnit(), allocation(run), params));
        }
        sort(rows, backendOrder, networkOrder);
        return rows;
    }

    /** {@code rows} plus numpy's trainingStep rows, in table order. */
    public static List<Row> withNumpy(List<Row> rows, List<NumpyTiming> numpy, List<String> backendOrder,
                                      List<String> networkOrder) {
        List<Row> all = new ArrayList<>(rows);
        for (NumpyTiming t : numpy) {
            all.add(new Row("trainingStep", t.network(), t.threads() == 1 ? NUMPY_ONE_THREAD : NUMPY_ALL_THREADS,
                    t.nsPerStep(), t.errorNs(), "ns/op", Allocation.NOT_MEASURED));
        }
        List<String> order = new ArrayList<>(backendOrder);
        order.add(NUMPY_ONE_THREAD);
        order.add(NUMPY_ALL_THREADS);
        sort(all, order, networkOrder);
        return all;
    }

    private static void sort(List<Row> rows, List<String> backendOrder, List<String> networkOrder) {
        rows.sort(Comparator.<Row>comparingInt(r -> indexOf(BENCHMARK_ORDER, r.benchmark()))
                .thenComparing(Row::benchmark)
                .thenComparingInt(r -> indexOf(networkOrder, r.network()))
                .thenComparingInt(r -> indexOf(backendOrder, r.backend()))
                .thenComparing(Row::backend)
                .thenComparing(Row::dtype, Comparator.reverseOrder()) // float64 before float32
                .thenComparingInt(r -> r.intParam(RunFolder.BATCH))
                .thenComparingInt(r -> r.intParam(RunFolder.THREADS)));
    }

    private static Allocation allocation(RunResult run) {
        Map<String, Double> scores = new HashMap<>();
        run.getSecondaryResults().forEach((name, result) -> scores.put(name, result.getScore()));
        return Allocation.of(scores);
    }

    /** {@link #print} as a string: the table the console shows, also kept as {@code summary.txt}. */
    public static String text(List<Row> rows, Map<String, Double> peaks, String numpyNote) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8)) {
            print(rows, peaks, numpyNote, out);
        }
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * The table's rows with every derived number ({@code summary.json}): score, error, unit, GFLOP/s,
     * fraction of the peak, bytes per operation (the table's figure, which metric it is, and both
     * metrics), and the ratios to scalar and to numpy (one thread); absent where not defined. A
     * {@code trainMany} row also has its {@code batch} and {@code threads}, {@code networkStepsPerSecond},
     * {@code vsTrainingStep} and (with more than one thread) {@code vsOneThread}.
     */
    public static com.fasterxml.jackson.databind.node.ArrayNode json(List<Row> rows, Map<String, Double> peaks) {
        var array = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        for (Row row : rows) {
            var node = array.addObject();
            node.put("benchmark", row.benchmark()).put("network", row.network()).put("backend", row.backend())
                    .put(RunFolder.DTYPE, row.dtype());
            row.params().forEach((name, value) -> {
                if (value.matches("-?\\d{1,9}")) {
                    node.put(name, Integer.parseInt(value));
                } else {
                    node.put(name, value);
                }
            });
            node.put("score", row.score()).put("error", row.error()).put("unit", row.unit());
            putFinite(node, "gflops", row.gflops());
            putFinite(node, "fractionOfPeak", row.gflops() / peak(peaks, row));
            putFinite(node, "allocatedBytesPerOp", row.allocation().bytesPerOp());
            if (row.allocation().metric() != null) {
                node.put("allocationMetric", row.allocation().metric());
            }
            putFinite(node, "threadAllocatedBytesPerOp", row.allocation().threadBytesPerOp());
            putFinite(node, "gcAllocatedBytesPerOp", row.allocation().gcBytesPerOp());
            putFinite(node, "vsScalar", ratio(row, rows, Kernels.REFERENCE));
            putFinite(node, "vsNumpy", ratio(row, rows, NUMPY_ONE_THREAD));
            putFinite(node, "vsFloat64", float64Ratio(row, rows));
            if (row.benchmark().equals(TRAIN_MANY)) {
                putFinite(node, "networkStepsPerSecond", perSecond(row));
                putFinite(node, "vsTrainingStep", againstTrainingStep(row, rows));
                putFinite(node, "vsOneThread", againstOneThread(row, rows));
            }
        }
        return array;
    }

    private static void putFinite(com.fasterxml.jackson.databind.node.ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        }
    }

    /**
     * {@code baseline}'s score over this row's (same benchmark, network, unit and dtype: numpy was
     * timed in float64, so float32 rows have no {@code vs numpy}); NaN without one.
     */
    static double ratio(Row row, List<Row> rows, String baseline) {
        return twin(row, rows, baseline, row.dtype()).map(other -> other.score() / row.score()).orElse(Double.NaN);
    }

    /** The row of {@code backend} in {@code dtype} beside {@code row}: same benchmark, network, parameters and unit. */
    private static Optional<Row> twin(Row row, List<Row> rows, String backend, String dtype) {
        return find(rows, row.benchmark(), row.network(), backend, dtype, row.params())
                .filter(other -> other.unit().equals(row.unit()));
    }

    private static Optional<Row> find(List<Row> rows, String benchmark, String network, String backend, String dtype,
                                      java.util.Map<String, String> params) {
        return rows.stream().filter(other -> other.backend().equals(backend) && other.dtype().equals(dtype)
                && other.benchmark().equals(benchmark) && Objects.equals(other.network(), network)
                && other.params().equals(params)).findFirst();
    }

    /** Operations per second of a row timed per operation (a trainMany row: network-steps per second). */
    static double perSecond(Row row) {
        return 1 / Work.seconds(row.score(), row.unit());
    }

    /**
     * A trainMany row against its backend's trainingStep on the same network and in the same dtype:
     * trainingStep's time per step over the row's per network-step (> 1: the batch trains faster); NaN without one.
     */
    static double againstTrainingStep(Row row, List<Row> rows) {
        return find(rows, "trainingStep", row.network(), row.backend(), row.dtype(), java.util.Map.of())
                .map(step -> Work.seconds(step.score(), step.unit()) / Work.seconds(row.score(), row.unit()))
                .orElse(Double.NaN);
    }

    /** A trainMany row on more than one thread against the same batch on one: its speed-up; NaN for others. */
    static double againstOneThread(Row row, List<Row> rows) {
        if (row.intParam(RunFolder.THREADS) <= 1) {
            return Double.NaN;
        }
        SortedMap<String, String> oneThread = new TreeMap<>(row.params());
        oneThread.put(RunFolder.THREADS, "1");
        return find(rows, row.benchmark(), row.network(), row.backend(), row.dtype(), oneThread)
                .map(one -> one.score() / row.score()).orElse(Double.NaN);
    }

    /**
     * @param peaks     the measured peak of one core per dtype (float64: FP64, float32: FP32), NaN where not measured
     * @param numpyNote one line about numpy (its version and threads, or why it did not run)
     */
    public static void print(List<Row> rows, Map<String, Double> peaks, String numpyNote, PrintStream out) {
        double peakGflops = peaks.getOrDefault(FLOAT64, Double.NaN);
        out.println();
        out.println("Summary: average time per operation, ± JMH's 99.9% confidence interval (numpy: 99.9% CI of its");
        out.println("batches); GFLOP/s = 2 x the multiply-adds of the operation's products / time (element-wise work not");
        double fp32 = peaks.getOrDefault(dev.synapsebench.core.DType.FLOAT32.id(), Double.NaN);
        out.println("counted); % peak = of the measured FP64 peak of one core (" + (Double.isNaN(peakGflops)
                ? "not measured" : String.format("%.1f GFLOP/s", peakGflops)) + (rows.stream().anyMatch(r -> !r.dtype()
                .equals(FLOAT64)) && !Double.isNaN(fp32) ? String.format("; f32 rows: of the FP32 peak, %.1f GFLOP/s", fp32)
                : "") + "); vs scalar / vs numpy = their");
        out.println("time / this row's (> 1 is faster), numpy on one BLAS thread; vs f64 = a float32 row's float64 twin's time / its own. "
                + numpyNote);
        out.println(allocationLegend(rows));
        out.println();
        String header = String.format("%-13s %-15s %-10s %12s   %10s  %-6s %9s %7s %11s %10s %9s %7s", "benchmark",
                "network", "backend", "score", "error", "unit", "GFLOP/s", "% peak", "alloc B/op", "vs scalar", "vs numpy",
                "vs f64");
        out.println(header);
        out.println("-".repeat(header.length()));
        boolean marksFork = mixesMetrics(rows);
        String lastGroup = null;
        for (Row row : rows) {
            if (row.benchmark().equals(TRAIN_MANY)) {
                continue; // their own table, below
            }
            String group = row.benchmark() + " " + row.network();
            boolean first = !group.equals(lastGroup);
            lastGroup = group;
            double gflops = row.gflops();
            out.println(String.format("%-13s %-15s %-10s %12s ± %10s  %-6s %9s %7s %11s %10s %9s %7s",
                    first ? row.benchmark() : "", first ? row.network() : "", row.label(), number(row.score()),
                    number(row.error()), row.unit(), rate(gflops), percent(gflops / peak(peaks, row)),
                    allocation(row.allocation(), marksFork), relative(row, rows, Kernels.REFERENCE),
                    relative(row, rows, NUMPY_ONE_THREAD), againstFloat64(row, rows)));
        }
        out.println();
        printManyNetworks(rows, marksFork, out);
    }

    /** trainMany's rows, per network and backend: each (batch, threads), its rate, and its ratios. */
    private static void printManyNetworks(List<Row> rows, boolean marksFork, PrintStream out) {
        List<Row> many = rows.stream().filter(r -> r.benchmark().equals(TRAIN_MANY)).toList();
        if (many.isEmpty()) {
            return;
        }
        out.println("trainMany: K networks of the network's shape (seeds 1..K) trained together on T threads; score in ns per");
        out.println("network-step (16,384 a call); vs trainingStep = the backend's trainingStep time per step / this row's (> 1: the");
        out.println("batch trains faster); vs 1 thread = the same batch on one thread / this row's. alloc: the calling thread's only.");
        out.println();
        String header = String.format("%-15s %-10s %6s %7s %12s   %10s  %-6s %10s %11s %15s %11s", "network", "backend",
                "K", "threads", "score", "error", "unit", "steps/s", "alloc B/op", "vs trainingStep", "vs 1 thread");
        out.println(header);
        out.println("-".repeat(header.length()));
        String lastGroup = null;
        for (Row row : many) {
            boolean first = !row.network().equals(lastGroup);
            lastGroup = row.network();
            double vsStep = againstTrainingStep(row, rows);
            double vsOne = againstOneThread(row, rows);
            out.println(String.format("%-15s %-10s %6s %7s %12s ± %10s  %-6s %10s %11s %15s %11s",
                    first ? row.network() : "", row.label(), row.params().getOrDefault(RunFolder.BATCH, ""),
                    row.params().getOrDefault(RunFolder.THREADS, ""), number(row.score()), number(row.error()),
                    row.unit(), String.format("%.3g", perSecond(row)), allocation(row.allocation(), marksFork),
                    Double.isNaN(vsStep) ? "" : times(vsStep), Double.isNaN(vsOne) ? "" : times(vsOne)));
        }
        out.println();
    }

    /** Scalar's score over this row's (same benchmark and network), e.g. "2.31x"; "" without a scalar row. */
    public static String relative(Row row, List<Row> rows) {
        return relative(row, rows, Kernels.REFERENCE);
    }

    /** A float32 row's float64 twin's score over its own (same benchmark, network, backend and unit); NaN for others. */
    static double float64Ratio(Row row, List<Row> rows) {
        return row.dtype().equals(FLOAT64) ? Double.NaN : twin(row, rows, row.backend(), FLOAT64)
                .map(other -> other.score() / row.score()).orElse(Double.NaN);
    }

    /** {@link #float64Ratio} as text, e.g. "2.02x"; "" where there is none. */
    static String againstFloat64(Row row, List<Row> rows) {
        double ratio = float64Ratio(row, rows);
        return Double.isNaN(ratio) ? "" : times(ratio);
    }

    /** The peak a row is put against: its dtype's (FP32 for float32 rows). */
    private static double peak(Map<String, Double> peaks, Row row) {
        return peaks.getOrDefault(row.dtype(), Double.NaN);
    }

    /** {@code baseline}'s score over this row's (same benchmark, network and unit); "" without one. */
    static String relative(Row row, List<Row> rows, String baseline) {
        double ratio = ratio(row, rows, baseline);
        if (Double.isNaN(ratio)) {
            return "";
        }
        return times(ratio);
    }

    private static String times(double ratio) {
        // two significant digits for the slow ones: 0.0032x, not 0.00x
        return ratio >= 0.1 ? String.format("%.2fx", ratio) : String.format("%.2gx", ratio);
    }

    private static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "n/a";
        }
        return value >= 100 ? String.format("%.1f", value) : String.format("%.3f", value);
    }

    private static String rate(double gflops) {
        if (Double.isNaN(gflops) || Double.isInfinite(gflops)) {
            return "";
        }
        return gflops >= 10 ? String.format("%.1f", gflops) : String.format("%.2g", gflops);
    }

    private static String percent(double fraction) {
        if (Double.isNaN(fraction) || Double.isInfinite(fraction)) {
            return "";
        }
        return fraction >= 0.1 ? String.format("%.0f%%", 100 * fraction) : String.format("%.2g%%", 100 * fraction);
    }

    /** Says which measure the alloc column holds: the thread's own, JMH's (runs before it), or both, marked. */
    static String allocationLegend(List<Row> rows) {
        if (rows.stream().noneMatch(r -> r.allocation().isThreadOwn())) {
            return "alloc B/op = " + Allocation.GC_METRIC + ": the whole fork's allocation per operation, JMH's own objects (~7 KB\n"
                    + "per iteration) included, so hundreds to thousands of B/op where an iteration holds few operations.";
        }
        String thread = "alloc B/op = bytes the benchmark thread allocated per operation, nothing of JMH's ("
                + ThreadAllocationProfiler.METRIC + "; the\nwhole fork's " + Allocation.GC_METRIC + " is in summary.json).";
        return mixesMetrics(rows) ? thread + "\n* = " + Allocation.GC_METRIC + " (the whole fork's, JMH's objects included), where"
                + " the thread's was not measured." : thread;
    }

    /** Some rows with the thread's own figure and some with only JMH's. */
    private static boolean mixesMetrics(List<Row> rows) {
        boolean anyThread = rows.stream().anyMatch(r -> r.allocation().isThreadOwn());
        boolean anyForkOnly = rows.stream().anyMatch(r -> Allocation.GC_METRIC.equals(r.allocation().metric()));
        return anyThread && anyForkOnly;
    }

    private static String allocation(Allocation allocation, boolean marksFork) {
        double bytes = allocation.bytesPerOp();
        if (Double.isNaN(bytes)) {
            return "n/a";
        }
        return String.format("%.1f", bytes) + (marksFork && !allocation.isThreadOwn() ? "*" : ""); // * : JMH's figure
    }

    private static int indexOf(List<String> order, String value) {
        int i = order.indexOf(value);
        return i < 0 ? Integer.MAX_VALUE : i;
    }
}
