package dev.synapsebench.kernels.simd;

import jdk.incubator.vector.DoubleVector;

import static dev.synapsebench.kernels.simd.Blocking.PACKED_STEP;
import static dev.synapsebench.kernels.simd.Blocking.SIXTEEN_REGISTERS;
import static dev.synapsebench.kernels.simd.Blocking.TILE_COLS;
import static dev.synapsebench.kernels.simd.Blocking.TILE_ROWS;
import static dev.synapsebench.kernels.simd.Blocking.TILE_VECTORS;
import static dev.synapsebench.kernels.simd.Lanes.LANES;
import static dev.synapsebench.kernels.simd.Lanes.SPECIES;

/**
 * The micro-kernels of {@link BlockedProducts}: a tile of the output, {@link Blocking#TILE_VECTORS}
 * vectors by {@link Blocking#TILE_COLS} columns, whose accumulators stay in registers for the
 * whole inner loop, and the dispatch to {@link EdgeKernels} where less than a tile is left.
 *
 * <p><b>Written out by hand for the register allocator.</b> Every tile here and in {@link
 * EdgeKernels} names each accumulator as a local variable and unrolls its columns: C2 keeps a
 * vector in a register only while it is a local of one compiled method, and does not unroll a
 * loop over accumulators into registers. Arrays of vectors, loops over columns or helper methods
 * returning vectors spill or box (measured: {@code MicroKernelProbe}, and C2's code read with
 * {@code tools/disassemble-c2.py}). Each element is one FMA chain over the inner index in
 * ascending order in every tile, so the tile shape never changes a bit.
 *
 * <p>A tile starts from zero ({@link #STORE}), continues the chain stored in {@code c} by an
 * earlier inner block ({@link #CONTINUE}, exact), or adds its finished product to {@code c}
 * ({@link #ADD}: the update, for edges only).
 */
final class MicroKernels {

    /** {@code c = product}: the first inner block. */
    static final int STORE = 0;
    /** {@code c = c + terms}, the FMA chain continued from {@code c}: later inner blocks (exact). */
    static final int CONTINUE = 1;
    /** {@code c = c + product}, the product finished first: the update. */
    static final int ADD = 2;

    private MicroKernels() {
    }

    /**
     * One tile of {@code nv} vectors by {@code nc} columns: the full micro-tile, or its edges piece
     * by piece ({@link #ADD} only for edges: a full tile of the update is {@link BlockedProducts#addTransAProduct}'s).
     */
    static void tile(double[] a, int aOff, int lda, double[] b, int bOff, int colStep, int innerStep,
                     int p0, int p1, double[] c, int cOff, int ldc, int nv, int nc, int mode) {
        if (nv == TILE_VECTORS && nc == TILE_COLS) {
            fullTile(a, aOff, lda, b, bOff, colStep, innerStep, p0, p1, c, cOff, ldc, mode);
        } else if (nv == TILE_VECTORS) {
            columnEdge(a, aOff, lda, b, bOff, colStep, innerStep, p0, p1, c, cOff, ldc, nc, mode);
        } else if (nc == TILE_COLS) {
            for (int u = 0; u < nv; u++) {
                EdgeKernels.tile1x6(a, aOff + u * LANES, lda, b, bOff, colStep, innerStep, p0, p1, c, cOff + u * LANES, ldc, mode);
            }
        } else {
            for (int t = 0; t < nc; t++) {
                for (int u = 0; u < nv; u++) {
                    EdgeKernels.tile1x1(a, aOff + u * LANES, lda, b, bOff + t * colStep, innerStep, p0, p1,
                            c, cOff + t * ldc + u * LANES, mode);
                }
            }
        }
    }

