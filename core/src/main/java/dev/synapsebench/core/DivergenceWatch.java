package dev.synapsebench.core;

import java.util.List;

/**
 * Training watched for weights that leave the finite numbers (NaN or infinite: sums that overflow,
 * {@code inf - inf}), so that a run says where it went wrong instead of printing NaN. The weights are
 * checked every {@link #CHECK_EVERY} iterations (a check reads every weight back: cheap next to that
 * many steps); when a check fails, training restarts from the last good weights one iteration at a
 * time to find the first iteration and weight that went wrong. A NaN or infinite output always
 * shows in the weights within the same iteration (the update adds it in), so the weights are enough.
 */
public final class DivergenceWatch {

    /** Iterations between checks. */
    public static final int CHECK_EVERY = 1000;

    private DivergenceWatch() {
    }

    /**
     * Where training left the finite numbers.
     *
     * @param iteration the first iteration (from 1) after which a weight was NaN or infinite
     * @param weight    the first such weight
     */
    public record Diverged(long iteration, Network.NonFiniteWeight weight) {

        /** One sentence for the user, layers counted from 1 as the text output prints them. */
        public String sentence(long iterations) {
            return "training diverged " + where(iterations);
        }

        /** "at iteration I of N: weight (r,c) of layer L became V (why)", for sentences about several runs. */
        public String where(long iterations) {
            return "at iteration " + iteration + " of " + iterations + ": weight (" + weight.row() + "," + weight.col()
                    + ") of layer " + (weight.layer() + 1) + " became " + weight.value() + " (" + cause() + ")";
        }

        private String cause() {
            return Double.isNaN(weight.value())
                    ? "an overflow met an operation without a result, such as inf - inf or 0 x inf: scale the inputs down"
                    : "a sum overflowed: scale the inputs down";
        }
    }

    /**
     * Trains {@code iterations} steps and returns null, or stops at the first iteration after which a
     * weight is not finite and says which.
     */
    public static Diverged train(Network<?> network, long iterations) {
        long done = 0;
        while (done < iterations) {
            long chunk = Math.min(CHECK_EVERY, iterations - done);
            double[][] good = rowMajor(network.weights());
            network.train(chunk);
            if (network.firstNonFinite() == null) {
                done += chunk;
                continue;
            }
            network.loadWeights(good);
            for (long i = 1; i <= chunk; i++) {
                network.trainingStep();
                Network.NonFiniteWeight weight = network.firstNonFinite();
                if (weight != null) {
                    return new Diverged(done + i, weight);
                }
            }
            throw new IllegalStateException("a weight was non-finite after " + chunk
                    + " iterations but not when they were replayed one by one");
        }
        return null;
    }

    private static double[][] rowMajor(List<Matrix> weights) {
        double[][] out = new double[weights.size()][];
        for (int l = 0; l < out.length; l++) {
            out[l] = weights.get(l).values();
        }
        return out;
    }
}
