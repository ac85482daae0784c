package dev.synapsebench.report;

import dev.synapsebench.model.RunFiles;
import dev.synapsebench.report.chart.Chart;
import dev.synapsebench.report.chart.RunCharts;
import dev.synapsebench.report.page.ReportPage;
import dev.synapsebench.model.MeasuredRun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a run's {@code report.md} and its charts (PNG) into a folder, usually the run's own. Only
 * those files are written, each atomically; the run's data files are never touched.
 */
public final class Report {

    /** The page's file name. */

    static {
        // before any AWT class loads: charts are drawn on machines without a display
        System.setProperty("java.awt.headless", "true");
    }

    private Report() {
    }

    /**
     * @return the files written: the charts, then {@link RunFiles#REPORT_MD} (written last, so the page never links
     *         to a chart that is not there yet)
     * @throws UncheckedIOException when the folder cannot be written
     */
    public static List<Path> write(MeasuredRun run, Path outputFolder) {
        List<Chart> charts = RunCharts.of(run);
        List<Path> written = new ArrayList<>();
        for (Chart chart : charts) {
            Path file = outputFolder.resolve(chart.fileName());
            try {
                AtomicFile.write(file, chart.png());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot draw " + file, e);
            }
            written.add(file);
        }
        Path page = outputFolder.resolve(RunFiles.REPORT_MD);
        AtomicFile.write(page, ReportPage.markdown(run, charts).getBytes(StandardCharsets.UTF_8));
        written.add(page);
        return written;
    }
}
