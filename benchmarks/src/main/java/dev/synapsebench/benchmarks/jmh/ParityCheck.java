package dev.synapsebench.benchmarks.jmh;

import dev.synapsebench.core.DType;
import dev.synapsebench.core.DivergenceWatch;
import dev.synapsebench.core.Matrix;
import dev.synapsebench.core.Network;
import dev.synapsebench.core.Workload;
import dev.synapsebench.core.Workloads;
import dev.synapsebench.core.RelativeTolerance;

import java.util.List;

/**
 * Before anything is timed, the backend under test must compute what the scalar reference
 * computes: the same initial weights bit for bit, and after {@link #STEPS} training steps the same
 * weights and output within {@link #TOLERANCE}.
 *
 * <p>The backend runs through the {@link Network} the benchmark measures. The scalar reference
 * runs in {@link IsolatedScalarReference}, its own class loader, so that {@link Network}'s calls
 * into the kernel interface never see a second kernel class in this JVM (JMH sample 12: a call
 * site that has seen two receivers is compiled differently, which would tax every backend but
 * scalar).
 */
public final class ParityCheck {

    /** Training steps compared: enough to exercise every operation many times, cheap even on the slowest backend. */
    static final int STEPS = 1000;

    /**
     * At most this many floating-point operations of training per side (about 0.5 s of the slowest
     * backend at size): enough for {@link #SYNTHETIC_STEPS} on every sweep network (128-512-1x512:
     * 1.4e8 a step), fewer steps beyond, at least one.
     */
    static final double FLOP_BUDGET = 7.5e8;

    /**
     * Steps compared on a synthetic network, at most; the benchmark measures it from the weights
     * the check ends with ({@link Finding#referenceWeights()}). Without a learning rate a step sums hundreds of examples into
     * each update, which amplifies the backends' differences of summation order and FMA rounding
     * from step to step, not monotonically (simd against scalar on 8-16-1x16: 2e-15 after one
     * step, 6e-14 after 5, up to 1.6e-8 relative on single weights near zero after 50); after 5
     * steps every backend is within 3e-11 on every sweep network, well inside {@link #TOLERANCE},
     * and a real error shows in the first step.
     */
    static final int SYNTHETIC_STEPS = 5;

    /**
     * The loosest tolerance the project allows any backend (relative, absolute near zero). Backends
     * state tighter ones in their contract tests; a real bug is off by far more than this.
     */
    public static final double TOLERANCE = 1e-9;

    /**
     * float32 against scalar's float32 twin: float32 sums of up to 784 terms carry up to 784 x 2^-24
     * = 4.7e-5 of their terms' magnitudes, in another order on every backend, and the steps compound
     * it; the backends' contracts hold them to numpy float32 within 1e-5 on the tutorials.
     */
    public static final double FLOAT32_TOLERANCE = 1e-4;

    private ParityCheck() {
    }

    /**
     * What the check found; {@link #toString()} is the line printed in the fork's output.
     *
     * @param referenceWeights the scalar reference's weights after {@code steps} steps
     */
    record Finding(String backend, String network, DType dtype, int steps, double maxRelativeDifference,
                  double tolerance, List<Matrix> referenceWeights, String checked) {

        /** A single network's check. */
        Finding(String backend, String network, DType dtype, int steps, double maxRelativeDifference, double tolerance,
               List<Matrix> referenceWeights) {
            this(backend, network, dtype, steps, maxRelativeDifference, tolerance, referenceWeights, "");
        }

        @Override
        public String toString() {
            return String.format("%s%s matches scalar on %s in %s after %d training steps (max relative difference "
                    + "%.2g, allowed %.0g)", backend, checked, network, dtype.id(), steps, maxRelativeDifference,
                    tolerance);
        }
    }

    /** The tolerance for a dtype. */
    static double tolerance(DType dtype) {
        return dtype == DType.FLOAT32 ? FLOAT32_TOLERANCE : TOLERANCE;
    }

    /**
     * @throws IllegalStateException with the first element that differs, when the backend does not match
     */
    static Finding againstScalar(NetworkFactory<?> factory) {
        Workload workload = factory.workload();
        int steps = steps(workload);
        String backend = factory.backend();
        String network = workload.topology().toString();
        DType dtype = factory.dtype();
        double tolerance = tolerance(dtype);

        Network<?> candidate = factory.fresh();
        List<Matrix> initial = candidate.weights();
        // watched: a backend whose numbers leave the finite ones is named as diverging, at its iteration
        DivergenceWatch.Diverged diverged = DivergenceWatch.train(candidate, steps);
        IsolatedScalarReference.Trained reference = IsolatedScalarReference.train(workload, steps, dtype);

        String where = backend + " differs from scalar on " + network + " (" + workload.name() + ", " + dtype.id() + ")";
        compare(reference.initialWeights(), initial, 0, where + " in the initial weights");
        if (diverged != null) {
            throw new IllegalStateException(divergence(backend + " on " + network + " (" + workload.name() + ", "
                    + dtype.id() + ")", "diverged " + diverged.where(steps), reference.weights()));
        }
        double worst = compare(reference.weights(), candidate.weights(), tolerance,
                where + " after " + steps + " training steps");
        worst = Math.max(worst, compare(List.of(reference.lastOutput()), List.of(candidate.lastOutput()), tolerance,
                where + " in the output of training step " + steps));
        return new Finding(backend, network, dtype, steps, worst, tolerance, reference.weights());
    }

