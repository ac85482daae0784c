package dev.synapsebench.report.chart;

import dev.synapsebench.report.run.Result;
import dev.synapsebench.report.run.Work;

/** A row's time per operation and its confidence interval in seconds, as the charts plot them. */
final class Timing {

    private Timing() {
    }

    static double seconds(Result row) {
        return Work.seconds(row.score(), row.unit());
    }

    /** The error in seconds; 0 (no bar) where JMH has none (a single measured iteration). */
    static double error(Result row) {
        double error = Work.seconds(row.error(), row.unit());
        return Double.isFinite(error) ? error : 0;
    }

    /** The interval's lower end: cut at a tenth of the time where it reaches zero, which a log axis cannot show. */
    static double low(Result row) {
        return Math.max(seconds(row) - error(row), seconds(row) / 10);
    }

    static double high(Result row) {
        return seconds(row) + error(row);
    }
}
