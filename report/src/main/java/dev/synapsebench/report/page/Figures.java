package dev.synapsebench.report.page;

import dev.synapsebench.model.Measurement;

import java.util.Locale;

/**
 * How the page writes numbers, as the console summary does: few digits where a figure is small
 * (scores: {@link dev.synapsebench.model.ScoreText}), and a dash where a figure is not defined.
 */
final class Figures {

    /** A cell with no figure: not defined for the row, or not measured. */
    static final String NONE = "–";

    private Figures() {
    }

    static String gflops(double gflops) {
        if (!Double.isFinite(gflops)) {
            return NONE;
        }
        return String.format(Locale.ROOT, gflops >= 10 ? "%.1f" : "%.2g", gflops);
    }

    static String percent(double fraction) {
        if (!Double.isFinite(fraction)) {
            return NONE;
        }
        return String.format(Locale.ROOT, fraction >= 0.1 ? "%.0f%%" : "%.2g%%", 100 * fraction);
    }

    /** A speed ratio: {@code 4.56x}; two significant digits for the slow ones ({@code 0.0032x}, not 0.00x). */
    static String ratio(double ratio) {
        if (!Double.isFinite(ratio)) {
            return NONE;
        }
        return String.format(Locale.ROOT, ratio >= 0.1 ? "%.2fx" : "%.2gx", ratio);
    }

    static String bytes(double bytes) {
        return Double.isFinite(bytes) ? String.format(Locale.ROOT, "%.1f", bytes) : NONE;
    }

    /** What the parity check found: the largest relative difference from scalar and over how many steps. */
    static String parity(Measurement.Parity parity) {
        if (parity == null) {
            return "not recorded";
        }
        String difference = parity.maxRelativeDifference() == 0 ? "0"
                : String.format(Locale.ROOT, "%.1e", parity.maxRelativeDifference());
        return difference + " over " + parity.steps() + (parity.steps() == 1 ? " step" : " steps");
    }
}
