package dev.synapsebench.report.page;

import dev.synapsebench.model.BenchmarkSchema;
import dev.synapsebench.model.DerivedFigures;
import dev.synapsebench.model.FigureFormat;
import dev.synapsebench.model.MeasuredRun;
import dev.synapsebench.model.Measurement;
import dev.synapsebench.model.Work;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A run's headline, as the README quotes it: per network, the fastest JVM backend's float64
 * {@code trainingStep} (one thread), its share of the peak, and how it fares against numpy on one
 * BLAS thread and on every core, with numpy's own time. Every figure comes from {@link DerivedFigures}.
 */
public final class HeadlineTable {

    private HeadlineTable() {
    }

    public static String markdown(MeasuredRun run) {
        DerivedFigures figures = DerivedFigures.of(run);
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "FP64 peak of one core: %s GFLOP/s. trainingStep, float64, one"
                + " JVM thread; vs numpy = numpy's time / the row's (above 1 the JVM is faster).%n%n",
                FigureFormat.gflops(run.peakGflops())));
        table.append("| network | fastest JVM backend | time ± error | % of peak | vs numpy-1t | vs numpy-all"
                + " | numpy-1t |\n");
        table.append("|---|---|---:|---:|---:|---:|---:|\n");
        List<String> networks = run.results().stream().filter(r -> r.benchmark().equals(BenchmarkSchema.TRAINING_STEP))
                .map(Measurement::network).distinct().toList();
        for (String network : networks) {
            List<Measurement> rows = run.rows(BenchmarkSchema.TRAINING_STEP, network).stream()
                    .filter(r -> r.otherParams().isEmpty()).toList();
            Optional<Measurement> fastest = rows.stream().filter(r -> !r.isNumpy())
                    .min(Comparator.comparingDouble(r -> Work.seconds(r.score(), r.unit())));
            if (fastest.isEmpty()) {
                continue;
            }
            Measurement best = fastest.get();
            String numpy = rows.stream().filter(r -> r.backend().equals(BenchmarkSchema.NUMPY_ONE_THREAD)).findFirst()
                    .map(FigureFormat::score).orElse(FigureFormat.NONE);
            table.append("| `").append(network).append("` | ").append(best.label()).append(" | ")
                    .append(FigureFormat.score(best)).append(" | ")
                    .append(FigureFormat.percent(figures.fractionOfPeak(best))).append(" | ")
                    .append(FigureFormat.ratio(figures.vsNumpy(best))).append(" | ")
                    .append(FigureFormat.ratio(figures.vsNumpyAllCores(best))).append(" | ")
                    .append(numpy).append(" |\n");
        }
        return table.toString();
    }
}
