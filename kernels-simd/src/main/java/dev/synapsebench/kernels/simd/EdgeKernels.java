package dev.synapsebench.kernels.simd;

import jdk.incubator.vector.DoubleVector;

import static dev.synapsebench.kernels.simd.Lanes.LANES;
import static dev.synapsebench.kernels.simd.Lanes.SPECIES;

/**
 * The pieces of a micro-tile at the output's edges, where fewer than a tile's vectors or columns
 * are left: fewer accumulators, the same FMA chain per element in the same order, so an element
 * has the same bits whichever piece computes it. Like {@link MicroKernels}, written out by hand
 * for the register allocator.
 */
final class EdgeKernels {

    private EdgeKernels() {
    }

    /** Column edge of the 2-vector tile, two columns: 4 chains, {@link MicroKernels#ADD} as {@link #tile4x2}. */
    static void tile2x2(double[] a, int aOff, int lda, double[] b, int bOff, int colStep, int innerStep,
                        int p0, int p1, double[] c, int cOff, int ldc, int mode) {
        DoubleVector c00, c10, c01, c11;
        if (mode == MicroKernels.CONTINUE) {
            c00 = DoubleVector.fromArray(SPECIES, c, cOff); c10 = DoubleVector.fromArray(SPECIES, c, cOff + LANES);
            c01 = DoubleVector.fromArray(SPECIES, c, cOff + ldc); c11 = DoubleVector.fromArray(SPECIES, c, cOff + ldc + LANES);
        } else {
            c00 = c10 = c01 = c11 = DoubleVector.zero(SPECIES);
        }
        for (int p = p0; p < p1; p++) {
            final int ao = aOff + p * lda, bo = bOff + p * innerStep;
            final DoubleVector a0 = DoubleVector.fromArray(SPECIES, a, ao), a1 = DoubleVector.fromArray(SPECIES, a, ao + LANES);
            DoubleVector bv = DoubleVector.broadcast(SPECIES, b[bo]);
            c00 = a0.fma(bv, c00); c10 = a1.fma(bv, c10);
            bv = DoubleVector.broadcast(SPECIES, b[bo + colStep]);
            c01 = a0.fma(bv, c01); c11 = a1.fma(bv, c11);
        }
        if (mode == MicroKernels.ADD) {
            c00 = DoubleVector.fromArray(SPECIES, c, cOff).add(c00);
            c10 = DoubleVector.fromArray(SPECIES, c, cOff + LANES).add(c10);
            c01 = DoubleVector.fromArray(SPECIES, c, cOff + ldc).add(c01);
            c11 = DoubleVector.fromArray(SPECIES, c, cOff + ldc + LANES).add(c11);
        }
        c00.intoArray(c, cOff); c10.intoArray(c, cOff + LANES);
        c01.intoArray(c, cOff + ldc); c11.intoArray(c, cOff + ldc + LANES);
    }

