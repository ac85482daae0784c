package dev.synapsebench.report.compare;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The verdict on one row, after criterion.rs: a change is called only when it is significant and
 * its whole confidence interval lies outside the noise band; "same" needs the whole interval
 * inside the band; anything else is inconclusive.
 *
 * <ul>
 *   <li>the interval is {@link RatioEstimate}'s (Hodges-Lehmann, Moses), widened on each side by the
 *       comparison's {@link RunToRunNoise}: sqrt(own^2 + (z * extra)^2) in log terms;</li>
 *   <li>significant: the Mann-Whitney p-value below {@link #alpha};</li>
 *   <li>the band: a slowdown factor within [1/(1 + threshold), 1 + threshold].</li>
 * </ul>
 *
 * @param threshold  the band's half-width as a fraction ({@link #DEFAULT_THRESHOLD})
 * @param confidence of the interval
 * @param alpha      significance level of the test
 */
public record VerdictRule(double threshold, double confidence, double alpha) {

    /**
     * 2%: the calibration on the committed runs (README, {@code CompareCalibrationTest}) holds from
     * 0 to 2% (three A/A pairs: at most 1 row in 10 called; a 30% slowdown called on every row), and
     * the smallest changes worth a verdict are of that size. Most of the protection against noise is
     * the interval's {@link RunToRunNoise}, not the band.
     */
    public static final double DEFAULT_THRESHOLD = 0.02;

    public static final VerdictRule DEFAULT = new VerdictRule(DEFAULT_THRESHOLD, 0.95, 0.05);

    public VerdictRule {
        if (!(threshold >= 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("the threshold must be a percentage of 0 or more, not " + threshold * 100);
        }
    }

    /** The interval's normal quantile (1.96 at 95%). */
    public double z() {
        return NormalDistribution.of(0, 1).inverseCumulativeProbability(0.5 + confidence / 2);
    }

    /**
     * @param higherIsBetter whether the score is a throughput (a larger ratio is faster)
     */
    public RowVerdict judge(RatioEstimate estimate, RunToRunNoise noise, boolean higherIsBetter) {
        double extra = z() * noise.logExtra();
        double low = estimate.logRatio() - Math.hypot(estimate.logRatio() - estimate.logLow(), extra);
        double high = estimate.logRatio() + Math.hypot(estimate.logHigh() - estimate.logRatio(), extra);
        // the slowdown's interval: the time ratio's, or the throughput ratio's turned over
        double slowLow = higherIsBetter ? -high : low;
        double slowHigh = higherIsBetter ? -low : high;
        double band = Math.log1p(threshold);
        boolean significant = estimate.pValue() < alpha;
        Verdict verdict;
        if (significant && slowLow > band) {
            verdict = Verdict.SLOWER;
        } else if (significant && slowHigh < -band) {
            verdict = Verdict.FASTER;
        } else if (slowLow >= -band && slowHigh <= band) {
            verdict = Verdict.SAME;
        } else {
            verdict = Verdict.INCONCLUSIVE;
        }
        // the smallest slowdown whose interval, as wide as this one, would clear the band
        double detectable = Math.exp(band + (higherIsBetter ? high - estimate.logRatio() : estimate.logRatio() - low)) - 1;
        return new RowVerdict(estimate.ratio(), Math.exp(low), Math.exp(high), estimate.pValue(), verdict, detectable);
    }

    /**
     * @param ratio      new score / base score (Hodges-Lehmann)
     * @param ratioLow   the widened interval's lower end
     * @param detectable the smallest slowdown (fraction) this row's interval would let the rule call
     */
    public record RowVerdict(double ratio, double ratioLow, double ratioHigh, double pValue, Verdict verdict,
                             double detectable) {
    }
}
