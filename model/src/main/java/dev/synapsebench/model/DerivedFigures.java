package dev.synapsebench.model;

import dev.synapsebench.core.Kernels;

import java.util.Optional;

/**
 * Every figure a run derives from its rows, computed here and nowhere else: the console summary,
 * {@code summary.json}, {@code report.md}, its charts, the README's headline tables and the results
 * index all read them from this class.
 *
 * <p>A speed ratio ("vs X") is how many times faster the row is than X: X's time over the row's, or
 * the row's rate over X's where the unit is a rate ({@link Measurement#higherIsBetter()}); above 1
 * the row is faster. Where the figure is not defined for a row, or its peer was not measured, it is
 * NaN.
 */
public final class DerivedFigures {

    private final MeasuredRun run;

    private DerivedFigures(MeasuredRun run) {
        this.run = run;
    }

    public static DerivedFigures of(MeasuredRun run) {
        return new DerivedFigures(run);
    }

    /** Work rate: GFLOP/s of the row's matrix products ({@link Work}). */
    public double gflops(Measurement row) {
        return Work.gflops(Work.flops(row.benchmark(), row.network()), row.score(), row.unit());
    }

    /** The work rate's share of the measured peak of one core, in the row's arithmetic (FP32 for float32). */
    public double fractionOfPeak(Measurement row) {
        return gflops(row) / run.peakGflops(row);
    }

    /** Against the reference backend (scalar), same benchmark, network, parameters and unit. */
    public double vsScalar(Measurement row) {
        return against(row, run.peer(row, Kernels.REFERENCE));
    }

    /** Against numpy on one BLAS thread; numpy was timed in float64, so float32 rows have none. */
    public double vsNumpy(Measurement row) {
        return against(row, run.peer(row, BenchmarkSchema.NUMPY_ONE_THREAD));
    }

    /** Against numpy on every core; float64 rows only, as {@link #vsNumpy}. */
    public double vsNumpyAllCores(Measurement row) {
        return against(row, run.peer(row, BenchmarkSchema.NUMPY_ALL_THREADS));
    }

    /** A float32 row against its float64 twin (same benchmark, backend, network and parameters). */
    public double vsFloat64(Measurement row) {
        return against(row, run.float64Twin(row));
    }

    /** A {@code trainMany} row against its backend's {@code trainingStep} on the network, in the same arithmetic. */
    public double vsTrainingStep(Measurement row) {
        return against(row, run.trainingStepTwin(row));
    }

    /** A {@code trainMany} row on more than one thread against the same batch on one: its speed-up. */
    public double vsOneThread(Measurement row) {
        return against(row, run.oneThreadTwin(row));
    }

    /** Operations per second of a row timed per operation ({@code trainMany}: network-steps per second). */
    public double perSecond(Measurement row) {
        return 1 / Work.seconds(row.score(), row.unit());
    }

    /** How many times faster {@code row} is than {@code baseline}; NaN without one. */
    private static double against(Measurement row, Optional<Measurement> baseline) {
        return baseline.map(b -> speedup(row, b)).orElse(Double.NaN);
    }

    /** The one division of two scores. */
    private static double speedup(Measurement row, Measurement baseline) {
        return row.higherIsBetter() ? row.score() / baseline.score() : baseline.score() / row.score();
    }
}