    /**
     * Column edge, two columns: 8 chains, enough to keep both FMA pipes busy; one column alone
     * ({@link #tile4x1}) has 4 and reads {@code a} once per column, which made the last 2 of
     * 128 columns cost 10% of the 784x256x128 product.
     */
    static void tile4x2(double[] a, int aOff, int lda, double[] b, int bOff, int colStep, int innerStep,
                        int p0, int p1, double[] c, int cOff, int ldc, int mode) {
        DoubleVector c00, c10, c20, c30, c01, c11, c21, c31;
        if (mode == MicroKernels.CONTINUE) {
            int o = cOff;
            c00 = DoubleVector.fromArray(SPECIES, c, o); c10 = DoubleVector.fromArray(SPECIES, c, o + LANES);
            c20 = DoubleVector.fromArray(SPECIES, c, o + 2 * LANES); c30 = DoubleVector.fromArray(SPECIES, c, o + 3 * LANES);
            o += ldc;
            c01 = DoubleVector.fromArray(SPECIES, c, o); c11 = DoubleVector.fromArray(SPECIES, c, o + LANES);
            c21 = DoubleVector.fromArray(SPECIES, c, o + 2 * LANES); c31 = DoubleVector.fromArray(SPECIES, c, o + 3 * LANES);
        } else {
            c00 = c10 = c20 = c30 = c01 = c11 = c21 = c31 = DoubleVector.zero(SPECIES);
        }
        for (int p = p0; p < p1; p++) {
            final int ao = aOff + p * lda, bo = bOff + p * innerStep;
            final DoubleVector a0 = DoubleVector.fromArray(SPECIES, a, ao), a1 = DoubleVector.fromArray(SPECIES, a, ao + LANES),
                    a2 = DoubleVector.fromArray(SPECIES, a, ao + 2 * LANES), a3 = DoubleVector.fromArray(SPECIES, a, ao + 3 * LANES);
            DoubleVector bv = DoubleVector.broadcast(SPECIES, b[bo]);
            c00 = a0.fma(bv, c00); c10 = a1.fma(bv, c10); c20 = a2.fma(bv, c20); c30 = a3.fma(bv, c30);
            bv = DoubleVector.broadcast(SPECIES, b[bo + colStep]);
            c01 = a0.fma(bv, c01); c11 = a1.fma(bv, c11); c21 = a2.fma(bv, c21); c31 = a3.fma(bv, c31);
        }
        int o = cOff;
        if (mode == MicroKernels.ADD) {
            c00 = DoubleVector.fromArray(SPECIES, c, o).add(c00);
            c10 = DoubleVector.fromArray(SPECIES, c, o + LANES).add(c10);
            c20 = DoubleVector.fromArray(SPECIES, c, o + 2 * LANES).add(c20);
            c30 = DoubleVector.fromArray(SPECIES, c, o + 3 * LANES).add(c30);
            c01 = DoubleVector.fromArray(SPECIES, c, o + ldc).add(c01);
            c11 = DoubleVector.fromArray(SPECIES, c, o + ldc + LANES).add(c11);
            c21 = DoubleVector.fromArray(SPECIES, c, o + ldc + 2 * LANES).add(c21);
            c31 = DoubleVector.fromArray(SPECIES, c, o + ldc + 3 * LANES).add(c31);
        }
        c00.intoArray(c, o); c10.intoArray(c, o + LANES); c20.intoArray(c, o + 2 * LANES); c30.intoArray(c, o + 3 * LANES); o += ldc;
        c01.intoArray(c, o); c11.intoArray(c, o + LANES); c21.intoArray(c, o + 2 * LANES); c31.intoArray(c, o + 3 * LANES);
    }

    /** Column edge: 4 vectors of one column, 4 chains. */
    static void tile4x1(double[] a, int aOff, int lda, double[] b, int bOff, int innerStep,
                        int p0, int p1, double[] c, int cOff, int mode) {
        DoubleVector c0, c1, c2, c3;
        if (mode == MicroKernels.CONTINUE) {
            c0 = DoubleVector.fromArray(SPECIES, c, cOff); c1 = DoubleVector.fromArray(SPECIES, c, cOff + LANES);
            c2 = DoubleVector.fromArray(SPECIES, c, cOff + 2 * LANES);
            c3 = DoubleVector.fromArray(SPECIES, c, cOff + 3 * LANES);
        } else {
            c0 = c1 = c2 = c3 = DoubleVector.zero(SPECIES);
        }
        for (int p = p0; p < p1; p++) {
            final int ao = aOff + p * lda;
            final DoubleVector bv = DoubleVector.broadcast(SPECIES, b[bOff + p * innerStep]);
            c0 = DoubleVector.fromArray(SPECIES, a, ao).fma(bv, c0); c1 = DoubleVector.fromArray(SPECIES, a, ao + LANES).fma(bv, c1);
            c2 = DoubleVector.fromArray(SPECIES, a, ao + 2 * LANES).fma(bv, c2);
            c3 = DoubleVector.fromArray(SPECIES, a, ao + 3 * LANES).fma(bv, c3);
        }
        if (mode == MicroKernels.ADD) {
            c0 = DoubleVector.fromArray(SPECIES, c, cOff).add(c0); c1 = DoubleVector.fromArray(SPECIES, c, cOff + LANES).add(c1);
            c2 = DoubleVector.fromArray(SPECIES, c, cOff + 2 * LANES).add(c2);
            c3 = DoubleVector.fromArray(SPECIES, c, cOff + 3 * LANES).add(c3);
        }
        c0.intoArray(c, cOff); c1.intoArray(c, cOff + LANES); c2.intoArray(c, cOff + 2 * LANES); c3.intoArray(c, cOff + 3 * LANES);
    }

