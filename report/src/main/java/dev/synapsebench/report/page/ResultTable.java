package dev.synapsebench.report.page;

import dev.synapsebench.model.BenchmarkSchema;
import dev.synapsebench.model.Allocation;
import dev.synapsebench.model.Measurement;
import dev.synapsebench.model.MeasuredRun;
import dev.synapsebench.model.DerivedFigures;
import dev.synapsebench.model.FigureFormat;

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
        DerivedFigures figures = DerivedFigures.of(run);
        for (Measurement row : rows) {
            List<String> cells = new ArrayList<>();
            cells.add(row.label());
            cells.add(FigureFormat.score(row));
            cells.add(FigureFormat.gflops(figures.gflops(row)));
            if (peak) {
                cells.add(FigureFormat.percent(figures.fractionOfPeak(row)));
            }
            cells.add(FigureFormat.ratio(figures.vsScalar(row)));
            if (numpy) {
                cells.add(FigureFormat.ratio(figures.vsNumpy(row)));
            }
            if (float32) {
                cells.add(FigureFormat.ratio(figures.vsFloat64(row)));
            }
            cells.add(bytes(row.allocation(), marksFork));
            cells.add(FigureFormat.parity(row.parity()));
            line(table, cells);
        }
        return table.toString();
    }

    /** Some rows with the benchmark thread's own figure and some with only JMH's: the latter get a mark. */
    static boolean mixesAllocationMetrics(MeasuredRun run) {
        return run.results().stream().anyMatch(r -> r.allocation().isThreadOwn())
                && run.results().stream().anyMatch(r -> Allocation.GC_METRIC.equals(r.allocation().metric()));
    }

    static String bytes(Allocation allocation, boolean marksFork) {
        String figure = FigureFormat.bytes(allocation.bytesPerOp());
        return marksFork && Allocation.GC_METRIC.equals(allocation.metric()) ? figure + "*" : figure;
    }

    private static void line(StringBuilder table, List<String> cells) {
        table.append("| ");
        table.append(String.join(" | ", cells.stream().map(c -> c.replace("|", "\\|")).toList()));
        table.append(" |\n");
    }
}
