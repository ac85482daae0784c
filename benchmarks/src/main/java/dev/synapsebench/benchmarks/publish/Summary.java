package dev.synapsebench.benchmarks.publish;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.synapsebench.core.DType;
import dev.synapsebench.model.Allocation;
import dev.synapsebench.model.BenchmarkSchema;
import dev.synapsebench.model.DerivedFigures;
import dev.synapsebench.model.FigureFormat;
import dev.synapsebench.model.MeasuredRun;
import dev.synapsebench.model.Measurement;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The table printed at the end of a run ({@code summary.txt}) and its rows with every derived figure
 * ({@code summary.json}), both read from the run's model ({@link MeasuredRun}) exactly as the report
 * reads the published folder, with the figures of {@link DerivedFigures} and the formats of
 * {@link FigureFormat}. {@code trainMany}'s rows (many networks at once, in ns per network-step)
 * have a table of their own after the others.
 */
public final class Summary {

    private static final String FLOAT64 = DType.FLOAT64.id();

    private Summary() {
    }

    /** {@link #print} as a string: the table the console shows, also kept as {@code summary.txt}. */
    public static String text(MeasuredRun run, String numpyNote) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            print(run, numpyNote, out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * Every row with every derived figure ({@code summary.json}): score, error, unit, GFLOP/s,
     * fraction of the peak, bytes per operation (the table's figure, which metric it is, and both
     * metrics), and the ratios to scalar, to numpy (one thread) and, for a float32 row, to float64;
     * absent where not defined. A {@code trainMany} row also has its {@code batch} and
     * {@code threads}, {@code networkStepsPerSecond}, {@code vsTrainingStep} and (with more than one
     * thread) {@code vsOneThread}.
     */
    public static ArrayNode json(MeasuredRun run) {
        DerivedFigures figures = DerivedFigures.of(run);
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (Measurement row : run.results()) {
            ObjectNode node = array.addObject();
            node.put("benchmark", row.benchmark()).put(BenchmarkSchema.NETWORK, row.network())
                    .put(BenchmarkSchema.BACKEND, row.backend()).put(BenchmarkSchema.DTYPE, row.dtype());
            row.otherParams().forEach((name, value) -> {
                if (name.equals(BenchmarkSchema.DTYPE)) {
                    return;
                }
                if (value.matches("-?\\d{1,9}")) {
                    node.put(name, Integer.parseInt(value));
                } else {
                    node.put(name, value);
                }
            });
            node.put("score", row.score()).put("error", row.error()).put("unit", row.unit());
            putFinite(node, "gflops", figures.gflops(row));
            putFinite(node, "fractionOfPeak", figures.fractionOfPeak(row));
            putFinite(node, "allocatedBytesPerOp", row.allocation().bytesPerOp());
            if (row.allocation().metric() != null) {
                node.put("allocationMetric", row.allocation().metric());
            }
            putFinite(node, "threadAllocatedBytesPerOp", row.allocation().threadBytesPerOp());
            putFinite(node, "gcAllocatedBytesPerOp", row.allocation().gcBytesPerOp());
            putFinite(node, "vsScalar", figures.vsScalar(row));
            putFinite(node, "vsNumpy", figures.vsNumpy(row));
            putFinite(node, "vsFloat64", figures.vsFloat64(row));
            if (row.benchmark().equals(BenchmarkSchema.TRAIN_MANY)) {
                putFinite(node, "networkStepsPerSecond", figures.perSecond(row));
                putFinite(node, "vsTrainingStep", figures.vsTrainingStep(row));
                putFinite(node, "vsOneThread", figures.vsOneThread(row));
            }
        }
        return array;
    }

    private static void putFinite(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        }
    }

    /** @param numpyNote one line about numpy (its version and threads, or why it did not run) */
    public static void print(MeasuredRun run, String numpyNote, PrintStream out) {
        List<Measurement> rows = run.results();
        DerivedFigures figures = DerivedFigures.of(run);
        double fp64 = run.peakGflops();
        double fp32 = run.peakGflops(DType.FLOAT32);
        out.println();
        out.println("Summary: average time per operation, ± JMH's 99.9% confidence interval (numpy: 99.9% CI of its");
        out.println("batches); GFLOP/s = 2 x the multiply-adds of the operation's products / time (element-wise work not");
        out.println("counted); % peak = of the measured FP64 peak of one core (" + (Double.isNaN(fp64) ? "not measured"
                : String.format(Locale.ROOT, "%.1f GFLOP/s", fp64)) + (run.hasFloat32() && !Double.isNaN(fp32)
                ? String.format(Locale.ROOT, "; float32 rows: of the FP32 peak, %.1f GFLOP/s", fp32) : "")
                + "); vs scalar / vs numpy = their");
        out.println("time / this row's (> 1 is faster), numpy on one BLAS thread; vs float64 = a float32 row's float64"
                + " twin's time / its own. " + numpyNote);
        out.println(allocationLegend(run));
        out.println();
        String format = "%-13s %-15s %-18s %12s ± %10s  %-6s %9s %7s %11s %10s %9s %10s";
        String header = String.format(Locale.ROOT, format.replace("±", " "), "benchmark", "network", "backend",
                "score", "error", "unit", "GFLOP/s", "% peak", "alloc B/op", "vs scalar", "vs numpy", "vs float64");
        out.println(header);
        out.println("-".repeat(header.length()));
        boolean marksFork = mixesMetrics(rows);
        String lastGroup = null;
        for (Measurement row : rows) {
            if (row.benchmark().equals(BenchmarkSchema.TRAIN_MANY)) {
                continue; // their own table, below
            }
            String group = row.benchmark() + " " + row.network();
            boolean first = !group.equals(lastGroup);
            lastGroup = group;
            out.println(String.format(Locale.ROOT, format, first ? row.benchmark() : "", first ? row.network() : "",
                    row.label(), FigureFormat.number(row.score()), FigureFormat.number(row.error()), row.unit(),
                    FigureFormat.gflops(figures.gflops(row)), FigureFormat.percent(figures.fractionOfPeak(row)),
                    allocation(row.allocation(), marksFork), FigureFormat.ratio(figures.vsScalar(row)),
                    FigureFormat.ratio(figures.vsNumpy(row)), FigureFormat.ratio(figures.vsFloat64(row))));
        }
        out.println();
        printManyNetworks(run, figures, marksFork, out);
    }

