package dev.synapsebench.report.page;

import dev.synapsebench.model.BenchmarkSchema;
import dev.synapsebench.core.Workload;
import dev.synapsebench.core.Workloads;
import dev.synapsebench.report.chart.Chart;
import dev.synapsebench.model.Measurement;
import dev.synapsebench.model.MeasuredRun;
import dev.synapsebench.model.Work;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A run's {@code report.md}: the header (machine, JDK, commit, numpy, peak), what the run lacks,
 * the charts, its flame graphs if it made any, the tables' legend, then one table per benchmark and
 * network in the run's order.
 */
public final class ReportPage {

    /** What one operation of each benchmark is (the README's table). */
    private static final Map<String, String> BENCHMARKS = Map.of(
            BenchmarkSchema.FORWARD, "one operation: all layers' sigmoid(X·W) for the training set.",
            BenchmarkSchema.WEIGHT_UPDATE, "one operation: the backward pass and W += aT·delta for every layer.",
            BenchmarkSchema.TRAINING_STEP, "one operation: one full iteration (forward, backward, update); the number to quote.",
            BenchmarkSchema.TRAIN_MANY, "one operation: one network's training step, in a batch of K networks of the shape"
                    + " (numpy's initial weights for the seeds 1..K, one training set) trained together on T threads"
                    + " through the backend's batched path; 16,384 network-steps a call.",
            "train", "one operation: a whole tutorial program, from numpy's initial weights through all its"
                    + " iterations.");

    private ReportPage() {
    }

    /** @param charts the run's charts, their PNGs beside the page (linked by file name) */
    public static String markdown(MeasuredRun run, List<Chart> charts) {
        StringBuilder page = new StringBuilder();
        page.append("# ").append(RunHeader.title(run)).append("\n\n");
        // not the folder's name: the launcher writes this page in its staging folder, renamed afterwards
        page.append("Generated from this folder's data files (jmh.json, environment.json, numpy.json);"
                + " `./synapse report` writes it again.\n\n");
        list(page, RunHeader.items(run));
        if (!run.gaps().isEmpty()) {
            page.append("## What this run lacks\n\n");
            list(page, run.gaps().stream().map(ReportPage::sentence).toList());
        }
        if (!charts.isEmpty()) {
            page.append("## Charts\n\n");
            for (Chart chart : charts) {
                page.append("![").append(chart.title()).append("](").append(chart.fileName()).append(")\n\n");
                page.append(chart.caption()).append("\n\n");
            }
        }
        page.append(FlameGraphSection.markdown(run));
        page.append("## Reading the tables\n\n");
        list(page, TableLegend.items(run));
        tables(page, run);
        return page.toString().stripTrailing() + "\n";
    }

    private static void tables(StringBuilder page, MeasuredRun run) {
        Map<String, Set<String>> networksByBenchmark = new LinkedHashMap<>();
        for (Measurement r : run.results()) {
            networksByBenchmark.computeIfAbsent(r.benchmark(), b -> new LinkedHashSet<>()).add(r.network());
        }
        networksByBenchmark.forEach((benchmark, networks) -> {
            page.append("## ").append(benchmark).append("\n\n");
            if (BENCHMARKS.containsKey(benchmark)) {
                page.append(capitalised(BENCHMARKS.get(benchmark))).append("\n\n");
            }
            for (String network : networks) {
                page.append("### ").append(benchmark).append(" on ").append(network).append("\n\n");
                page.append(about(benchmark, network)).append("\n\n");
                List<Measurement> rows = run.rows(benchmark, network);
                page.append(benchmark.equals(BenchmarkSchema.TRAIN_MANY) ? ManyNetworksTable.markdown(run, rows)
                        : ResultTable.markdown(run, rows)).append('\n');
            }
        });
    }

    /** The network's workload and the operation's work, where this build knows the network. */
    private static String about(String benchmark, String network) {
        Workload workload;
        try {
            workload = Workloads.resolve(network);
        } catch (IllegalArgumentException e) {
            return "A network this build does not know: no work figure, no GFLOP/s.";
        }
        double flops = Work.flops(benchmark, network);
        return workload.title() + (Double.isFinite(flops)
                ? String.format(Locale.ROOT, "; %,.0f FLOP per operation.", flops) : ".");
    }

    private static void list(StringBuilder page, List<String> items) {
        items.forEach(item -> page.append("- ").append(item).append('\n'));
        page.append('\n');
    }

    private static String sentence(String text) {
        String s = capitalised(text);
        return s.endsWith(".") ? s : s + ".";
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
