package dev.synapsebench.benchmarks.jmh;

import dev.synapsebench.core.Kernels;
import dev.synapsebench.core.Network;
import dev.synapsebench.core.Workload;
import dev.synapsebench.core.Workloads;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * How fast each backend trains the tutorials' networks: one forward pass, one backward pass with
 * weight update, one full training step, and a whole tutorial program.
 *
 * <p>The annotations are the default profile ({@code mvn -pl benchmarks verify}). The launcher
 * ({@code dev.synapsebench.benchmarks.launcher.Main}, the jar's main class) swaps in the quick or
 * full profile, adds the JVM options the installed backends declare to every fork, and supplies
 * the parameters: {@code backend} takes the installed backends' names and {@code network} the
 * benchmark names of the workload registry ({@code dev.synapsebench.core.Workloads}); neither
 * list is written here. Started without the launcher, the parameters default to the reference on
 * xor-3layer ({@code -p} picks others) and the forks need the backends' options in
 * {@code -jvmArgsAppend}.
 *
 * <h2>Why the numbers can be trusted (JMH samples 08, 10, 11, 12, 34, 38)</h2>
 * <ul>
 *   <li><b>Dead code (08) and consumption.</b> {@link Network}'s methods return nothing: their result
 *   is what they store into the kernel's own buffers (heap arrays, EJML matrices, ND4J native
 *   memory), which stay reachable from the {@code @State} objects. Stores into objects that escape
 *   to the harness are side effects the JIT must keep; each method also returns the network so
 *   JMH's blackhole sees the state the work went into (for {@code train}, the network it built). We do not read a number back to return it:
 *   reading a value out of the kernel (an array load for scalar, a JNI/DataBuffer read for ND4J)
 *   would add a different cost to each backend's measured path.</li>
 *   <li><b>Constant folding (10).</b> Inputs, targets and weights live in the kernel's buffers,
 *   never in constants; the iteration count of {@link #train} is a non-final state field.</li>
 *   <li><b>Loops (11, 34).</b> No loop is written around a measured operation; the only loop is
 *   {@link Network#train}'s own, and that loop is the program {@code train} measures: every
 *   iteration updates the weights the next one reads, so it cannot be merged or collapsed.</li>
 *   <li><b>Forking (12).</b> JMH runs every (benchmark, backend, network) in its own forks, so
 *   {@link Network}'s calls into the {@code MatrixKernel} interface only ever see one backend.
 *   Two guards keep it that way: {@link Case#claimThisJvm} fails the run if a second
 *   backend or network shows up in the same JVM (e.g. with {@code -f 0}), and the parity check
 *   computes its scalar reference in an isolated class loader (see {@link ParityCheck}).</li>
 *   <li><b>State that changes as it trains, per-invocation setup (38).</b> Policy, identical for
 *   every backend: {@code forward}, {@code weightUpdate} and {@code trainingStep} start every
 *   measurement iteration from the workload's numpy initial weights ({@link Steps}) and then keep
 *   training (or, for {@code weightUpdate}, updating) from there; {@code train} builds a fresh
 *   network from those weights inside every call, as sample 38 advises, instead of a
 *   {@code Level.Invocation} setup.</li>
 *   <li><b>Parity before timing.</b> {@link Case#prepare} trains each backend against the
 *   scalar reference and fails the run loudly on a mismatch; nothing is timed before it passes.</li>
 *   <li><b>Allocation of the benchmark thread only.</b> Every benchmark's iteration-level state
 *   ({@link Steps}, or {@link Bracket} for {@code train}) opens an {@link AllocationBracket} as its
 *   setup's last statement and closes it as its teardown's first, so
 *   {@link ThreadAllocationProfiler} reports what the iteration's calls allocated, without JMH's
 *   own objects that {@code gc.alloc.rate.norm} also counts.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 4, time = 250, timeUnit = TimeUnit.MILLISECONDS)
@Fork(2)
public class NetworkBenchmark {

    /** All layers' {@code sigmoid(X·W)} for the training set: the hot dot-product path. */
    @Benchmark
    public Network<?> forward(Steps steps) {
        steps.network.forward();
        return steps.network;
    }

    /**
     * The backward pass and {@code W += aT·delta} for every layer, from the activations of the
     * forward pass made when the iteration started (its cost does not depend on the values).
     */
    @Benchmark
    public Network<?> weightUpdate(Steps steps) {
        steps.network.backward();
        return steps.network;
    }

    /** One full iteration of the tutorials' loop: forward, backward, update. */
    @Benchmark
    public Network<?> trainingStep(Steps steps) {
        steps.network.trainingStep();
        return steps.network;
    }

    /**
     * A whole tutorial program: build the network from the workload's numpy initial weights, then
     * run the workload's iterations. Building it is part of the program (JMH sample 38: fold
     * per-invocation setup into the measurement when the payload dominates; it takes microseconds,
     * the program 0.3 ms or more), so time and allocation per op describe the same work.
     */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Network<?> train(Case subject, Bracket iteration) {
        Network<?> network = subject.factory.fresh();
        network.train(subject.iterations);
        return network;
    }

    /** The backend and network under test, resolved and checked against scalar once per fork. */
    @State(Scope.Thread)
    public static class Case {

        /**
         * An installed backend's name ({@code MatrixKernel.name()}); the launcher passes every
         * installed one. JMH requires a default: the reference, for runs without the launcher.
         */
        @Param(Kernels.REFERENCE)
        public String backend;

        /**
         * A workload's benchmark name ({@code Workload.benchmarkName()}): {@code 3-1} is the
         * single-neuron preset, {@code 3-4-1} the xor-3layer preset; the launcher passes the
         * registry's default set unless told otherwise. JMH requires a default: xor-3layer, for
         * runs without the launcher.
         */
        @Param("3-4-1")
        public String network;

        /**
         * The arithmetic ({@code DType.id()}): float64, or float32 as numpy does it (the backend's
         * {@code withDtype} variant). JMH requires a default: float64, which every run before the
         * parameter existed measured (the report keys those rows without it).
         */
        @Param("float64")
        public String dtype;

        NetworkFactory<?> factory;

        /** The workload's iteration count: what {@code train} runs (a field, so it is not a constant). */
        long iterations;

        @Setup(Level.Trial)
        public void prepare() {
            claimThisJvm(backend + " on " + network + " in " + dtype);
            NetworkFactory<?> fromInitialWeights = NetworkFactory.of(backend, network, dtype);
            iterations = fromInitialWeights.workload().iterations();
            ParityCheck.Finding parity = ParityCheck.againstScalar(fromInitialWeights);
            System.out.println("# Parity: " + parity);
            ParityProfiler.record(parity);
            factory = Workloads.isTutorial(fromInitialWeights.workload()) ? fromInitialWeights
                    : fromInitialWeights.startingFrom(parity.referenceWeights());
        }

        // The tutorials' networks start every iteration from numpy's initial weights, as they always
        // have. The synthetic ones start from the weights the parity check ends with, the scalar
        // reference's after its steps (5 on every sweep network; the same for every backend):
        // without a learning rate their update sums hundreds of examples and drives most units into
        // saturation within two or three steps (some pre-activations below -709, where Math.exp
        // overflows and takes a 4x slower path), after which the values no longer change much. A
        // slow backend would otherwise spend a whole iteration in those first steps and a fast one
        // in the settled state: the same benchmark, different work.

        private static String claimedBy;

        /** Fails when a JVM is asked to run a second (backend, network): their profiles would mix. */
        static synchronized void claimThisJvm(String workload) {
            if (claimedBy == null) {
                claimedBy = workload;
            } else if (!claimedBy.equals(workload)) {
                throw new IllegalStateException("this JVM already ran " + claimedBy + " and is now asked for "
                        + workload + ": each backend and network needs its own forks (run with -f 1 or more)");
            }
        }
    }

    /** For the per-step benchmarks: a network reset to its starting weights before every iteration. */
    @State(Scope.Thread)
    public static class Steps {

        Network<?> network;
        private Case subject;

        /**
         * Built once per fork, then its starting weights loaded in place before every iteration (no
         * new network per iteration). Ends by opening the iteration's {@link AllocationBracket}: from
         * here to the teardown only the benchmark method runs, so what the setup and the teardown
         * allocate stays out of {@code alloc.thread.norm} (nd4j: a temporary INDArray per weight matrix loaded,
         * and a copy of every weight for the finiteness check; {@code gc.alloc.rate.norm} counts both).
         */
        @Setup(Level.Iteration)
        public void reset(Case subject) {
            this.subject = subject;
            if (network == null) {
                network = subject.factory.fresh();
            } else {
                subject.factory.reset(network);
            }
            network.forward(); // weightUpdate works from a forward pass
            AllocationBracket.open(); // last: nothing of the setup inside
        }

        /** weightUpdate on fixed activations grows the weights each call: prove they stayed finite. */
        @TearDown(Level.Iteration)
        public void checkFinite() {
            AllocationBracket.close(); // first: nothing of the teardown inside
            String problem = network.firstNonFiniteWeight();
            if (problem != null) {
                throw new IllegalStateException("a weight became non-finite for " + subject.backend + " on "
                        + subject.network + " (" + problem + "); the state policy must keep them finite");
            }
        }
    }

    /**
     * For {@code train}, which has no per-iteration state (each call builds its own network): only
     * brackets the iteration's allocation, as {@link Steps} does for the per-step benchmarks.
     */
    @State(Scope.Thread)
    public static class Bracket {

        @Setup(Level.Iteration)
        public void open() {
            AllocationBracket.open();
        }

        @TearDown(Level.Iteration)
        public void close() {
            AllocationBracket.close();
        }
    }
}