    /**
     * A micro-tile's rows with fewer than {@link Blocking#TILE_COLS} columns, two columns at a time. Its own
     * method, so that {@link #tile} stays small enough for C2 to inline where the matrices are
     * tiny (with the AVX2 branch written into {@code tile}, 3-4-1's forward pass was 10-20% slower).
     */
    private static void columnEdge(double[] a, int aOff, int lda, double[] b, int bOff, int colStep, int innerStep,
                                   int p0, int p1, double[] c, int cOff, int ldc, int nc, int mode) {
        int t = 0;
        if (SIXTEEN_REGISTERS) {
            for (; t + 2 <= nc; t += 2) {
                EdgeKernels.tile2x2(a, aOff, lda, b, bOff + t * colStep, colStep, innerStep, p0, p1, c, cOff + t * ldc, ldc, mode);
            }
            for (int u = 0; t < nc && u < TILE_VECTORS; u++) { // an odd last column, vector by vector
                EdgeKernels.tile1x1(a, aOff + u * LANES, lda, b, bOff + t * colStep, innerStep, p0, p1, c, cOff + t * ldc + u * LANES,
                        mode);
            }
            return;
        }
        for (; t + 2 <= nc; t += 2) {
            EdgeKernels.tile4x2(a, aOff, lda, b, bOff + t * colStep, colStep, innerStep, p0, p1, c, cOff + t * ldc, ldc, mode);
        }
        if (t < nc) {
            EdgeKernels.tile4x1(a, aOff, lda, b, bOff + t * colStep, innerStep, p0, p1, c, cOff + t * ldc, mode);
        }
    }

    /** The micro-tile of this machine ({@link Blocking#TILE_VECTORS}). */
    static void fullTile(double[] a, int aOff, int lda, double[] b, int bOff, int colStep, int innerStep,
                         int p0, int p1, double[] c, int cOff, int ldc, int mode) {
        if (SIXTEEN_REGISTERS) {
            tile2x6(a, aOff, lda, b, bOff, colStep, innerStep, p0, p1, c, cOff, ldc, mode);
        } else {
            tile4x6(a, aOff, lda, b, bOff, colStep, innerStep, p0, p1, c, cOff, ldc, mode);
        }
    }

