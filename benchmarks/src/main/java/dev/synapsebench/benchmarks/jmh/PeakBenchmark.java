package dev.synapsebench.benchmarks.jmh;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The FP64 peak of one core as the JVM reaches it (and the FP32 one, {@link #fmaChainsFloat32}), against which every result's GFLOP/s is put:
 * {@link #CHAINS} independent chains of fused multiply-adds on the widest vectors
 * ({@code DoubleVector.SPECIES_PREFERRED}: 8 lanes on AVX-512), {@code acc = acc * x + y}.
 *
 * <p>Why this shape: an FMA has a latency of about 4 cycles and a core issues one or two per
 * cycle, so a single chain runs at a fraction of the peak; 12 independent accumulators keep the
 * FMA units busy and still fit in registers. {@code x} and {@code y} come from the state (not
 * constants) and keep the accumulators near 1 ({@code y / (1 - x)}): no overflow, no subnormals.
 * The sum of the accumulators is returned, so nothing is dead. Each call adds its
 * floating-point operations (2 per lane per FMA) to the {@link Flops} counter, which JMH reports as
 * the secondary metric {@code flops} in operations per second: the peak.
 *
 * <p>The launcher runs it in a fork of its own in every run and records the result as
 * {@code peak} in {@code environment.json}; the same method in C (12 chains of 512-bit FMAs,
 * {@code gcc -O3 -march=native}) measured about 57 GFLOP/s on the reference machine.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Fork(2)
public class PeakBenchmark {

    static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    static final VectorSpecies<Float> FLOAT_SPECIES = FloatVector.SPECIES_PREFERRED;
    /** Independent FMA chains. */
    public static final int CHAINS = 12;
    /** FMAs per chain per operation: long enough that the loop and the call cost nothing. */
    public static final int ROUNDS = 4096;
    /** The name of JMH's secondary metric that holds floating-point operations per second. */
    public static final String FLOPS_METRIC = "flops";

    public double x = 0.999999;
    public double y = 1e-6;
    /** The same in float32: still below 1, so the chains converge to y / (1 - x) without overflow. */
    public float xFloat = 0.9999f;
    public float yFloat = 1e-4f;
    /** A field, so the JIT cannot count the loop's trips at compile time and fold it. */
    public int rounds = ROUNDS;

    /** Counts the floating-point operations done, per measurement iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Flops {
        /** Floating-point operations so far in this iteration (JMH reports them per second). */
        public double flops;

        @Setup(Level.Iteration)
        public void reset() {
            flops = 0;
        }
    }

    @Benchmark
    public double fmaChains(Flops counter) {
        counter.flops += 2.0 * SPECIES.length() * CHAINS * rounds;
        DoubleVector vx = DoubleVector.broadcast(SPECIES, x);
        DoubleVector vy = DoubleVector.broadcast(SPECIES, y);
        DoubleVector a0 = vy, a1 = vy.add(1), a2 = vy.add(2), a3 = vy.add(3), a4 = vy.add(4), a5 = vy.add(5);
        DoubleVector a6 = vy.add(6), a7 = vy.add(7), a8 = vy.add(8), a9 = vy.add(9), a10 = vy.add(10), a11 = vy.add(11);
        for (int i = 0; i < rounds; i++) {
            a0 = a0.fma(vx, vy);
            a1 = a1.fma(vx, vy);
            a2 = a2.fma(vx, vy);
            a3 = a3.fma(vx, vy);
            a4 = a4.fma(vx, vy);
            a5 = a5.fma(vx, vy);
            a6 = a6.fma(vx, vy);
            a7 = a7.fma(vx, vy);
            a8 = a8.fma(vx, vy);
            a9 = a9.fma(vx, vy);
            a10 = a10.fma(vx, vy);
            a11 = a11.fma(vx, vy);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }

    /**
     * The FP32 peak, for float32 rows: the same 12 chains on {@code FloatVector.SPECIES_PREFERRED}
     * (16 lanes on AVX-512), so twice the lanes per instruction. Written out like the float64 loop:
     * a vector passed to a helper would be boxed.
     */
    @Benchmark
    public float fmaChainsFloat32(Flops counter) {
        counter.flops += 2.0 * FLOAT_SPECIES.length() * CHAINS * rounds;
        FloatVector vx = FloatVector.broadcast(FLOAT_SPECIES, xFloat);
        FloatVector vy = FloatVector.broadcast(FLOAT_SPECIES, yFloat);
        FloatVector a0 = vy, a1 = vy.add(1), a2 = vy.add(2), a3 = vy.add(3), a4 = vy.add(4), a5 = vy.add(5);
        FloatVector a6 = vy.add(6), a7 = vy.add(7), a8 = vy.add(8), a9 = vy.add(9), a10 = vy.add(10), a11 = vy.add(11);
        for (int i = 0; i < rounds; i++) {
            a0 = a0.fma(vx, vy);
            a1 = a1.fma(vx, vy);
            a2 = a2.fma(vx, vy);
            a3 = a3.fma(vx, vy);
            a4 = a4.fma(vx, vy);
            a5 = a5.fma(vx, vy);
            a6 = a6.fma(vx, vy);
            a7 = a7.fma(vx, vy);
            a8 = a8.fma(vx, vy);
            a9 = a9.fma(vx, vy);
            a10 = a10.fma(vx, vy);
            a11 = a11.fma(vx, vy);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }
}