    /** Row edge: one vector of 6 columns, 6 chains. */
    static void tile1x6(double[] a, int aOff, int lda, double[] b, int bOff, int colStep, int innerStep,
                        int p0, int p1, double[] c, int cOff, int ldc, int mode) {
        DoubleVector c0, c1, c2, c3, c4, c5;
        if (mode == MicroKernels.CONTINUE) {
            c0 = DoubleVector.fromArray(SPECIES, c, cOff); c1 = DoubleVector.fromArray(SPECIES, c, cOff + ldc);
            c2 = DoubleVector.fromArray(SPECIES, c, cOff + 2 * ldc);
            c3 = DoubleVector.fromArray(SPECIES, c, cOff + 3 * ldc); c4 = DoubleVector.fromArray(SPECIES, c, cOff + 4 * ldc);
            c5 = DoubleVector.fromArray(SPECIES, c, cOff + 5 * ldc);
        } else {
            c0 = c1 = c2 = c3 = c4 = c5 = DoubleVector.zero(SPECIES);
        }
        for (int p = p0; p < p1; p++) {
            final int bo = bOff + p * innerStep;
            final DoubleVector av = DoubleVector.fromArray(SPECIES, a, aOff + p * lda);
            c0 = av.fma(DoubleVector.broadcast(SPECIES, b[bo]), c0);
            c1 = av.fma(DoubleVector.broadcast(SPECIES, b[bo + colStep]), c1);
            c2 = av.fma(DoubleVector.broadcast(SPECIES, b[bo + 2 * colStep]), c2);
            c3 = av.fma(DoubleVector.broadcast(SPECIES, b[bo + 3 * colStep]), c3);
            c4 = av.fma(DoubleVector.broadcast(SPECIES, b[bo + 4 * colStep]), c4);
            c5 = av.fma(DoubleVector.broadcast(SPECIES, b[bo + 5 * colStep]), c5);
        }
        if (mode == MicroKernels.ADD) {
            c0 = DoubleVector.fromArray(SPECIES, c, cOff).add(c0);
            c1 = DoubleVector.fromArray(SPECIES, c, cOff + ldc).add(c1);
            c2 = DoubleVector.fromArray(SPECIES, c, cOff + 2 * ldc).add(c2);
            c3 = DoubleVector.fromArray(SPECIES, c, cOff + 3 * ldc).add(c3);
            c4 = DoubleVector.fromArray(SPECIES, c, cOff + 4 * ldc).add(c4);
            c5 = DoubleVector.fromArray(SPECIES, c, cOff + 5 * ldc).add(c5);
        }
        c0.intoArray(c, cOff); c1.intoArray(c, cOff + ldc); c2.intoArray(c, cOff + 2 * ldc);
        c3.intoArray(c, cOff + 3 * ldc); c4.intoArray(c, cOff + 4 * ldc); c5.intoArray(c, cOff + 5 * ldc);
    }

    /** Corner: one vector of one column. */
    static void tile1x1(double[] a, int aOff, int lda, double[] b, int bOff, int innerStep,
                        int p0, int p1, double[] c, int cOff, int mode) {
        DoubleVector acc = mode == MicroKernels.CONTINUE ? DoubleVector.fromArray(SPECIES, c, cOff) : DoubleVector.zero(SPECIES);
        for (int p = p0; p < p1; p++) {
            acc = DoubleVector.fromArray(SPECIES, a, aOff + p * lda).fma(DoubleVector.broadcast(SPECIES, b[bOff + p * innerStep]), acc);
        }
        if (mode == MicroKernels.ADD) {
            acc = DoubleVector.fromArray(SPECIES, c, cOff).add(acc);
        }
        acc.intoArray(c, cOff);
    }
}