    /**
     * The batched path: the batch trained for {@link #steps} steps from the starting weights, then its
     * first, middle and last members each against the scalar reference from the same seed (initial
     * weights bit for bit, weights after the steps within the tolerance; a batch keeps no output). The
     * batch is left trained: the benchmark reloads its starting weights before every iteration.
     *
     * @throws IllegalStateException with the first element that differs, when a member does not match
     */
    static Finding batchAgainstScalar(ManyNetworks many) {
        NetworkFactory<?> factory = many.factory();
        Workload workload = factory.workload();
        int steps = batchSteps(workload, many.size());
        DType dtype = factory.dtype();
        double tolerance = tolerance(dtype);
        List<Integer> members = java.util.stream.Stream.of(0, many.size() / 2, many.size() - 1).distinct().toList();
        many.reset();
        List<List<Matrix>> initial = members.stream().map(many::weights).toList();
        many.train(steps);

        double worst = 0;
        List<Matrix> firstReference = null;
        for (int i = 0; i < members.size(); i++) {
            int k = members.get(i);
            IsolatedScalarReference.Trained reference = IsolatedScalarReference.train(workload, ManyNetworks.seed(k),
                    steps, dtype);
            String where = factory.backend() + "'s network " + k + " of a batch of " + many.size() + " on "
                    + many.threads() + " threads differs from scalar on " + workload.topology() + " from seed "
                    + ManyNetworks.seed(k) + " (" + workload.name() + ", " + dtype.id() + ")";
            compare(reference.initialWeights(), initial.get(i), 0, where + " in the initial weights");
            List<Matrix> trained = many.weights(k);
            if (trained.stream().anyMatch(m -> !m.isFinite())) {
                throw new IllegalStateException(divergence(factory.backend() + "'s network " + k + " of a batch of "
                        + many.size() + " on " + many.threads() + " threads on " + workload.topology() + " from seed "
                        + ManyNetworks.seed(k) + " (" + workload.name() + ", " + dtype.id() + ")",
                        "diverged within " + steps + " training steps (a weight is NaN or infinite)", reference.weights()));
            }
            worst = Math.max(worst, compare(reference.weights(), trained, tolerance,
                    where + " after " + steps + " training steps"));
            firstReference = firstReference == null ? reference.weights() : firstReference;
        }
        String checked = ", networks " + members.stream().map(String::valueOf).collect(
                java.util.stream.Collectors.joining(", ")) + " of a batch of " + many.size() + " on " + many.threads()
                + (many.threads() == 1 ? " thread," : " threads,");
        return new Finding(factory.backend(), workload.topology().toString(), dtype, steps, worst, tolerance,
                firstReference, checked);
    }

    /**
     * A batch's parity steps: {@link #steps} for its shape, but at most {@link
     * #BATCH_NETWORK_STEPS} network-steps in all (at least one step), so that the check costs no more
     * than a measured invocation on every backend (ND4J's 13 µs a step times 1000 steps times 1024
     * networks would be 13 s a fork). The contract tests train batches for the full programs.
     */
    static int batchSteps(Workload workload, int networks) {
        return Math.max(1, Math.min(steps(workload), BATCH_NETWORK_STEPS / networks));
    }

    /** See {@link #batchSteps}: one invocation's work ({@code ManyNetworksBenchmark.NETWORK_STEPS}). */
    static final int BATCH_NETWORK_STEPS = ManyNetworksBenchmark.NETWORK_STEPS;

    /**
     * {@link #STEPS} on a tutorial network, {@link #SYNTHETIC_STEPS} on a synthetic one, fewer where
     * the steps would cost more than {@link #FLOP_BUDGET}; at least one.
     */
    static int steps(Workload workload) {
        double flopsPerStep = 2.0 * (workload.topology().forwardMultiplyAdds(workload.trainingSet().examples())
                + workload.topology().backwardMultiplyAdds(workload.trainingSet().examples()));
        int most = Workloads.isTutorial(workload) ? STEPS : SYNTHETIC_STEPS;
        int affordable = (int) Math.max(1, Math.min(most, FLOP_BUDGET / flopsPerStep));
        return Math.max(1, Math.min(affordable, workload.iterations()));
    }

    /**
     * The sentence for a backend whose training left the finite numbers: divergence, not a mismatch
     * of digits; and whether scalar stayed finite on the same work (then the backend is at fault).
     */
    private static String divergence(String what, String how, List<Matrix> reference) {
        boolean scalarFinite = reference.stream().allMatch(Matrix::isFinite);
        return what + " " + how + (scalarFinite ? ", where scalar stays finite" : ", as scalar does")
                + "; refusing to time a backend whose training diverges";
    }

    /**
     * Element-wise comparison; returns the largest relative difference seen.
     *
     * @param tolerance relative tolerance, absolute for values near 0; 0 demands identical bits
     * @throws IllegalStateException naming the first element outside the tolerance
     */
    static double compare(List<Matrix> expected, List<Matrix> actual, double tolerance, String what) {
        RelativeTolerance.Comparison found;
        try {
            found = RelativeTolerance.compare(expected, actual, tolerance);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(what + ": " + e.getMessage());
        }
        if (found.firstMismatch() != null) {
            throw new IllegalStateException(what + ": " + found.firstMismatch()
                    + "; refusing to time a backend that computes something else");
        }
        return found.maxRelativeDifference();
    }
}
