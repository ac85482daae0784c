package dev.synapsebench.report.page;

import dev.synapsebench.core.Kernels;
import dev.synapsebench.model.Allocation;
import dev.synapsebench.model.Measurement;
import dev.synapsebench.model.MeasuredRun;
import dev.synapsebench.model.ScoreText;

import java.util.ArrayList;
import java.util.List;

/**
 * One benchmark on one network as a Markdown table, a row per backend (numpy's last): score ±
 * error, GFLOP/s and share of the peak, speed against scalar and against numpy on one thread,
 * a float32 row's speed against its float64 twin, bytes allocated per operation, and what the
 * parity check found.
 */
final class ResultTable {

    private ResultTable() {
    }

    static String markdown(MeasuredRun run, List<Measurement> rows) {
        boolean peak = Double.isFinite(run.peakGflops());
        boolean numpy = run.results().stream().anyMatch(Measurement::isNumpy);
        boolean marksFork = mixesAllocationMetrics(run);
        boolean float32 = run.hasFloat32();
        List<String> header = new ArrayList<>(List.of("backend", "score ± error", "GFLOP/s"));
        if (peak) {
            header.add("% of peak");
        }
        header.add("vs scalar");
        if (numpy) {
            header.add("vs numpy");
        }
        if (float32) {
            header.add("vs float64");
        }
        header.addAll(List.of("B/op", "parity found"));

        StringBuilder table = new StringBuilder();
        line(table, header);
        List<String> alignment = new ArrayList<>();
        header.forEach(h -> alignment.add(h.equals("backend") || h.equals("parity found") ? "---" : "---:"));
        line(table, alignment);
        for (Measurement row : rows) {
            List<String> cells = new ArrayList<>();
            cells.add(row.label());
            cells.add(ScoreText.of(row));
            cells.add(Figures.gflops(row.gflops()));
            if (peak) {
                cells.add(Figures.percent(row.gflops() / run.peakGflops(row)));
            }
            cells.add(Figures.ratio(ratio(run, row, Kernels.REFERENCE)));
            if (numpy) {
                cells.add(Figures.ratio(ratio(run, row, Measurement.NUMPY_ONE_THREAD)));
            }
            if (float32) {
                cells.add(Figures.ratio(run.float64Twin(row).map(twin -> ratio(row, twin)).orElse(Double.NaN)));
            }
            cells.add(bytes(row.allocation(), marksFork));
            cells.add(Figures.parity(row.parity()));
            line(table, cells);
        }
        return table.toString();
    }

    /** Some rows with the benchmark thread's own figure and some with only JMH's: the latter get a mark. */
    static boolean mixesAllocationMetrics(MeasuredRun run) {
        return run.results().stream().anyMatch(r -> r.allocation().isThreadOwn())
                && run.results().stream().anyMatch(r -> Allocation.GC_METRIC.equals(r.allocation().metric()));
    }

    /** {@code baseline}'s time over the row's (> 1: the row is faster); NaN without a baseline row. */
    private static double ratio(MeasuredRun run, Measurement row, String baseline) {
        return run.peer(row, baseline).map(b -> ratio(row, b)).orElse(Double.NaN);
    }

    /** How many times faster the row is than {@code baseline}. */
    private static double ratio(Measurement row, Measurement baseline) {
        return row.higherIsBetter() ? row.score() / baseline.score() : baseline.score() / row.score();
    }

    static String bytes(Allocation allocation, boolean marksFork) {
        String figure = Figures.bytes(allocation.bytesPerOp());
        return marksFork && Allocation.GC_METRIC.equals(allocation.metric()) ? figure + "*" : figure;
    }

    private static void line(StringBuilder table, List<String> cells) {
        table.append("| ");
        table.append(String.join(" | ", cells.stream().map(c -> c.replace("|", "\\|")).toList()));
        table.append(" |\n");
    }
}
