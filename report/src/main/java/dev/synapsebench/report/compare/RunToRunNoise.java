package dev.synapsebench.report.compare;

import java.util.Arrays;
import java.util.Collection;

/**
 * The noise between two runs that neither run shows on its own. Forks of one row run seconds apart
 * and share the machine's state of those seconds (other tenants, frequency, memory placement), so
 * two runs of the same code differ by more than their samples' spread suggests: 20-37% on some
 * rows of the committed runs, where each row's own interval is a few percent wide.
 *
 * <p>It is measured from the comparison itself, as an empirical null (Efron 2004): most rows of a
 * comparison did not change, so the spread of all rows' log ratios around their median, less the
 * spread their own intervals explain, is the noise that any single row's ratio carries. The spread
 * is the median absolute deviation (x 1.4826 to estimate a standard deviation), which rows that did
 * change cannot move as long as they are fewer than half. A change every row shares (a slower
 * machine) leaves the spread small and is called on every row.
 *
 * @param rows          rows it was estimated from
 * @param logSpread     the rows' robust standard deviation of log ratios
 * @param logWithin     what the rows' own intervals account for (their median half-width / z)
 * @param logExtra      the noise added to every row's interval: sqrt(spread^2 - within^2), at least 0
 */
public record RunToRunNoise(int rows, double logSpread, double logWithin, double logExtra) {

    /** Fewer rows than this cannot tell their spread from a few changed rows: no noise is added, with a warning. */
    public static final int MINIMUM_ROWS = 8;

    /** Median absolute deviation to standard deviation, for normal data. */
    private static final double MAD_TO_SD = 1.4826;

    static final RunToRunNoise NONE = new RunToRunNoise(0, 0, 0, 0);

    /** @param z the interval's normal quantile (1.96 for 95%) */
    static RunToRunNoise of(Collection<RatioEstimate> estimates, double z) {
        if (estimates.size() < MINIMUM_ROWS) {
            return new RunToRunNoise(estimates.size(), Double.NaN, Double.NaN, 0);
        }
        double[] logRatios = estimates.stream().mapToDouble(RatioEstimate::logRatio).toArray();
        double center = median(logRatios);
        double spread = MAD_TO_SD * median(Arrays.stream(logRatios).map(d -> Math.abs(d - center)).toArray());
        double within = median(estimates.stream().mapToDouble(RatioEstimate::logHalfWidth).toArray()) / z;
        double extra = Math.sqrt(Math.max(0, spread * spread - within * within));
        return new RunToRunNoise(estimates.size(), spread, within, extra);
    }

    /** Whether there were enough rows to measure it. */
    public boolean measured() {
        return rows >= MINIMUM_ROWS;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return (sorted[(n - 1) / 2] + sorted[n / 2]) / 2;
    }
}
