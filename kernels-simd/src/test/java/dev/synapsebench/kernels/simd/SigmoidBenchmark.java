package dev.synapsebench.kernels.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The simd backend's own vector sigmoid and exp ({@code VectorSigmoid}, correctly rounded
 * operations only, the same bits in every JIT tier) beside the Vector API's {@code EXP}, which C2
 * compiles to Intel's SVML: time per element on independent inputs (throughput), and time per
 * sigmoid in a chain of dependent ones (latency), in float64 and float32.
 *
 * <p>Why this shape: {@value #ELEMENTS} inputs and as many outputs (16 KB in float64) stay in L1,
 * and every vector of the loop is independent of the others, so the score is the functions'
 * throughput, not their latency, as in the batch path's layers. The inputs are uniform in
 * {@code [-20, 20]}, the range a network's pre-activations live in, and are read, never
 * overwritten, so every call does the same work. The output array lives in the state, so its
 * stores cannot be dropped, and one element is returned. Both sides run the same loop on the
 * preferred species; the SVML side computes the sigmoid with the backend's expression
 * {@code 1 / (1 + exp(-x))}. The backend's paths call the in-place forms; the benchmark calls the
 * out-of-place ones, which run the same loop.
 *
 * <p>A benchmark of this backend's internals, so it lives here, not in the benchmarks module (which
 * names no backend) nor in the launcher's runs. JMH's own main runs it from the test classes:
 * <pre>
 * mvn -pl kernels-simd verify -DskipTests -Psigmoid-benchmark   (JMH options: -Djmh.args="-f 1")
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(SigmoidBenchmark.ELEMENTS)
@Warmup(iterations = 4, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 3, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class SigmoidBenchmark {

    /** Inputs per call: a whole number of vectors at every width. */
    static final int ELEMENTS = 1024;
    /** Sigmoids in a row in the latency chains. */
    static final int CHAIN = 256;
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;

    /** One vector's worth, for the latency chains. */
    private final double[] chain64 = new double[DOUBLES.length()];
    private final float[] chain32 = new float[FLOATS.length()];
    private final double[] in64 = new double[ELEMENTS];
    private final double[] out64 = new double[ELEMENTS];
    private final float[] in32 = new float[ELEMENTS];
    private final float[] out32 = new float[ELEMENTS];

    @Setup
    public void inputs() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < ELEMENTS; i++) {
            in64[i] = random.nextDouble(-20, 20);
            in32[i] = (float) in64[i];
        }
        for (int i = 0; i < chain64.length; i++) {
            chain64[i] = in64[i];
        }
        for (int i = 0; i < chain32.length; i++) {
            chain32[i] = in32[i];
        }
    }

    @Benchmark
    public double sigmoidOwnFloat64() {
        VectorSigmoid.sigmoid(in64, out64, 0, ELEMENTS);
        return out64[ELEMENTS - 1];
    }

    @Benchmark
    public double sigmoidSvmlFloat64() {
        DoubleVector one = DoubleVector.broadcast(DOUBLES, 1.0);
        for (int i = 0; i < ELEMENTS; i += DOUBLES.length()) {
            DoubleVector e = DoubleVector.fromArray(DOUBLES, in64, i).neg().lanewise(VectorOperators.EXP);
            one.div(one.add(e)).intoArray(out64, i);
        }
        return out64[ELEMENTS - 1];
    }

    @Benchmark
    public double expOwnFloat64() {
        VectorSigmoid.exp(in64, out64, 0, ELEMENTS);
        return out64[ELEMENTS - 1];
    }

    @Benchmark
    public double expSvmlFloat64() {
        for (int i = 0; i < ELEMENTS; i += DOUBLES.length()) {
            DoubleVector.fromArray(DOUBLES, in64, i).lanewise(VectorOperators.EXP).intoArray(out64, i);
        }
        return out64[ELEMENTS - 1];
    }

    @Benchmark
    public float sigmoidOwnFloat32() {
        dev.synapsebench.kernels.simd.float32.VectorSigmoid.sigmoid(in32, out32, 0, ELEMENTS);
        return out32[ELEMENTS - 1];
    }

    @Benchmark
    public float sigmoidSvmlFloat32() {
        FloatVector one = FloatVector.broadcast(FLOATS, 1.0f);
        for (int i = 0; i < ELEMENTS; i += FLOATS.length()) {
            FloatVector e = FloatVector.fromArray(FLOATS, in32, i).neg().lanewise(VectorOperators.EXP);
            one.div(one.add(e)).intoArray(out32, i);
        }
        return out32[ELEMENTS - 1];
    }

    @Benchmark
    public float expOwnFloat32() {
        dev.synapsebench.kernels.simd.float32.VectorSigmoid.exp(in32, out32, 0, ELEMENTS);
        return out32[ELEMENTS - 1];
    }

    @Benchmark
    public float expSvmlFloat32() {
        for (int i = 0; i < ELEMENTS; i += FLOATS.length()) {
            FloatVector.fromArray(FLOATS, in32, i).lanewise(VectorOperators.EXP).intoArray(out32, i);
        }
        return out32[ELEMENTS - 1];
    }

    // ---- latency: one vector, each sigmoid taking the previous one's result ----

    /**
     * The backend's form on the tutorials' fused paths: the vector is in an array, the call reads it
     * and writes it back (store-to-load forwarded), {@value #CHAIN} times in a row.
     */
    @Benchmark
    @OperationsPerInvocation(CHAIN)
    public double sigmoidLatencyOwnFloat64() {
        for (int k = 0; k < CHAIN; k++) {
            VectorSigmoid.sigmoid(chain64, chain64, 0, chain64.length);
        }
        return chain64[0];
    }

    /** SVML's as the fused paths used it before: the vector stays in a register. */
    @Benchmark
    @OperationsPerInvocation(CHAIN)
    public double sigmoidLatencySvmlFloat64() {
        DoubleVector one = DoubleVector.broadcast(DOUBLES, 1.0);
        DoubleVector v = DoubleVector.fromArray(DOUBLES, chain64, 0);
        for (int k = 0; k < CHAIN; k++) {
            v = one.div(one.add(v.neg().lanewise(VectorOperators.EXP)));
        }
        v.intoArray(chain64, 0);
        return chain64[0];
    }

    @Benchmark
    @OperationsPerInvocation(CHAIN)
    public float sigmoidLatencyOwnFloat32() {
        for (int k = 0; k < CHAIN; k++) {
            dev.synapsebench.kernels.simd.float32.VectorSigmoid.sigmoid(chain32, chain32, 0, chain32.length);
        }
        return chain32[0];
    }

    @Benchmark
    @OperationsPerInvocation(CHAIN)
    public float sigmoidLatencySvmlFloat32() {
        FloatVector one = FloatVector.broadcast(FLOATS, 1.0f);
        FloatVector v = FloatVector.fromArray(FLOATS, chain32, 0);
        for (int k = 0; k < CHAIN; k++) {
            v = one.div(one.add(v.neg().lanewise(VectorOperators.EXP)));
        }
        v.intoArray(chain32, 0);
        return chain32[0];
    }
}
