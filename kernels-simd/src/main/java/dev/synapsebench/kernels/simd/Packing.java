package dev.synapsebench.kernels.simd;

import jdk.incubator.vector.DoubleVector;

import static dev.synapsebench.kernels.simd.Blocking.PACKED_COLS;
import static dev.synapsebench.kernels.simd.Blocking.PACKED_INNER_BLOCK;
import static dev.synapsebench.kernels.simd.Blocking.PACKED_STEP;
import static dev.synapsebench.kernels.simd.Blocking.TILE_ROWS;
import static dev.synapsebench.kernels.simd.Lanes.LANES;
import static dev.synapsebench.kernels.simd.Lanes.SPECIES;

/**
 * BLIS's packing, apart from the micro-kernels that read what it writes: operands copied into
 * contiguous micro-panels, so that a micro-kernel streams them with unit stride and no index
 * arithmetic but {@code k * constant}. Transposes are absorbed here: a panel is the same whether
 * its source is read along rows or columns. The buffers are the output matrix's ({@link
 * PackingBuffers}), made on first use and kept, so steady-state steps allocate nothing.
 */
final class Packing {

    /**
     * Columns of {@code a} {@link #packTransposed} reads side by side. Columns of 256 or 512
     * examples lie 2 or 4 KB apart, which maps them to the same 1-2 sets of the 12-way L1: 32
     * such lines evict each other before their 8 examples are read (measured: 3.5 cycles per value
     * copied), 16 fit.
     */
    static final int PACK_ROWS = Math.min(16, TILE_ROWS); // a pack stays within one panel (8 rows on AVX2)

    private Packing() {
    }

    /**
     * Rows {@code [r, r + TILE_ROWS)} of {@code a}'s columns {@code [p0, p1)} for every full panel
     * ({@code r} a multiple of {@link Blocking#TILE_ROWS} below {@code vectors L}), each panel step-major:
     * {@code a(r + i, p0 + k)} at {@code r (p1 - p0) + k TILE_ROWS + i}. In the output matrix's buffer
     * ({@link PackingBuffers#rowPanels}).
     */
    static double[] packRows(double[] a, int lda, int vectors, int p0, int p1, SimdMatrix out) {
        final int steps = p1 - p0;
        final double[] packed = out.packing.rowPanels(vectors * LANES * PACKED_INNER_BLOCK);
        for (int r = 0; r < vectors * LANES; r += TILE_ROWS) {
            for (int k = 0, from = r + p0 * lda, to = r * steps; k < steps; k++, from += lda, to += TILE_ROWS) {
                DoubleVector.fromArray(SPECIES, a, from).intoArray(packed, to);
                DoubleVector.fromArray(SPECIES, a, from + LANES).intoArray(packed, to + LANES);
            }
        }
        return packed;
    }

    /**
     * {@code B(p, j + t)} for {@code p} in {@code [p0, p1)} and the strip's {@link Blocking#PACKED_COLS}
     * columns {@code t}, each value repeated across a vector: value {@code (p0 + k, t)} at {@code k
     * PACKED_STEP + t L}; columns from {@code cols} on (a last, partial strip) are zeros, so that the
     * micro-kernel runs a full tile there too and its extra columns are dropped. Loading whole vectors
     * spares {@link MicroKernels#tile2x5Packed} a broadcast register per column (with broadcasts C2
     * keeps three in flight and spills an accumulator: {@code MicroKernelProbe}). In the output
     * matrix's buffer ({@link PackingBuffers#broadcastStrip}).
     */
    static double[] packBroadcast(double[] b, int bOff, int colStep, int innerStep, int p0, int p1, int cols,
                                  SimdMatrix out) {
        final double[] strip = out.packing.broadcastStrip(PACKED_INNER_BLOCK * PACKED_STEP);
        for (int p = p0, to = 0; p < p1; p++, to += PACKED_STEP) {
            final int from = bOff + p * innerStep;
            for (int t = 0; t < PACKED_COLS; t++) {
                DoubleVector.broadcast(SPECIES, t < cols ? b[from + t * colStep] : 0.0).intoArray(strip, to + t * LANES);
            }
        }
        return strip;
    }

    /**
     * {@code aT} in panels of {@link Blocking#TILE_ROWS} rows (columns of {@code a}), each panel
     * example-major: {@code aT(i, p)} at {@code (i / TILE_ROWS) * TILE_ROWS * N + p * TILE_ROWS + i % TILE_ROWS},
     * so a micro-tile reads its 4 vectors per example from one contiguous run. Rows past
     * {@code a}'s columns, up to {@code rows} (the output's stride, rounded up to a panel), are 0.
     */
    static double[] packTransposed(SimdMatrix a, int rows) { // package-private: StepBreakdown times it alone
                                   final int examples = a.rows, sa = a.stride, cols = a.cols;
                                   final int panelRows = (rows + TILE_ROWS - 1) / TILE_ROWS * TILE_ROWS;
                                   final double[] x = a.data, packed = a.packing.transposedPanels(panelRows * examples);
                                   // Example by example, PACK_ROWS columns at a time: the writes are contiguous, and the
                                   // source cache lines (one per column) stay in L1 for the 8 examples each holds.
                                   for (int i0 = 0; i0 < panelRows; i0 += PACK_ROWS) {
            final int to0 = i0 / TILE_ROWS * TILE_ROWS * examples + i0 % TILE_ROWS;
            final int real = Math.max(0, Math.min(PACK_ROWS, cols - i0));
            for (int p = 0; p < examples; p++) {
                final int to = to0 + p * TILE_ROWS;
                for (int r = 0, from = i0 * sa + p; r < real; r++, from += sa) {
                    packed[to + r] = x[from];
                }
                for (int r = real; r < PACK_ROWS; r++) {
                    packed[to + r] = 0.0;
                }
            }
        }
        return packed;
    }
}