    /**
     * The micro-tile: 4 vectors x 6 columns, 24 accumulators, from zero ({@link #STORE}) or from
     * {@code c} ({@link #CONTINUE}); not {@link #ADD}, which goes through a scratch tile ({@link
     * #addTransAProduct}): with the 24 loads at the start and 24 adds at the end in one method,
     * C2 passes its inlining node budget ({@code NodeCountInliningCutoff}), leaves the last vector
     * operations as calls and boxes their vectors (0.9 MB per 784-128-10x256 step).
     */
    private static void tile4x6(double[] a, int aOff, int lda, double[] b, int bOff, int colStep, int innerStep,
                                int p0, int p1, double[] c, int cOff, int ldc, int mode) {
        DoubleVector c00, c10, c20, c30, c01, c11, c21, c31, c02, c12, c22, c32,
                c03, c13, c23, c33, c04, c14, c24, c34, c05, c15, c25, c35;
        if (mode == CONTINUE) {
            int o = cOff;
            c00 = DoubleVector.fromArray(SPECIES, c, o); c10 = DoubleVector.fromArray(SPECIES, c, o + LANES);
            c20 = DoubleVector.fromArray(SPECIES, c, o + 2 * LANES); c30 = DoubleVector.fromArray(SPECIES, c, o + 3 * LANES);
            o += ldc;
            c01 = DoubleVector.fromArray(SPECIES, c, o); c11 = DoubleVector.fromArray(SPECIES, c, o + LANES);
            c21 = DoubleVector.fromArray(SPECIES, c, o + 2 * LANES); c31 = DoubleVector.fromArray(SPECIES, c, o + 3 * LANES);
            o += ldc;
            c02 = DoubleVector.fromArray(SPECIES, c, o); c12 = DoubleVector.fromArray(SPECIES, c, o + LANES);
            c22 = DoubleVector.fromArray(SPECIES, c, o + 2 * LANES); c32 = DoubleVector.fromArray(SPECIES, c, o + 3 * LANES);
            o += ldc;
            c03 = DoubleVector.fromArray(SPECIES, c, o); c13 = DoubleVector.fromArray(SPECIES, c, o + LANES);
            c23 = DoubleVector.fromArray(SPECIES, c, o + 2 * LANES); c33 = DoubleVector.fromArray(SPECIES, c, o + 3 * LANES);
            o += ldc;
            c04 = DoubleVector.fromArray(SPECIES, c, o); c14 = DoubleVector.fromArray(SPECIES, c, o + LANES);
            c24 = DoubleVector.fromArray(SPECIES, c, o + 2 * LANES); c34 = DoubleVector.fromArray(SPECIES, c, o + 3 * LANES);
            o += ldc;
            c05 = DoubleVector.fromArray(SPECIES, c, o); c15 = DoubleVector.fromArray(SPECIES, c, o + LANES);
            c25 = DoubleVector.fromArray(SPECIES, c, o + 2 * LANES); c35 = DoubleVector.fromArray(SPECIES, c, o + 3 * LANES);
        } else {
            c00 = c10 = c20 = c30 = c01 = c11 = c21 = c31 = c02 = c12 = c22 = c32 = DoubleVector.zero(SPECIES);
            c03 = c13 = c23 = c33 = c04 = c14 = c24 = c34 = c05 = c15 = c25 = c35 = c00;
        }
        for (int p = p0; p < p1; p++) {
            final int ao = aOff + p * lda, bo = bOff + p * innerStep;
            final DoubleVector a0 = DoubleVector.fromArray(SPECIES, a, ao), a1 = DoubleVector.fromArray(SPECIES, a, ao + LANES),
                    a2 = DoubleVector.fromArray(SPECIES, a, ao + 2 * LANES), a3 = DoubleVector.fromArray(SPECIES, a, ao + 3 * LANES);
            DoubleVector bv = DoubleVector.broadcast(SPECIES, b[bo]);
            c00 = a0.fma(bv, c00); c10 = a1.fma(bv, c10); c20 = a2.fma(bv, c20); c30 = a3.fma(bv, c30);
            bv = DoubleVector.broadcast(SPECIES, b[bo + colStep]);
            c01 = a0.fma(bv, c01); c11 = a1.fma(bv, c11); c21 = a2.fma(bv, c21); c31 = a3.fma(bv, c31);
            bv = DoubleVector.broadcast(SPECIES, b[bo + 2 * colStep]);
            c02 = a0.fma(bv, c02); c12 = a1.fma(bv, c12); c22 = a2.fma(bv, c22); c32 = a3.fma(bv, c32);
            bv = DoubleVector.broadcast(SPECIES, b[bo + 3 * colStep]);
            c03 = a0.fma(bv, c03); c13 = a1.fma(bv, c13); c23 = a2.fma(bv, c23); c33 = a3.fma(bv, c33);
            bv = DoubleVector.broadcast(SPECIES, b[bo + 4 * colStep]);
            c04 = a0.fma(bv, c04); c14 = a1.fma(bv, c14); c24 = a2.fma(bv, c24); c34 = a3.fma(bv, c34);
            bv = DoubleVector.broadcast(SPECIES, b[bo + 5 * colStep]);
            c05 = a0.fma(bv, c05); c15 = a1.fma(bv, c15); c25 = a2.fma(bv, c25); c35 = a3.fma(bv, c35);
        }
        int o = cOff;
        c00.intoArray(c, o); c10.intoArray(c, o + LANES); c20.intoArray(c, o + 2 * LANES); c30.intoArray(c, o + 3 * LANES); o += ldc;
        c01.intoArray(c, o); c11.intoArray(c, o + LANES); c21.intoArray(c, o + 2 * LANES); c31.intoArray(c, o + 3 * LANES); o += ldc;
        c02.intoArray(c, o); c12.intoArray(c, o + LANES); c22.intoArray(c, o + 2 * LANES); c32.intoArray(c, o + 3 * LANES); o += ldc;
        c03.intoArray(c, o); c13.intoArray(c, o + LANES); c23.intoArray(c, o + 2 * LANES); c33.intoArray(c, o + 3 * LANES); o += ldc;
        c04.intoArray(c, o); c14.intoArray(c, o + LANES); c24.intoArray(c, o + 2 * LANES); c34.intoArray(c, o + 3 * LANES); o += ldc;
        c05.intoArray(c, o); c15.intoArray(c, o + LANES); c25.intoArray(c, o + 2 * LANES); c35.intoArray(c, o + 3 * LANES);
    }

