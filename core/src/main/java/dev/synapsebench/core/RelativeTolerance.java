package dev.synapsebench.core;

/**
 * How the project compares float64 results: relative to the larger magnitude, with the same
 * number as an absolute floor for values near 0 (numpy parity notes: "relative 1e-12, or absolute
 * 1e-12 for values near 0"). Used by the contract tests and by the benchmarks' parity check.
 */
public final class RelativeTolerance {

    private RelativeTolerance() {
    }

    /**
     * True when the two values have identical bits, or (for {@code relative > 0}) differ by at most
     * {@code relative * max(|expected|, |actual|)} or by at most {@code relative} absolutely.
     * NaN is close only to the same NaN bits; {@code relative == 0} demands identical bits.
     */
    public static boolean close(double expected, double actual, double relative) {
        if (Double.doubleToLongBits(expected) == Double.doubleToLongBits(actual)) {
            return true;
        }
        if (relative == 0 || Double.isNaN(expected) || Double.isNaN(actual)) {
            return false;
        }
        double diff = Math.abs(expected - actual);
        return diff <= relative * Math.max(Math.abs(expected), Math.abs(actual)) || diff <= relative;
    }

    /** {@code |expected - actual| / max(|expected|, |actual|)}: 0 for identical bits, infinity when undefined (NaN). */
    public static double relativeDifference(double expected, double actual) {
        if (Double.doubleToLongBits(expected) == Double.doubleToLongBits(actual)) {
            return 0;
        }
        double relative = Math.abs(expected - actual) / Math.max(Math.abs(expected), Math.abs(actual));
        return Double.isNaN(relative) ? Double.POSITIVE_INFINITY : relative;
    }
}
