package dev.synapsebench.report.chart;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * One chart of a run's report.
 *
 * @param fileName the PNG's name, beside {@code report.md}
 * @param title    what the page calls it (the image's alternative text)
 * @param caption  one sentence under it on the page: how to read it
 */
public record Chart(String fileName, String title, String caption, JFreeChart chart) {

    /** Fixed size, so charts line up on the page and compare across runs. */
    public static final int WIDTH = ChartStyle.WIDTH;
    public static final int HEIGHT = ChartStyle.HEIGHT;

    /** The chart drawn as a PNG of {@link #WIDTH} x {@link #HEIGHT}. */
    public byte[] png() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ChartUtils.writeChartAsPNG(bytes, chart, WIDTH, HEIGHT);
        return bytes.toByteArray();
    }
}