    /**
     * The micro-tile with 16 vector registers: 2 vectors x 6 columns, 12 accumulators, from zero
     * ({@link #STORE}) or from {@code c} ({@link #CONTINUE}), as {@link #tile4x6}.
     */
    private static void tile2x6(double[] a, int aOff, int lda, double[] b, int bOff, int colStep, int innerStep,
                                int p0, int p1, double[] c, int cOff, int ldc, int mode) {
        DoubleVector c00, c10, c01, c11, c02, c12, c03, c13, c04, c14, c05, c15;
        if (mode == CONTINUE) {
            int o = cOff;
            c00 = DoubleVector.fromArray(SPECIES, c, o); c10 = DoubleVector.fromArray(SPECIES, c, o + LANES); o += ldc;
            c01 = DoubleVector.fromArray(SPECIES, c, o); c11 = DoubleVector.fromArray(SPECIES, c, o + LANES); o += ldc;
            c02 = DoubleVector.fromArray(SPECIES, c, o); c12 = DoubleVector.fromArray(SPECIES, c, o + LANES); o += ldc;
            c03 = DoubleVector.fromArray(SPECIES, c, o); c13 = DoubleVector.fromArray(SPECIES, c, o + LANES); o += ldc;
            c04 = DoubleVector.fromArray(SPECIES, c, o); c14 = DoubleVector.fromArray(SPECIES, c, o + LANES); o += ldc;
            c05 = DoubleVector.fromArray(SPECIES, c, o); c15 = DoubleVector.fromArray(SPECIES, c, o + LANES);
        } else {
            c00 = c10 = c01 = c11 = c02 = c12 = c03 = c13 = c04 = c14 = c05 = c15 = DoubleVector.zero(SPECIES);
        }
        for (int p = p0; p < p1; p++) {
            final int ao = aOff + p * lda, bo = bOff + p * innerStep;
            final DoubleVector a0 = DoubleVector.fromArray(SPECIES, a, ao), a1 = DoubleVector.fromArray(SPECIES, a, ao + LANES);
            DoubleVector bv = DoubleVector.broadcast(SPECIES, b[bo]);
            c00 = a0.fma(bv, c00); c10 = a1.fma(bv, c10);
            bv = DoubleVector.broadcast(SPECIES, b[bo + colStep]);
            c01 = a0.fma(bv, c01); c11 = a1.fma(bv, c11);
            bv = DoubleVector.broadcast(SPECIES, b[bo + 2 * colStep]);
            c02 = a0.fma(bv, c02); c12 = a1.fma(bv, c12);
            bv = DoubleVector.broadcast(SPECIES, b[bo + 3 * colStep]);
            c03 = a0.fma(bv, c03); c13 = a1.fma(bv, c13);
            bv = DoubleVector.broadcast(SPECIES, b[bo + 4 * colStep]);
            c04 = a0.fma(bv, c04); c14 = a1.fma(bv, c14);
            bv = DoubleVector.broadcast(SPECIES, b[bo + 5 * colStep]);
            c05 = a0.fma(bv, c05); c15 = a1.fma(bv, c15);
        }
        int o = cOff;
        c00.intoArray(c, o); c10.intoArray(c, o + LANES); o += ldc;
        c01.intoArray(c, o); c11.intoArray(c, o + LANES); o += ldc;
        c02.intoArray(c, o); c12.intoArray(c, o + LANES); o += ldc;
        c03.intoArray(c, o); c13.intoArray(c, o + LANES); o += ldc;
        c04.intoArray(c, o); c14.intoArray(c, o + LANES); o += ldc;
        c05.intoArray(c, o); c15.intoArray(c, o + LANES);
    }

