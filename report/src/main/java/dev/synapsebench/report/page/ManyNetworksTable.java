package dev.synapsebench.report.page;

import dev.synapsebench.model.BenchmarkSchema;
import dev.synapsebench.model.Measurement;
import dev.synapsebench.model.MeasuredRun;
import dev.synapsebench.model.RunFolder;
import dev.synapsebench.model.DerivedFigures;
import dev.synapsebench.model.FigureFormat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code trainMany} on one network as a Markdown table, per backend a row per (batch, threads): the
 * time per network-step ± error, network-steps per second, how many times the backend's
 * {@code trainingStep} rate on the network it is, and (on more than one thread) how many times the
 * same batch's rate on one thread; bytes per operation and the parity found.
 */
final class ManyNetworksTable {

    private ManyNetworksTable() {
    }

    static String markdown(MeasuredRun run, List<Measurement> rows) {
        boolean marksFork = ResultTable.mixesAllocationMetrics(run);
        List<Measurement> ordered = run.byBackend(rows);
        StringBuilder table = new StringBuilder();
        table.append("| backend | K | threads | per network-step ± error | network-steps/s | vs trainingStep"
                + " | vs 1 thread | B/op | parity found |\n");
        table.append("|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        DerivedFigures figures = DerivedFigures.of(run);
        for (Measurement row : ordered) {
            List<String> cells = List.of(row.label(),
                    row.otherParams().getOrDefault(BenchmarkSchema.BATCH, FigureFormat.NONE),
                    row.otherParams().getOrDefault(BenchmarkSchema.THREADS, FigureFormat.NONE), FigureFormat.score(row),
                    FigureFormat.rate(figures.perSecond(row)), FigureFormat.ratio(figures.vsTrainingStep(row)),
                    FigureFormat.ratio(figures.vsOneThread(row)), ResultTable.bytes(row.allocation(), marksFork),
                    FigureFormat.parity(row.parity()));
            table.append("| ").append(String.join(" | ", cells)).append(" |\n");
        }
        return table.toString();
    }
}
