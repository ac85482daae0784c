package dev.synapsebench.report.page;

import dev.synapsebench.model.Measurement;
import dev.synapsebench.model.MeasuredRun;
import dev.synapsebench.model.RunFolder;
import dev.synapsebench.model.ScoreText;
import dev.synapsebench.model.Work;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

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
        List<String> backends = run.results().stream().map(Measurement::backend).distinct().toList();
        List<Measurement> ordered = new ArrayList<>(rows);
        ordered.sort(Comparator.<Measurement>comparingInt(r -> backends.indexOf(r.backend()))
                .thenComparing(r -> r.otherParams().getOrDefault(RunFolder.DTYPE, ""))
                .thenComparingInt(r -> number(r, RunFolder.BATCH))
                .thenComparingInt(r -> number(r, RunFolder.THREADS)));
        StringBuilder table = new StringBuilder();
        table.append("| backend | K | threads | per network-step ± error | network-steps/s | vs trainingStep"
                + " | vs 1 thread | B/op | parity found |\n");
        table.append("|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Measurement row : ordered) {
            String dtype = row.otherParams().get(RunFolder.DTYPE);
            List<String> cells = List.of(row.backend() + (dtype == null ? "" : " dtype=" + dtype),
                    row.otherParams().getOrDefault(RunFolder.BATCH, Figures.NONE),
                    row.otherParams().getOrDefault(RunFolder.THREADS, Figures.NONE), ScoreText.of(row),
                    rate(1 / Work.seconds(row.score(), row.unit())),
                    Figures.ratio(run.trainingStepTwin(row).map(step -> Work.seconds(step.score(), step.unit())
                            / Work.seconds(row.score(), row.unit())).orElse(Double.NaN)),
                    Figures.ratio(run.oneThreadTwin(row).map(one -> one.score() / row.score()).orElse(Double.NaN)),
                    ResultTable.bytes(row.allocation(), marksFork), Figures.parity(row.parity()));
            table.append("| ").append(String.join(" | ", cells)).append(" |\n");
        }
        return table.toString();
    }

    /** {@code 3.29e+07}: a rate of millions needs three digits, not eight. */
    private static String rate(double perSecond) {
        return Double.isFinite(perSecond) ? String.format(Locale.ROOT, "%.3g", perSecond) : Figures.NONE;
    }

    private static int number(Measurement row, String param) {
        String value = row.otherParams().get(param);
        return value != null && value.matches("\\d{1,9}") ? Integer.parseInt(value) : 0;
    }
}