    /**
     * The packed micro-tile, 2 vectors x {@link Blocking#PACKED_COLS} columns, 10 accumulators, from zero
     * ({@link #STORE}) or from {@code c} ({@link #CONTINUE}). Written out by hand so that C2 keeps the
     * accumulators in registers. 2 x 6 on the same panels spilled two of them (C2 held four panel
     * vectors at once: 18.1 GFLOP/s against 25.9 for 2 x 5 on 784-128-10x256's forward product).
     * Both indexes are {@code k} times one constant: written as {@code (k * 5) * L}, C2 keeps a
     * range check in the loop.
     */
    static void tile2x5Packed(double[] a, int aOff, double[] strip, int steps, double[] c, int cOff, int ldc,
                              int mode) {
        DoubleVector c00, c10, c01, c11, c02, c12, c03, c13, c04, c14;
        if (mode == CONTINUE) {
            int o = cOff;
            c00 = DoubleVector.fromArray(SPECIES, c, o); c10 = DoubleVector.fromArray(SPECIES, c, o + LANES); o += ldc;
            c01 = DoubleVector.fromArray(SPECIES, c, o); c11 = DoubleVector.fromArray(SPECIES, c, o + LANES); o += ldc;
            c02 = DoubleVector.fromArray(SPECIES, c, o); c12 = DoubleVector.fromArray(SPECIES, c, o + LANES); o += ldc;
            c03 = DoubleVector.fromArray(SPECIES, c, o); c13 = DoubleVector.fromArray(SPECIES, c, o + LANES); o += ldc;
            c04 = DoubleVector.fromArray(SPECIES, c, o); c14 = DoubleVector.fromArray(SPECIES, c, o + LANES);
        } else {
            c00 = c10 = c01 = c11 = c02 = c12 = c03 = c13 = c04 = c14 = DoubleVector.zero(SPECIES);
        }
        for (int k = 0; k < steps; k++) {
            final int ao = aOff + k * TILE_ROWS, q = k * PACKED_STEP;
            final DoubleVector a0 = DoubleVector.fromArray(SPECIES, a, ao), a1 = DoubleVector.fromArray(SPECIES, a, ao + LANES);
            DoubleVector bv = DoubleVector.fromArray(SPECIES, strip, q);
            c00 = a0.fma(bv, c00); c10 = a1.fma(bv, c10);
            bv = DoubleVector.fromArray(SPECIES, strip, q + LANES);
            c01 = a0.fma(bv, c01); c11 = a1.fma(bv, c11);
            bv = DoubleVector.fromArray(SPECIES, strip, q + 2 * LANES);
            c02 = a0.fma(bv, c02); c12 = a1.fma(bv, c12);
            bv = DoubleVector.fromArray(SPECIES, strip, q + 3 * LANES);
            c03 = a0.fma(bv, c03); c13 = a1.fma(bv, c13);
            bv = DoubleVector.fromArray(SPECIES, strip, q + 4 * LANES);
            c04 = a0.fma(bv, c04); c14 = a1.fma(bv, c14);
        }
        int o = cOff;
        c00.intoArray(c, o); c10.intoArray(c, o + LANES); o += ldc;
        c01.intoArray(c, o); c11.intoArray(c, o + LANES); o += ldc;
        c02.intoArray(c, o); c12.intoArray(c, o + LANES); o += ldc;
        c03.intoArray(c, o); c13.intoArray(c, o + LANES); o += ldc;
        c04.intoArray(c, o); c14.intoArray(c, o + LANES);
    }
}
