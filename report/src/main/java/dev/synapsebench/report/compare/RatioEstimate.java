package dev.synapsebench.report.compare;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.inference.MannWhitneyUTest;

import java.util.Arrays;

/**
 * How much one row's samples moved between two runs: the Hodges-Lehmann estimate of the ratio new
 * / base (the median of all pairwise ratios of a new sample to a base sample), its distribution-free
 * confidence interval (Moses: order statistics of the same pairwise ratios, the interval that
 * inverts the Mann-Whitney test), and the Mann-Whitney U test's two-sided p-value. Ratios are taken
 * on the logarithm, so a ratio of 2 and one of 1/2 are the same distance from 1.
 *
 * <p>The samples are treated as independent, as JMH's own error does; they are not (iterations of
 * one fork, and forks of one run, share the machine's state). {@link RunToRunNoise} adds what this
 * misses.
 *
 * @param logRatio  log of the estimated ratio new / base
 * @param logLow    log of the interval's lower end
 * @param logHigh   log of the interval's upper end
 * @param pValue    the Mann-Whitney U test's two-sided p-value (exact for small samples without ties)
 * @param samples   the smaller side's sample count
 */
public record RatioEstimate(double logRatio, double logLow, double logHigh, double pValue, int samples) {

    /** Fewer samples than this on either side get a warning (Google benchmark's compare.py: 9 repetitions). */
    public static final int FEW_SAMPLES = 9;

    /**
     * @param confidence of the interval, e.g. 0.95
     * @throws IllegalArgumentException when a side is empty or holds a sample that is not a positive number
     */
    public static RatioEstimate of(double[] base, double[] candidate, double confidence) {
        check(base, "base");
        check(candidate, "new");
        int n = base.length;
        int m = candidate.length;
        double[] logRatios = new double[n * m];
        int i = 0;
        for (double b : base) {
            for (double c : candidate) {
                logRatios[i++] = Math.log(c) - Math.log(b);
            }
        }
        Arrays.sort(logRatios);
        int count = logRatios.length;
        double median = (logRatios[(count - 1) / 2] + logRatios[count / 2]) / 2;
        // Moses: the k-th smallest and largest pairwise differences, k from the U statistic's normal
        // approximation; at fewer than about 4 samples a side k is 0 and the interval is the whole range
        double z = NormalDistribution.of(0, 1).inverseCumulativeProbability(0.5 + confidence / 2);
        int k = (int) Math.floor(n * (double) m / 2 - z * Math.sqrt(n * (double) m * (n + m + 1) / 12.0));
        k = Math.max(0, Math.min(k, (count - 1) / 2));
        double p = n == 1 && m == 1 ? 1.0 : MannWhitneyUTest.withDefaults().test(base, candidate).getPValue();
        return new RatioEstimate(median, logRatios[k], logRatios[count - 1 - k], p, Math.min(n, m));
    }

    public double ratio() {
        return Math.exp(logRatio);
    }

    /** Half the interval's width in log terms (its two sides need not be equal; this is their mean). */
    public double logHalfWidth() {
        return (logHigh - logLow) / 2;
    }

    private static void check(double[] samples, String side) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("the " + side + " run has no samples for this row");
        }
        for (double s : samples) {
            if (!(s > 0) || Double.isInfinite(s)) {
                throw new IllegalArgumentException("the " + side + " run has a sample that is not a positive number: " + s);
            }
        }
    }
}
