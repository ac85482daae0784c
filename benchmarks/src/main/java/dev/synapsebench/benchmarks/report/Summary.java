package dev.synapsebench.benchmarks.report;

import dev.synapsebench.core.Kernels;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The table printed at the end of a run: per benchmark and network, each backend's score, JMH's
 * error, allocation per operation and speed relative to the reference backend (scalar).
 */
public final class Summary {

    /** JMH's GC profiler metric: bytes allocated per benchmark operation. */
    public static final String ALLOCATION = "gc.alloc.rate.norm";

    public static final List<String> BENCHMARK_ORDER = List.of("forward", "weightUpdate", "trainingStep", "train");

    /** One measured (benchmark, network, backend). */
    public record Row(String benchmark, String network, String backend, double score, double error, String unit,
               double allocatedBytesPerOp) {
    }

    private Summary() {
    }

    public static List<Row> rows(Collection<RunResult> results, List<String> backendOrder, List<String> networkOrder) {
        List<Row> rows = new ArrayList<>();
        for (RunResult run : results) {
            Result<?> primary = run.getPrimaryResult();
            String benchmark = run.getParams().getBenchmark();
            benchmark = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            rows.add(new Row(benchmark, run.getParams().getParam("network"), run.getParams().getParam("backend"),
                    primary.getScore(), primary.getScoreError(), primary.getScoreUnit(),
                    allocation(run)));
        }
        rows.sort(Comparator.<Row>comparingInt(r -> indexOf(BENCHMARK_ORDER, r.benchmark()))
                .thenComparing(Row::benchmark)
                .thenComparingInt(r -> indexOf(networkOrder, r.network()))
                .thenComparingInt(r -> indexOf(backendOrder, r.backend()))
                .thenComparing(Row::backend));
        return rows;
    }

    @SuppressWarnings("rawtypes") // JMH declares getSecondaryResults() with the raw type Result
    private static double allocation(RunResult run) {
        for (var secondary : run.getSecondaryResults().entrySet()) {
            if (secondary.getKey().endsWith(ALLOCATION)) {
                return secondary.getValue().getScore();
            }
        }
        return Double.NaN;
    }

    public static void print(List<Row> rows, PrintStream out) {
        out.println();
        out.println("Summary: average time per operation, ± JMH's 99.9% confidence interval; alloc = bytes allocated");
        out.println("per operation (" + ALLOCATION + "); vs scalar = scalar's time / this backend's time (> 1 is faster).");
        out.println();
        String header = String.format("%-13s %-8s %-8s %12s   %10s  %-6s %11s %10s", "benchmark", "network", "backend",
                "score", "error", "unit", "alloc B/op", "vs scalar");
        out.println(header);
        out.println("-".repeat(header.length()));
        String lastGroup = null;
        for (Row row : rows) {
            String group = row.benchmark() + " " + row.network();
            boolean first = !group.equals(lastGroup);
            lastGroup = group;
            out.println(String.format("%-13s %-8s %-8s %12s ± %10s  %-6s %11s %10s",
                    first ? row.benchmark() : "", first ? row.network() : "", row.backend(), number(row.score()),
                    number(row.error()), row.unit(), allocation(row.allocatedBytesPerOp()), relative(row, rows)));
        }
        out.println();
    }

    /** The reference's score over this row's (same benchmark and network), e.g. "2.31x"; "" without a reference row. */
    public static String relative(Row row, List<Row> rows) {
        for (Row other : rows) {
            if (other.backend().equals(Kernels.REFERENCE) && other.benchmark().equals(row.benchmark())
                    && Objects.equals(other.network(), row.network()) && other.unit().equals(row.unit())) {
                double ratio = other.score() / row.score();
                // two significant digits for the slow ones: 0.0032x, not 0.00x
                return ratio >= 0.1 ? String.format("%.2fx", ratio) : String.format("%.2gx", ratio);
            }
        }
        return "";
    }

    private static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "n/a";
        }
        return value >= 100 ? String.format("%.1f", value) : String.format("%.3f", value);
    }

    private static String allocation(double bytes) {
        return Double.isNaN(bytes) ? "n/a" : String.format("%.1f", bytes);
    }

    private static int indexOf(List<String> order, String value) {
        int i = order.indexOf(value);
        return i < 0 ? Integer.MAX_VALUE : i;
    }
}
