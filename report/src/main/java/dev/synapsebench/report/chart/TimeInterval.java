package dev.synapsebench.report.chart;

import dev.synapsebench.model.Measurement;
import dev.synapsebench.model.Work;

/** A row's time per operation and its confidence interval in seconds, as the charts plot them. */
final class TimeInterval {

    private TimeInterval() {
    }

    static double seconds(Measurement row) {
        return Work.seconds(row.score(), row.unit());
    }

    /** The error in seconds; 0 (no bar) where JMH has none (a single measured iteration). */
    static double error(Measurement row) {
        double error = Work.seconds(row.error(), row.unit());
        return Double.isFinite(error) ? error : 0;
    }

    /** The interval's lower end: cut at a tenth of the time where it reaches zero, which a log axis cannot show. */
    static double low(Measurement row) {
        return Math.max(seconds(row) - error(row), seconds(row) / 10);
    }

    static double high(Measurement row) {
        return seconds(row) + error(row);
    }
}
