package dev.synapsebench.report.chart;

import dev.synapsebench.model.BenchmarkSchema;
import dev.synapsebench.core.Workload;
import dev.synapsebench.core.Workloads;
import dev.synapsebench.model.Measurement;
import dev.synapsebench.model.MeasuredRun;
import dev.synapsebench.model.Work;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which charts a run gets: one per tutorial network it timed trainingStep on, and the two sweep
 * charts when it timed any synthetic (sweep) network. An older run with tutorials only gets the
 * tutorial charts.
 */
public final class RunCharts {

    private static final String BENCHMARK = BenchmarkSchema.TRAINING_STEP;

    private RunCharts() {
    }

    /** The run's charts, in the order the page shows them. */
    public static List<Chart> of(MeasuredRun run) {
        BackendStyle style = BackendStyle.of(run);
        List<String> networks = run.results().stream().filter(r -> r.benchmark().equals(BENCHMARK))
                .map(Measurement::network).distinct().toList();
        List<Chart> charts = new ArrayList<>();
        List<String> sweep = new ArrayList<>();
        for (String network : networks) {
            Optional<Workload> workload = workload(network);
            if (workload.isPresent() && Workloads.isTutorial(workload.get())) {
                charts.add(TutorialChart.of(run, network, network + " (" + workload.get().name() + ")", style));
            } else if (workload.isPresent() && Double.isFinite(Work.flops(BENCHMARK, network))) {
                sweep.add(network);
            }
        }
        if (!sweep.isEmpty()) {
            charts.addAll(SweepCharts.of(run, sweep, style));
        }
        return charts;
    }

    /** A network name this build does not know (a later run's) has no chart, not an error. */
    private static Optional<Workload> workload(String network) {
        try {
            return Optional.of(Workloads.resolve(network));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
