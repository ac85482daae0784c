package dev.synapsebench.core;

import java.util.List;

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

    /**
     * The difference {@link #close} holds against the tolerance: {@code |expected - actual| /
     * max(|expected|, |actual|, 1)}, relative for magnitudes above 1 and absolute below (the floor).
     * So {@code close(e, a, t)} exactly when it is at most {@code t}, and a value near 0 that is
     * within the floor does not read as a large relative error. 0 for identical bits, infinity when
     * undefined (NaN).
     */
    public static double relativeDifference(double expected, double actual) {
        if (Double.doubleToLongBits(expected) == Double.doubleToLongBits(actual)) {
            return 0;
        }
        double relative = Math.abs(expected - actual) / Math.max(1, Math.max(Math.abs(expected), Math.abs(actual)));
        return Double.isNaN(relative) ? Double.POSITIVE_INFINITY : relative;
    }

    /**
     * What {@link #compare} found: the largest {@link #relativeDifference} over all elements, and the first
     * element outside the tolerance ({@code "matrix M element (R,C) is A, expected E (relative
     * difference D, allowed T)"}), or null when every element is close.
     */
    public record Comparison(double maxRelativeDifference, String firstMismatch) {
    }

    /**
     * Element-wise comparison of equally shaped matrices, as every parity check makes it.
     *
     * @throws IllegalArgumentException when the lists or the matrices differ in shape
     */
    public static Comparison compare(List<Matrix> expected, List<Matrix> actual, double relative) {
        if (expected.size() != actual.size()) {
            throw new IllegalArgumentException(actual.size() + " matrices instead of " + expected.size());
        }
        double worst = 0;
        String first = null;
        for (int m = 0; m < expected.size(); m++) {
            Matrix e = expected.get(m);
            Matrix a = actual.get(m);
            if (e.rows() != a.rows() || e.cols() != a.cols()) {
                throw new IllegalArgumentException("matrix " + m + " is " + a.rows() + "x" + a.cols() + " instead of "
                        + e.rows() + "x" + e.cols());
            }
            double[] ev = e.values();
            double[] av = a.values();
            for (int i = 0; i < ev.length; i++) {
                double difference = relativeDifference(ev[i], av[i]);
                worst = Math.max(worst, difference);
                if (first == null && !close(ev[i], av[i], relative)) {
                    first = String.format(java.util.Locale.ROOT,
                            "matrix %d element (%d,%d) is %s, expected %s (relative difference %.3g, allowed %.3g)",
                            m, i / e.cols(), i % e.cols(), av[i], ev[i], difference, relative);
                }
            }
        }
        return new Comparison(worst, first);
    }
}
