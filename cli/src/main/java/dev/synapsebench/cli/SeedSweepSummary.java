package dev.synapsebench.cli;

import dev.synapsebench.cli.SeedSweep.Outcome;
import dev.synapsebench.cli.SeedSweep.Member;
import org.apache.commons.statistics.descriptive.Quantile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The statistics of a seed sweep, computed from its runs alone (so a merge recomputes the same):
 * how many converged, the distribution of the final error and of each prediction output, and the
 * best and worst seeds.
 */
record SeedSweepSummary(int networks, int converged, Distribution finalError, List<Distribution> prediction,
                        List<Member> best, List<Member> worst) {

    /** Seeds listed as best and as worst. */
    static final int EXTREMES = 5;

    /** Quartiles and p95 as numpy.percentile computes them by default (linear, Hyndman-Fan 7). */
    private static final Quantile QUANTILE = Quantile.withDefaults().with(Quantile.EstimationMethod.HF7);

    /** min, quartiles, p95, max and mean of some values. */
    record Distribution(double min, double p25, double median, double p75, double p95, double max, double mean) {

        static Distribution of(double[] values) {
            double[] q = QUANTILE.evaluate(values.clone(), 0, 0.25, 0.5, 0.75, 0.95, 1);
            double sum = 0;
            for (double v : values) { // in seed order: the same bits for any split
                sum += v;
            }
            return new Distribution(q[0], q[1], q[2], q[3], q[4], q[5], sum / values.length);
        }
    }

    static SeedSweepSummary of(Outcome result) {
        List<Member> runs = result.runs();
        int converged = (int) runs.stream().filter(r -> result.config().converged(r.finalError())).count();
        Distribution error = Distribution.of(runs.stream().mapToDouble(Member::finalError).toArray());
        List<Distribution> prediction = null;
        if (result.config().predict() != null) {
            prediction = new ArrayList<>();
            for (int j = 0; j < result.config().network().outputs(); j++) {
                int output = j;
                prediction.add(Distribution.of(runs.stream().mapToDouble(r -> r.prediction().values()[output]).toArray()));
            }
        }
        Comparator<Member> byError = Comparator.comparingDouble(Member::finalError).thenComparingLong(Member::seed);
        List<Member> best = runs.stream().sorted(byError).limit(EXTREMES).toList();
        List<Member> worst = runs.stream()
                .sorted(Comparator.comparingDouble(Member::finalError).reversed().thenComparingLong(Member::seed))
                .limit(EXTREMES).toList();
        return new SeedSweepSummary(runs.size(), converged, error, prediction, best, worst);
    }

    double convergedPercent() {
        return 100.0 * converged / networks;
    }
}