    /** trainMany's rows, per network and backend: each (batch, threads), its rate, and its ratios. */
    private static void printManyNetworks(MeasuredRun run, DerivedFigures figures, boolean marksFork,
                                          PrintStream out) {
        List<Measurement> many = run.byBackend(run.results().stream()
                .filter(r -> r.benchmark().equals(BenchmarkSchema.TRAIN_MANY)).toList());
        if (many.isEmpty()) {
            return;
        }
        out.println("trainMany: K networks of the network's shape (seeds 1..K) trained together on T threads; score in ns per");
        out.println("network-step (16,384 a call); vs trainingStep = the backend's trainingStep time per step / this row's (> 1: the");
        out.println("batch trains faster); vs 1 thread = the same batch on one thread / this row's. alloc: the calling thread's only.");
        out.println();
        String format = "%-15s %-18s %6s %7s %12s ± %10s  %-6s %10s %11s %15s %11s";
        String header = String.format(Locale.ROOT, format.replace("±", " "), "network", "backend", "K", "threads",
                "score", "error", "unit", "steps/s", "alloc B/op", "vs trainingStep", "vs 1 thread");
        out.println(header);
        out.println("-".repeat(header.length()));
        String lastGroup = null;
        for (Measurement row : many) {
            boolean first = !row.network().equals(lastGroup);
            lastGroup = row.network();
            out.println(String.format(Locale.ROOT, format, first ? row.network() : "", row.label(),
                    row.otherParams().getOrDefault(BenchmarkSchema.BATCH, ""),
                    row.otherParams().getOrDefault(BenchmarkSchema.THREADS, ""), FigureFormat.number(row.score()),
                    FigureFormat.number(row.error()), row.unit(), FigureFormat.rate(figures.perSecond(row)),
                    allocation(row.allocation(), marksFork), FigureFormat.ratio(figures.vsTrainingStep(row)),
                    FigureFormat.ratio(figures.vsOneThread(row))));
        }
        out.println();
    }

    /** Says which measure the alloc column holds: the thread's own, JMH's (runs before it), or both, marked. */
    static String allocationLegend(MeasuredRun run) {
        List<Measurement> rows = run.results();
        if (rows.stream().noneMatch(r -> r.allocation().isThreadOwn())) {
            return "alloc B/op = " + Allocation.GC_METRIC + ": the whole fork's allocation per operation, JMH's own objects (~7 KB\n"
                    + "per iteration) included, so hundreds to thousands of B/op where an iteration holds few operations.";
        }
        String thread = "alloc B/op = bytes the benchmark thread allocated per operation, nothing of JMH's ("
                + Allocation.THREAD_METRIC + "; the\nwhole fork's " + Allocation.GC_METRIC + " is in summary.json).";
        return mixesMetrics(rows) ? thread + "\n* = " + Allocation.GC_METRIC + " (the whole fork's, JMH's objects included), where"
                + " the thread's was not measured." : thread;
    }

    /** Some rows with the thread's own figure and some with only JMH's. */
    private static boolean mixesMetrics(List<Measurement> rows) {
        boolean anyThread = rows.stream().anyMatch(r -> r.allocation().isThreadOwn());
        boolean anyForkOnly = rows.stream().anyMatch(r -> Allocation.GC_METRIC.equals(r.allocation().metric()));
        return anyThread && anyForkOnly;
    }

    /** The alloc column: numpy's rows have none ({@code n/a}); {@code *} marks JMH's figure among the thread's. */
    private static String allocation(Allocation allocation, boolean marksFork) {
        double bytes = allocation.bytesPerOp();
        if (Double.isNaN(bytes)) {
            return "n/a";
        }
        return FigureFormat.bytes(bytes) + (marksFork && !allocation.isThreadOwn() ? "*" : "");
    }
}
