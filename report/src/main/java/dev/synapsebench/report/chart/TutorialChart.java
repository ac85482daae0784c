package dev.synapsebench.report.chart;

import dev.synapsebench.model.BenchmarkSchema;
import dev.synapsebench.model.Measurement;
import dev.synapsebench.model.MeasuredRun;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.Range;
import org.jfree.data.general.DatasetUtils;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

import java.awt.BasicStroke;
import java.util.List;

/**
 * trainingStep on one tutorial network: per backend a dot at its time with its 99.9% confidence
 * interval, on a log axis. Dots rather than bars: a bar from zero means nothing on a log axis, and
 * the backends here lie two to three decades apart.
 */
final class TutorialChart {

    private static final String BENCHMARK = BenchmarkSchema.TRAINING_STEP;
    private static final SiFormat TIME = new SiFormat("s");

    private TutorialChart() {
    }

    /** @param title the network's name and its workload's, e.g. {@code 3-4-1 (xor-3layer)} */
    static Chart of(MeasuredRun run, String network, String title, BackendStyle style) {
        List<Measurement> rows = run.rows(BENCHMARK, network).stream().filter(r -> r.otherParams().isEmpty()).toList(); // float64
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDefaultLinesVisible(false);
        renderer.setDrawYError(false);
        renderer.setCapLength(10);
        renderer.setErrorStroke(new BasicStroke(2f));
        for (int i = 0; i < rows.size(); i++) {
            Measurement row = rows.get(i);
            XYIntervalSeries series = new XYIntervalSeries(row.backend());
            series.add(TimeInterval.seconds(row), TimeInterval.low(row), TimeInterval.high(row), i, i, i);
            data.addSeries(series);
            renderer.setSeriesPaint(i, style.colour(row.backend()));
            renderer.setSeriesShape(i, style.shape(row.backend()));
        }
        renderer.setDefaultItemLabelGenerator((dataset, series, item) -> {
            Measurement row = rows.get(series);
            return TIME.format(TimeInterval.seconds(row)) + " ± " + TIME.format(TimeInterval.error(row));
        });
        renderer.setDefaultItemLabelFont(ChartStyle.ITEM_LABEL);
        renderer.setItemLabelAnchorOffset(5);
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12,
                TextAnchor.BOTTOM_CENTER));

        LogAxis time = ChartStyle.logAxis("time per training step (log scale)", TIME);
        // whole decades, with room for the labels: two or three labelled ticks are too few to read
        Range measured = DatasetUtils.findDomainBounds(data, true);
        time.setRange(Math.pow(10, Math.floor(Math.log10(measured.getLowerBound()) - 0.1)),
                Math.pow(10, Math.ceil(Math.log10(measured.getUpperBound()) + 0.1)));
        SymbolAxis backends = new SymbolAxis(null, rows.stream().map(Measurement::backend).toArray(String[]::new));
        backends.setInverted(true); // the table's order, top to bottom
        backends.setGridBandsVisible(false);
        backends.setRange(-0.6, rows.size() - 0.4);
        XYPlot plot = new XYPlot(data, time, backends, renderer);
        plot.setDomainMinorGridlinesVisible(true);
        plot.setRangeGridlinesVisible(false);

        String name = BENCHMARK + "-" + network;
        return new Chart(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".png",
                BENCHMARK + " on " + title + ", per backend",
                "Time per training step on " + title + ": the dot is the mean, the bar its 99.9% confidence"
                        + " interval; log scale, so equal distances are equal ratios.",
                ChartStyle.chart(BENCHMARK + " on " + title + ": time per step",
                        "dot = mean, bar = 99.9% confidence interval; further left is faster", plot, false));
    }
}
