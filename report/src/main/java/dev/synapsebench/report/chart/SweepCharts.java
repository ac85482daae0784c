package dev.synapsebench.report.chart;

import dev.synapsebench.model.DerivedFigures;
import dev.synapsebench.model.BenchmarkSchema;
import dev.synapsebench.model.Measurement;
import dev.synapsebench.model.MeasuredRun;
import dev.synapsebench.model.Work;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.text.DecimalFormat;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The size sweep (the synthetic networks): trainingStep's time and its work rate against the
 * network's work per step, log-log, one line per backend and numpy's two. Work on the x axis rather
 * than the network's name, so the distance between networks is how much more they compute.
 */
final class SweepCharts {

    private static final String BENCHMARK = BenchmarkSchema.TRAINING_STEP;
    private static final SiFormat TIME = new SiFormat("s");
    private static final SiFormat WORK = new SiFormat("FLOP");
    private static final Color PEAK = new Color(0xA0, 0x20, 0x20);

    private SweepCharts() {
    }

    /** @param networks the sweep's networks (each with a defined work) */
    static List<Chart> of(MeasuredRun run, List<String> networks, BackendStyle style) {
        List<String> byWork = networks.stream()
                .sorted(Comparator.comparingDouble(n -> Work.flops(BENCHMARK, n))).toList();
        // the run's backend order (numpy's last), as in the tables
        List<String> backends = run.results().stream().map(Measurement::backend).distinct()
                .filter(b -> byWork.stream().anyMatch(n -> row(run, n, b).isPresent())).toList();
        return List.of(time(run, byWork, backends, style), rate(run, byWork, backends, style));
    }

    private static Chart time(MeasuredRun run, List<String> networks, List<String> backends, BackendStyle style) {
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDrawXError(false);
        renderer.setDefaultLinesVisible(true);
        renderer.setCapLength(6);
        for (String backend : backends) {
            XYIntervalSeries series = new XYIntervalSeries(backend);
            for (String network : networks) {
                double flops = Work.flops(BENCHMARK, network);
                row(run, network, backend).ifPresent(r -> series.add(flops, flops, flops, TimeInterval.seconds(r),
                        TimeInterval.low(r), TimeInterval.high(r)));
            }
            data.addSeries(series);
            style(renderer, data.getSeriesCount() - 1, backend, style);
        }
        LogAxis work = workAxis();
        LogAxis time = ChartStyle.logAxis("time per training step (log scale)", TIME);
        widenSinglePoints(work, time, data);
        XYPlot plot = new XYPlot(data, work, time, renderer);
        grid(plot);
        return new Chart("sweep-time.png", "trainingStep time against the network's work",
                "Time per training step on the sweep's networks against their work (FLOP per step); log-log, so a"
                        + " line with slope 1 is a constant work rate. Bars: 99.9% confidence intervals.",
                ChartStyle.chart("Size sweep: time per training step", subtitle(networks), plot, true));
    }

    private static Chart rate(MeasuredRun run, List<String> networks, List<String> backends, BackendStyle style) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        DerivedFigures figures = DerivedFigures.of(run);
        for (String backend : backends) {
            XYSeries series = new XYSeries(backend);
            for (String network : networks) {
                row(run, network, backend).filter(r -> Double.isFinite(figures.gflops(r)))
                        .ifPresent(r -> series.add(Work.flops(BENCHMARK, network), figures.gflops(r)));
            }
            data.addSeries(series);
            style(renderer, data.getSeriesCount() - 1, backend, style);
        }
        double peak = run.peakGflops();
        if (!Double.isNaN(peak)) {
            // a series rather than a marker: it stays in the axis range and names itself in the legend
            XYSeries line = new XYSeries(String.format(Locale.ROOT, "FP64 peak of one core (%.1f GFLOP/s)", peak));
            line.add(Work.flops(BENCHMARK, networks.get(0)), peak);
            line.add(Work.flops(BENCHMARK, networks.get(networks.size() - 1)), peak);
            data.addSeries(line);
            int index = data.getSeriesCount() - 1;
            renderer.setSeriesPaint(index, PEAK);
            renderer.setSeriesShapesVisible(index, false);
            renderer.setSeriesStroke(index, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {2f, 4f}, 0f));
        }
        LogAxis work = workAxis();
        LogAxis gflops = ChartStyle.logAxis("work rate, GFLOP/s (log scale)", new DecimalFormat("0.#####"));
        widenSinglePoints(work, gflops, data);
        XYPlot plot = new XYPlot(data, work, gflops, renderer);
        grid(plot);
        return new Chart("sweep-gflops.png", "trainingStep work rate against the network's work",
                "Work rate (GFLOP/s: 2 x the products' multiply-adds per second) on the sweep's networks against their"
                        + " work per step; log-log" + (Double.isNaN(peak) ? "; the run did not measure the peak."
                        : "; the dotted line is the measured FP64 peak of one core."),
                ChartStyle.chart("Size sweep: work rate of a training step", subtitle(networks), plot, true));
    }

    private static Optional<Measurement> row(MeasuredRun run, String network, String backend) {
        // float64 rows (no other parameter): a float32 line would need a series of its own
        return run.rows(BENCHMARK, network).stream().filter(r -> r.backend().equals(backend) && r.otherParams().isEmpty())
                .findFirst();
    }

    private static LogAxis workAxis() {
        LogAxis work = ChartStyle.logAxis("work per training step (log scale)", WORK);
        work.setLowerMargin(0.04);
        work.setUpperMargin(0.04);
        return work;
    }

    /**
     * A run with one sweep network (or one value on an axis) gives an axis whose data span no range,
     * which a log axis cannot scale: show a decade either side instead.
     */
    private static void widenSinglePoints(LogAxis x, LogAxis y, org.jfree.data.xy.XYDataset data) {
        org.jfree.data.Range xBounds = org.jfree.data.general.DatasetUtils.findDomainBounds(data, false);
        org.jfree.data.Range yBounds = org.jfree.data.general.DatasetUtils.findRangeBounds(data, true);
        if (xBounds != null && !(xBounds.getLength() > 0)) {
            x.setRange(xBounds.getLowerBound() / 10, xBounds.getUpperBound() * 10);
        }
        if (yBounds != null && !(yBounds.getLength() > 0)) {
            y.setRange(yBounds.getLowerBound() / 10, yBounds.getUpperBound() * 10);
        }
    }

    private static void grid(XYPlot plot) {
        plot.setDomainMinorGridlinesVisible(true);
        plot.setRangeMinorGridlinesVisible(true);
    }

    private static void style(XYLineAndShapeRenderer renderer, int series, String backend, BackendStyle style) {
        renderer.setSeriesPaint(series, style.colour(backend));
        renderer.setSeriesShape(series, style.shape(backend));
        renderer.setSeriesStroke(series, style.line(backend));
    }

    private static String subtitle(List<String> networks) {
        return "networks (inputs-hidden-outputs x examples), left to right: " + String.join(", ", networks);
    }
}
