package dev.synapsebench.model;

import java.util.Locale;

/**
 * How every table writes a run's numbers, in {@link Locale#ROOT} whatever the machine's locale: few
 * digits where a figure is small, and {@link #NONE} where a figure is not defined for a row or its
 * peer was not measured. The console summary, {@code report.md}, the README's tables and the results
 * index all write through it.
 */
public final class FigureFormat {

    /** A cell with no figure: not defined for the row, or not measured. */
    public static final String NONE = "–";

    private FigureFormat() {
    }

    /** GFLOP/s: {@code 41.3}, {@code 0.52}. */
    public static String gflops(double gflops) {
        if (!Double.isFinite(gflops)) {
            return NONE;
        }
        return String.format(Locale.ROOT, gflops >= 10 ? "%.1f" : "%.2g", gflops);
    }

    /** A fraction as a percentage: {@code 48%}, {@code 0.52%}. */
    public static String percent(double fraction) {
        if (!Double.isFinite(fraction)) {
            return NONE;
        }
        return String.format(Locale.ROOT, fraction >= 0.1 ? "%.0f%%" : "%.2g%%", 100 * fraction);
    }

    /** A speed ratio: {@code 4.56x}; two significant digits for the slow ones ({@code 0.0032x}, not 0.00x). */
    public static String ratio(double ratio) {
        if (!Double.isFinite(ratio)) {
            return NONE;
        }
        return String.format(Locale.ROOT, ratio >= 0.1 ? "%.2fx" : "%.2gx", ratio);
    }

    /** Bytes per operation: {@code 0.0}, {@code 7120.5}. */
    public static String bytes(double bytes) {
        return Double.isFinite(bytes) ? String.format(Locale.ROOT, "%.1f", bytes) : NONE;
    }

    /** A rate of operations per second: {@code 3.29e+07}, three digits rather than eight. */
    public static String rate(double perSecond) {
        return Double.isFinite(perSecond) ? String.format(Locale.ROOT, "%.3g", perSecond) : NONE;
    }

    /** A score or error in its own unit: {@code 80.774}, {@code 1349098.0}; {@code n/a} where JMH had none. */
    public static String number(double value) {
        if (!Double.isFinite(value)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, value >= 100 ? "%.1f" : "%.3f", value);
    }

    /**
     * A score and its error in the time unit that keeps the number short: {@code 80.774 ± 8.099 ns/op},
     * {@code 1.349 ± 0.047 ms/op} rather than {@code 1349098.0 ns/op}. Units other than {@code ns/op}
     * are kept as JMH wrote them.
     */
    public static String score(Measurement row) {
        double scale = 1;
        String unit = row.unit();
        if (unit.equals("ns/op") && row.score() >= 1e6) {
            scale = 1e-6;
            unit = "ms/op";
        } else if (unit.equals("ns/op") && row.score() >= 1e3) {
            scale = 1e-3;
            unit = "µs/op";
        }
        return number(row.score() * scale) + " ± " + number(row.error() * scale) + " " + unit;
    }

    /** What the parity check found: the largest relative difference from scalar and over how many steps. */
    public static String parity(Measurement.Parity parity) {
        if (parity == null) {
            return "not recorded";
        }
        String difference = parity.maxRelativeDifference() == 0 ? "0"
                : String.format(Locale.ROOT, "%.1e", parity.maxRelativeDifference());
        return difference + " over " + parity.steps() + (parity.steps() == 1 ? " step" : " steps");
    }
}
