package dev.synapsebench.kernels.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

import java.util.Random;

/**
 * How fast C2's code for a GEMM micro-kernel can run on packed panels, before any blocking or
 * packing cost: the question behind the packed GEMM's design. Not a test and not a JMH benchmark
 * (like {@link StepBreakdown}): each variant runs alone in a loop on panels that stay in cache, is
 * warmed up for 2 s, and the best of 20 blocks of 200 ms is printed in GFLOP/s; compare only within
 * one run, against the run's FP64 peak.
 *
 * <pre>
 * mvn -q -pl kernels-simd -am test-compile
 * java --add-modules jdk.incubator.vector -cp kernels-simd/target/test-classes dev.synapsebench.kernels.simd.MicroKernelProbe [KC]
 * </pre>
 *
 * <p>Both variants compute a tile of 2 vectors x 6 columns ({@code 2L x 6}, 12 accumulators: the
 * shape {@link BlockedProducts} uses on AVX2) as {@code KC} rank-1 updates, the left panel packed
 * {@code 2L} values per step. They differ in the right panel only:
 * <ul>
 *   <li><b>broadcast</b>: 6 values per step, each broadcast to a vector in the loop (what
 *       {@code BlockedProducts} does, and what BLIS's and OpenBLAS's assembly kernels do with
 *       {@code vbroadcastsd} from memory);</li>
 *   <li><b>pre-broadcast</b>: the packing wrote each value {@code L} times, so the loop loads whole
 *       vectors; the panel is {@code L} times larger.</li>
 * </ul>
 * Measured on AMD EPYC Zen 3 (AVX2, FP64 peak 42.6 GFLOP/s), JDK 25, KC = 256, panels in L1/L2:
 * broadcast 20-21 GFLOP/s (50%), pre-broadcast 35-36 (84%). A third variant, the pre-broadcast
 * loop with its panel index written {@code p * NR * L} (Java reads {@code (p * 6) * 4}) instead of
 * {@code p * (NR * L)}, runs at 21.
 *
 * <p>Why, read in the code C2 emitted ({@code tools/disassemble-c2.py}): the fast loop is loads and
 * FMAs only, two panel vectors in registers at a time, no range check, no spill. The broadcast loop keeps three
 * broadcasts in flight, needs 17 vector registers of AVX2's 16, and spills an accumulator: a store
 * and a reload on its chain every step. The {@code (p * 6) * 4} loop keeps a range check in the
 * loop (C2 does not fold the index into {@code constant * p + invariant}) and spills too.
 * {@code MicroKernels.tile2x6}, which reads both operands in place through variable strides,
 * spills no vector but runs 8 range checks, 2 multiplies and 7 reloads of array bases from the
 * stack per step for its 12 FMAs.
 */
public final class MicroKernelProbe {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int L = SPECIES.length();
    private static final int MR = 2 * L;
    private static final int NR = 6;

