package dev.synapsebench.benchmarks.jmh;

import dev.synapsebench.core.Kernels;
import dev.synapsebench.core.NetworkBatch;
import dev.synapsebench.core.Workloads;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * How fast each backend trains many independent networks of a tutorial's shape at once, through
 * the SPI's batched path ({@code MatrixKernel.batch}, spread over threads by {@code ThreadedBatch}):
 * the score is nanoseconds per network-step, directly comparable with
 * {@code NetworkBenchmark.trainingStep}'s nanoseconds per step.
 *
 * <p>Every invocation does the same work whatever the batch: {@link #NETWORK_STEPS} network-steps,
 * {@code NETWORK_STEPS / batch} training steps of each of the {@code batch} members, declared with
 * {@code @OperationsPerInvocation}. The annotations are the default profile's many-networks timing;
 * the launcher swaps in the others and supplies the parameters ({@code threads} as a number: the
 * fork machine's processors for "all").
 *
 * <h2>Why the numbers can be trusted</h2>
 * As {@link NetworkBenchmark} (JMH samples 08, 10, 11, 12, 34, 38), with these differences:
 * <ul>
 *   <li><b>Consumption.</b> The method returns the batch, whose members' buffers the work was stored in.</li>
 *   <li><b>Loops.</b> The only loop is the batch's own: every step of a member reads the weights the
 *   previous one wrote, and the step count is a state field, not a constant.</li>
 *   <li><b>Same work for every backend</b>: the members, their seeds, the training set and the steps
 *   per invocation depend on the parameters only. Every iteration starts from the starting weights
 *   ({@link Iteration#reset}) and keeps training from there, the policy of {@code trainingStep} on
 *   the tutorials' networks (the workloads trainMany accepts).</li>
 *   <li><b>Parity before timing.</b> {@link Members#prepare} trains the very batch that is measured
 *   for the parity steps and checks its first, middle and last members against the scalar reference
 *   ({@link ParityCheck#batchAgainstScalar}); nothing is timed before it passes.</li>
 *   <li><b>Allocation.</b> {@code alloc.thread.norm} brackets the benchmark thread only. With one
 *   thread that thread does all the work; with more it hands the slices to the batch's threads and
 *   waits, so their allocation shows only in {@code gc.alloc.rate.norm} (the whole fork's).</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Fork(2)
public class ManyNetworksBenchmark {

    /** Network-steps per invocation: the batch sizes measured divide it (1, 8, 64, 1024, ...). */
    public static final int NETWORK_STEPS = 16384;

    /**
     * {@code NETWORK_STEPS / batch} training steps of every member of the batch. Takes only the
     * iteration's state, which holds the trial's: JMH 1.37 gives a {@code Scope.Thread} state that is
     * both a method argument and another state's dependency two instances (two batches, and the
     * iteration's reset would load the one not measured).
     */
    @Benchmark
    @OperationsPerInvocation(NETWORK_STEPS)
    public NetworkBatch trainMany(Iteration iteration) {
        iteration.members.many.train(iteration.members.stepsPerInvocation);
        return iteration.members.many.batch();
    }

    /** The batch under test, built and checked against scalar once per fork. */
    @State(Scope.Thread)
    public static class Members {

        /** An installed backend's name; JMH requires a default: the reference. */
        @Param(Kernels.REFERENCE)
        public String backend;

        /** A tutorial workload's benchmark name ({@code 3-1}, {@code 3-4-1}). */
        @Param("3-4-1")
        public String network;

        /** The arithmetic ({@code DType.id()}), as in {@link NetworkBenchmark.Case#dtype}. */
        @Param("float64")
        public String dtype;

        /** Networks K in the batch; must divide {@link #NETWORK_STEPS}. */
        @Param("64")
        public int batch;

        /** Threads T the members are spread over (the launcher resolves "all" to a number). */
        @Param("1")
        public int threads;

        ManyNetworks many;

        /** {@code NETWORK_STEPS / batch} (a field, so it is not a constant). */
        long stepsPerInvocation;

        @Setup(Level.Trial)
        public void prepare() {
            if (batch < 1 || NETWORK_STEPS % batch != 0) {
                throw new IllegalStateException("batch=" + batch + " does not divide the " + NETWORK_STEPS
                        + " network-steps of an invocation; use 1, 8, 64, 1024, ...");
            }
            if (threads < 1) {
                throw new IllegalStateException("threads=" + threads + ": use 1 or more");
            }
            NetworkBenchmark.Case.claimThisJvm(backend + " on " + network + " in " + dtype + ", batch of " + batch
                    + " on " + threads + " threads");
            NetworkFactory<?> factory = NetworkFactory.of(backend, network, dtype);
            if (!Workloads.isTutorial(factory.workload())) {
                // the synthetic networks' starting weights are the parity check's end (see NetworkBenchmark.Case)
                throw new IllegalStateException("trainMany measures the tutorials' networks, not " + network);
            }
            stepsPerInvocation = NETWORK_STEPS / batch;
            many = new ManyNetworks(factory, batch, threads);
            ParityCheck.Finding parity = ParityCheck.batchAgainstScalar(many);
            System.out.println("# Parity: " + parity);
            ParityProfiler.record(parity);
        }

        @TearDown(Level.Trial)
        public void close() {
            many.close();
        }
    }

    /** Every member back at its starting weights before every iteration, the iteration's allocation bracketed. */
    @State(Scope.Thread)
    public static class Iteration {

        Members members;

        /** Reloads in place (nothing new per iteration), then opens the bracket as the last statement. */
        @Setup(Level.Iteration)
        public void reset(Members members) {
            this.members = members;
            members.many.reset();
            AllocationBracket.open(); // last: nothing of the setup inside
        }

        /** Proves the weights stayed finite. */
        @TearDown(Level.Iteration)
        public void checkFinite() {
            AllocationBracket.close(); // first: nothing of the teardown inside
            String problem = members.many.firstNonFiniteWeight();
            if (problem != null) {
                throw new IllegalStateException("a weight became non-finite for " + members.backend + " on "
                        + members.network + " (" + problem + "); the state policy must keep them finite");
            }
        }
    }
}