    public static void main(String[] args) {
        int kc = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        Random random = new Random(1);
        double[] a = new double[MR * kc];
        double[] b = new double[NR * kc];
        double[] wide = new double[NR * L * kc];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextDouble() * 1e-3;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = random.nextDouble() * 1e-3;
            for (int l = 0; l < L; l++) {
                wide[i * L + l] = b[i];
            }
        }
        double[] c = new double[MR * NR];
        System.out.printf("%d lanes, KC %d, tile %d x %d%n", L, kc, MR, NR);
        System.out.printf("broadcast                   %.1f GFLOP/s%n", best(() -> broadcast(a, b, kc, c), kc));
        System.out.printf("pre-broadcast               %.1f GFLOP/s%n", best(() -> preBroadcast(a, wide, kc, c), kc));
        System.out.printf("pre-broadcast, (p * NR) * L %.1f GFLOP/s%n",
                best(() -> preBroadcastIndexedInTwoSteps(a, wide, kc, c), kc));
        System.out.println("checksum " + c[0]); // the tiles are read, so nothing is dead
    }

    private static double best(Runnable kernel, int kc) {
        double best = 0;
        long end = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < end) {
            kernel.run();
        }
        for (int block = 0; block < 20; block++) {
            long calls = 0, start = System.nanoTime();
            while (System.nanoTime() - start < 200_000_000L) {
                kernel.run();
                calls++;
            }
            best = Math.max(best, 2.0 * MR * NR * kc * calls / (System.nanoTime() - start));
        }
        return best;
    }

    // The tile is written out by hand (12 named accumulators, stored one by one) so that C2 keeps it
    // in registers: an array of vectors, or a helper taking them, would be boxed.

    /** {@code c += a·b}, the right panel's values broadcast in the loop. */
    static void broadcast(double[] a, double[] b, int kc, double[] c) {
        DoubleVector c00 = DoubleVector.zero(SPECIES), c10 = c00, c01 = c00, c11 = c00, c02 = c00, c12 = c00;
        DoubleVector c03 = c00, c13 = c00, c04 = c00, c14 = c00, c05 = c00, c15 = c00;
        for (int p = 0; p < kc; p++) {
            DoubleVector a0 = DoubleVector.fromArray(SPECIES, a, p * MR);
            DoubleVector a1 = DoubleVector.fromArray(SPECIES, a, p * MR + L);
            int q = p * NR;
            DoubleVector b0 = DoubleVector.broadcast(SPECIES, b[q]);
            c00 = a0.fma(b0, c00);
            c10 = a1.fma(b0, c10);
            DoubleVector b1 = DoubleVector.broadcast(SPECIES, b[q + 1]);
            c01 = a0.fma(b1, c01);
            c11 = a1.fma(b1, c11);
            DoubleVector b2 = DoubleVector.broadcast(SPECIES, b[q + 2]);
            c02 = a0.fma(b2, c02);
            c12 = a1.fma(b2, c12);
            DoubleVector b3 = DoubleVector.broadcast(SPECIES, b[q + 3]);
            c03 = a0.fma(b3, c03);
            c13 = a1.fma(b3, c13);
            DoubleVector b4 = DoubleVector.broadcast(SPECIES, b[q + 4]);
            c04 = a0.fma(b4, c04);
            c14 = a1.fma(b4, c14);
            DoubleVector b5 = DoubleVector.broadcast(SPECIES, b[q + 5]);
            c05 = a0.fma(b5, c05);
            c15 = a1.fma(b5, c15);
        }
        c00.add(DoubleVector.fromArray(SPECIES, c, 0)).intoArray(c, 0);
        c10.add(DoubleVector.fromArray(SPECIES, c, L)).intoArray(c, L);
        c01.add(DoubleVector.fromArray(SPECIES, c, 2 * L)).intoArray(c, 2 * L);
        c11.add(DoubleVector.fromArray(SPECIES, c, 3 * L)).intoArray(c, 3 * L);
        c02.add(DoubleVector.fromArray(SPECIES, c, 4 * L)).intoArray(c, 4 * L);
        c12.add(DoubleVector.fromArray(SPECIES, c, 5 * L)).intoArray(c, 5 * L);
        c03.add(DoubleVector.fromArray(SPECIES, c, 6 * L)).intoArray(c, 6 * L);
        c13.add(DoubleVector.fromArray(SPECIES, c, 7 * L)).intoArray(c, 7 * L);
        c04.add(DoubleVector.fromArray(SPECIES, c, 8 * L)).intoArray(c, 8 * L);
        c14.add(DoubleVector.fromArray(SPECIES, c, 9 * L)).intoArray(c, 9 * L);
        c05.add(DoubleVector.fromArray(SPECIES, c, 10 * L)).intoArray(c, 10 * L);
        c15.add(DoubleVector.fromArray(SPECIES, c, 11 * L)).intoArray(c, 11 * L);
    }

    /** {@code c += a·b}, the right panel packed with each value repeated across a vector. */
    static void preBroadcast(double[] a, double[] wide, int kc, double[] c) {
        DoubleVector c00 = DoubleVector.zero(SPECIES), c10 = c00, c01 = c00, c11 = c00, c02 = c00, c12 = c00;
        DoubleVector c03 = c00, c13 = c00, c04 = c00, c14 = c00, c05 = c00, c15 = c00;
        for (int p = 0; p < kc; p++) {
            DoubleVector a0 = DoubleVector.fromArray(SPECIES, a, p * MR);
            DoubleVector a1 = DoubleVector.fromArray(SPECIES, a, p * MR + L);
            int q = p * (NR * L); // not p * NR * L: see the class comment
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, wide, q);
            c00 = a0.fma(b0, c00);
            c10 = a1.fma(b0, c10);
            DoubleVector b1 = DoubleVector.fromArray(SPECIES, wide, q + L);
            c01 = a0.fma(b1, c01);
            c11 = a1.fma(b1, c11);
            DoubleVector b2 = DoubleVector.fromArray(SPECIES, wide, q + 2 * L);
            c02 = a0.fma(b2, c02);
            c12 = a1.fma(b2, c12);
            DoubleVector b3 = DoubleVector.fromArray(SPECIES, wide, q + 3 * L);
            c03 = a0.fma(b3, c03);
            c13 = a1.fma(b3, c13);
            DoubleVector b4 = DoubleVector.fromArray(SPECIES, wide, q + 4 * L);
            c04 = a0.fma(b4, c04);
            c14 = a1.fma(b4, c14);
            DoubleVector b5 = DoubleVector.fromArray(SPECIES, wide, q + 5 * L);
            c05 = a0.fma(b5, c05);
            c15 = a1.fma(b5, c15);
        }
        c00.add(DoubleVector.fromArray(SPECIES, c, 0)).intoArray(c, 0);
        c10.add(DoubleVector.fromArray(SPECIES, c, L)).intoArray(c, L);
        c01.add(DoubleVector.fromArray(SPECIES, c, 2 * L)).intoArray(c, 2 * L);
        c11.add(DoubleVector.fromArray(SPECIES, c, 3 * L)).intoArray(c, 3 * L);
        c02.add(DoubleVector.fromArray(SPECIES, c, 4 * L)).intoArray(c, 4 * L);
        c12.add(DoubleVector.fromArray(SPECIES, c, 5 * L)).intoArray(c, 5 * L);
        c03.add(DoubleVector.fromArray(SPECIES, c, 6 * L)).intoArray(c, 6 * L);
        c13.add(DoubleVector.fromArray(SPECIES, c, 7 * L)).intoArray(c, 7 * L);
        c04.add(DoubleVector.fromArray(SPECIES, c, 8 * L)).intoArray(c, 8 * L);
        c14.add(DoubleVector.fromArray(SPECIES, c, 9 * L)).intoArray(c, 9 * L);
        c05.add(DoubleVector.fromArray(SPECIES, c, 10 * L)).intoArray(c, 10 * L);
        c15.add(DoubleVector.fromArray(SPECIES, c, 11 * L)).intoArray(c, 11 * L);
    }

    /** {@link #preBroadcast} with the panel index written {@code p * NR * L}, i.e. {@code (p * NR) * L}. */
    static void preBroadcastIndexedInTwoSteps(double[] a, double[] wide, int kc, double[] c) {
        DoubleVector c00 = DoubleVector.zero(SPECIES), c10 = c00, c01 = c00, c11 = c00, c02 = c00, c12 = c00;
        DoubleVector c03 = c00, c13 = c00, c04 = c00, c14 = c00, c05 = c00, c15 = c00;
        for (int p = 0; p < kc; p++) {
            DoubleVector a0 = DoubleVector.fromArray(SPECIES, a, p * MR);
            DoubleVector a1 = DoubleVector.fromArray(SPECIES, a, p * MR + L);
            int q = p * NR * L;
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, wide, q);
            c00 = a0.fma(b0, c00);
            c10 = a1.fma(b0, c10);
            DoubleVector b1 = DoubleVector.fromArray(SPECIES, wide, q + L);
            c01 = a0.fma(b1, c01);
            c11 = a1.fma(b1, c11);
            DoubleVector b2 = DoubleVector.fromArray(SPECIES, wide, q + 2 * L);
            c02 = a0.fma(b2, c02);
            c12 = a1.fma(b2, c12);
            DoubleVector b3 = DoubleVector.fromArray(SPECIES, wide, q + 3 * L);
            c03 = a0.fma(b3, c03);
            c13 = a1.fma(b3, c13);
            DoubleVector b4 = DoubleVector.fromArray(SPECIES, wide, q + 4 * L);
            c04 = a0.fma(b4, c04);
            c14 = a1.fma(b4, c14);
            DoubleVector b5 = DoubleVector.fromArray(SPECIES, wide, q + 5 * L);
            c05 = a0.fma(b5, c05);
            c15 = a1.fma(b5, c15);
        }
        c00.add(DoubleVector.fromArray(SPECIES, c, 0)).intoArray(c, 0);
        c10.add(DoubleVector.fromArray(SPECIES, c, L)).intoArray(c, L);
        c01.add(DoubleVector.fromArray(SPECIES, c, 2 * L)).intoArray(c, 2 * L);
        c11.add(DoubleVector.fromArray(SPECIES, c, 3 * L)).intoArray(c, 3 * L);
        c02.add(DoubleVector.fromArray(SPECIES, c, 4 * L)).intoArray(c, 4 * L);
        c12.add(DoubleVector.fromArray(SPECIES, c, 5 * L)).intoArray(c, 5 * L);
        c03.add(DoubleVector.fromArray(SPECIES, c, 6 * L)).intoArray(c, 6 * L);
        c13.add(DoubleVector.fromArray(SPECIES, c, 7 * L)).intoArray(c, 7 * L);
        c04.add(DoubleVector.fromArray(SPECIES, c, 8 * L)).intoArray(c, 8 * L);
        c14.add(DoubleVector.fromArray(SPECIES, c, 9 * L)).intoArray(c, 9 * L);
        c05.add(DoubleVector.fromArray(SPECIES, c, 10 * L)).intoArray(c, 10 * L);
        c15.add(DoubleVector.fromArray(SPECIES, c, 11 * L)).intoArray(c, 11 * L);
    }
}
