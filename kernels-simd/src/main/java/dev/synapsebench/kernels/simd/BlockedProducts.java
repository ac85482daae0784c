package dev.synapsebench.kernels.simd;

import static dev.synapsebench.kernels.simd.Blocking.INNER_BLOCK;
import static dev.synapsebench.kernels.simd.Blocking.PACKED;
import static dev.synapsebench.kernels.simd.Blocking.PACKED_COLS;
import static dev.synapsebench.kernels.simd.Blocking.PACKED_INNER_BLOCK;
import static dev.synapsebench.kernels.simd.Blocking.PACKED_MIN_INNER;
import static dev.synapsebench.kernels.simd.Blocking.TILE_COLS;
import static dev.synapsebench.kernels.simd.Blocking.TILE_ROWS;
import static dev.synapsebench.kernels.simd.Blocking.TILE_VECTORS;
import static dev.synapsebench.kernels.simd.Lanes.LANES;
import static dev.synapsebench.kernels.simd.MicroKernels.ADD;
import static dev.synapsebench.kernels.simd.MicroKernels.CONTINUE;
import static dev.synapsebench.kernels.simd.MicroKernels.STORE;

/**
 * The macro loops of the products for wide outputs (column stride a multiple of {@code L}), the
 * three products of a training step at size: {@code a·b} (forward), {@code a·bT} (hidden delta)
 * and {@code c += aT·b} (update). They are GotoBLAS's and BLIS's loops around a micro-kernel; the
 * parts sit in classes of their own, as in BLIS: the blocking parameters per vector width in
 * {@link Blocking}, the packing in {@link Packing}, the micro-kernels in {@link MicroKernels} and
 * {@link EdgeKernels}, and what a finished tile goes through in {@link TileEpilogue}.
 *
 * <ul>
 *   <li><b>In place</b> ({@link #product} without {@link Blocking#PACKED}): {@code a} is read where
 *       it is (column-major: a column of {@code a} is contiguous, so a tile's vectors are plain
 *       loads), {@code b} through a column step and an inner step, so the transpose is read in
 *       place too. The inner index is cut into blocks of {@link Blocking#INNER_BLOCK}: a block's
 *       panel of {@code b} stays in L1 while every micro-tile of a column strip uses it.</li>
 *   <li><b>Packed</b> ({@link #packedProduct}, {@link #packedUpdate}): both operands copied into
 *       micro-panels first, so the micro-kernel's loop is loads and FMAs.</li>
 *   <li><b>The update</b> {@code c += aT·b}: the inner index is the examples, along the columns of
 *       both operands, but a vector of {@code c} needs a <em>row</em> of {@code a}, so {@code a}
 *       is always packed transposed first ({@link Packing#packTransposed}: N x K values against
 *       N x K x M multiply-adds, 1/M of the work). The product is finished before it is added to
 *       {@code c} (the project's rule: numpy computes {@code a.T.dot(b)} before adding).</li>
 * </ul>
 *
 * <p>Later inner blocks continue each element's FMA chain from the stored partial sum, which is
 * exact; every tile, packed or not, sums an element's terms in the same order. So blocking,
 * packing and tile shapes never change a bit ({@code BlockedProductsTest}). Rows are computed in
 * whole vectors, padding rows included: they hold anything, and no valid element depends on them.
 */
final class BlockedProducts {

    private BlockedProducts() {
    }

    /**
     * {@code out = a·B}, {@code B(p, col) = b[col * colStep + p * innerStep]} ({@code a·b}:
     * {@code colStep} = b's stride, {@code innerStep} = 1; {@code a·bT}: 1 and b's stride), then
     * {@code epilogue} on each finished tile ({@code act}: the activation of {@link
     * TileEpilogue#DERIVATIVE}).
     */
    static void product(SimdMatrix a, double[] b, int colStep, int innerStep, SimdMatrix out, int epilogue, double[] act) {
        final int inner = a.cols, vectors = out.stride / LANES, cols = out.cols, lda = a.stride, ldc = out.stride;
        if (PACKED && inner >= PACKED_MIN_INNER && vectors >= TILE_VECTORS && cols >= PACKED_COLS) {
            packedProduct(a, b, colStep, innerStep, out, epilogue, act);
            return;
        }
        final double[] x = a.data, z = out.data;
        for (int p0 = 0; p0 < inner; p0 += INNER_BLOCK) {
            final int p1 = Math.min(inner, p0 + INNER_BLOCK);
            final int mode = p0 == 0 ? STORE : CONTINUE;
            final boolean last = p1 == inner;
            for (int j = 0; j < cols; j += TILE_COLS) {
                final int nc = Math.min(TILE_COLS, cols - j);
                for (int v = 0; v < vectors; v += TILE_VECTORS) {
                    final int nv = Math.min(TILE_VECTORS, vectors - v);
                    MicroKernels.tile(x, v * LANES, lda, b, j * colStep, colStep, innerStep, p0, p1, z, j * ldc + v * LANES,
                            ldc, nv, nc, mode);
                }
                if (last) {
                    TileEpilogue.finishColumns(z, j * ldc, (j + nc) * ldc, epilogue, act);
                }
            }
        }
    }

    /**
     * {@link #product} on packed operands. Read in the code C2 emits ({@code
     * tools/disassemble-c2.py}), {@link MicroKernels#tile2x6} on operands read in place through their
     * strides runs 8 range checks, 2 multiplies and 7 reloads of array bases from the stack per step
     * of 12 FMAs, about half the peak. Packed: per inner block of {@link Blocking#PACKED_INNER_BLOCK},
     * {@code a}'s full row panels once ({@link Packing#packRows}), then per strip of {@link
     * Blocking#PACKED_COLS} columns of {@code b} its values repeated across vectors ({@link
     * Packing#packBroadcast}), then {@link MicroKernels#tile2x5Packed} down the strip. A last, partial
     * strip is packed with zero columns and computed whole into a scratch strip, whose real columns
     * are copied out after the last block (at the edges the in-place tiles ran at a quarter of the
     * peak: 8.6% of 784-128-10x256's step for 3 of its 128 columns). Rows past the last full panel
     * take the in-place tiles.
     */
    private static void packedProduct(SimdMatrix a, double[] b, int colStep, int innerStep, SimdMatrix out,
                                      int epilogue, double[] act) {
        final int inner = a.cols, vectors = out.stride / LANES, cols = out.cols, lda = a.stride, ldc = out.stride;
        final int panelVectors = vectors / TILE_VECTORS * TILE_VECTORS;
        final double[] x = a.data, z = out.data;
        final double[] edge = cols % PACKED_COLS == 0 ? null : out.packing.productTile(ldc * PACKED_COLS); // partial strips only
        for (int p0 = 0; p0 < inner; p0 += PACKED_INNER_BLOCK) {
            final int p1 = Math.min(inner, p0 + PACKED_INNER_BLOCK), steps = p1 - p0;
            final int mode = p0 == 0 ? STORE : CONTINUE;
            final double[] rows = Packing.packRows(x, lda, panelVectors, p0, p1, out);
            for (int j = 0; j < cols; j += PACKED_COLS) {
                final int nc = Math.min(PACKED_COLS, cols - j);
                final double[] strip = Packing.packBroadcast(b, j * colStep, colStep, innerStep, p0, p1, nc, out);
                final boolean whole = nc == PACKED_COLS;
                for (int v = 0; v < panelVectors; v += TILE_VECTORS) {
                    MicroKernels.tile2x5Packed(rows, v * LANES * steps, strip, steps, whole ? z : edge,
                            (whole ? j * ldc : 0) + v * LANES, ldc, mode);
                }
                for (int v = panelVectors; v < vectors; v++) { // rows past the last full panel, a vector at a time
                    MicroKernels.tile(x, v * LANES, lda, b, j * colStep, colStep, innerStep, p0, p1, z, j * ldc + v * LANES,
                            ldc, 1, nc, mode);
                }
                if (p1 == inner) {
                    if (!whole) {
                        copyColumns(edge, z, j * ldc, panelVectors * LANES, nc, ldc);
                    }
                    TileEpilogue.finishColumns(z, j * ldc, (j + nc) * ldc, epilogue, act);
                }
            }
        }
    }

    /** Rows {@code [0, rows)} of {@code nc} columns from the scratch strip into {@code z} at {@code at}. */
    private static void copyColumns(double[] edge, double[] z, int at, int rows, int nc, int ldc) {
        for (int t = 0; t < nc; t++) {
            System.arraycopy(edge, t * ldc, z, at + t * ldc, rows);
        }
    }

    /**
     * {@code c = c + aT·b}: {@code a} transposed into panels, then micro-tiles over all the examples,
     * each finished into a scratch tile and added ({@link #packedUpdate} where {@link Blocking#PACKED}).
     */
    static void addTransAProduct(SimdMatrix a, SimdMatrix b, SimdMatrix c) {
        final int examples = a.rows, vectors = c.stride / LANES, cols = c.cols, ldb = b.stride, ldc = c.stride;
        final double[] panels = Packing.packTransposed(a, c.stride);
        if (PACKED && examples >= PACKED_MIN_INNER && cols >= PACKED_COLS) {
            packedUpdate(panels, examples, b, c);
            return;
        }
        final double[] scratch = c.packing.productTile(TILE_ROWS * TILE_COLS), y = b.data, z = c.data;
        for (int v = 0; v < vectors; v += TILE_VECTORS) {
            final int nv = Math.min(TILE_VECTORS, vectors - v);
            final int panel = v / TILE_VECTORS * TILE_ROWS * examples;
            for (int j = 0; j < cols; j += TILE_COLS) {
                final int nc = Math.min(TILE_COLS, cols - j), at = j * ldc + v * LANES;
                if (nv == TILE_VECTORS && nc == TILE_COLS) { // the product into the scratch tile, then added
                    MicroKernels.fullTile(panels, panel, TILE_ROWS, y, j * ldb, ldb, 1, 0, examples, scratch, 0, TILE_ROWS,
                            STORE);
                    TileEpilogue.addProduct(scratch, 0, TILE_ROWS, z, at, ldc, TILE_VECTORS, TILE_COLS);
                } else {
                    MicroKernels.tile(panels, panel, TILE_ROWS, y, j * ldb, ldb, 1, 0, examples, z, at, ldc, nv, nc, ADD);
                }
            }
        }
    }

    /**
     * The update on packed panels: per strip of {@link Blocking#PACKED_COLS} columns of {@code c},
     * per inner block of {@link Blocking#PACKED_INNER_BLOCK} examples, the strip of {@code b} packed
     * ({@link Packing#packBroadcast}, a last partial strip with zero columns) and {@link
     * MicroKernels#tile2x5Packed} down all the panels of {@code aT} into a strip-sized product ({@link
     * PackingBuffers#productTile}), whose real columns are added to {@code c} once finished, while
     * they are in L1 or L2. {@code aT}'s panels cover the rows up to a whole panel, padded with zeros.
     */
    private static void packedUpdate(double[] panels, int examples, SimdMatrix b, SimdMatrix c) {
        final int vectors = c.stride / LANES, cols = c.cols, ldb = b.stride, ldc = c.stride;
        final int panelRows = (c.stride + TILE_ROWS - 1) / TILE_ROWS * TILE_ROWS;
        final double[] product = c.packing.productTile(panelRows * PACKED_COLS), y = b.data, z = c.data;
        for (int j = 0; j < cols; j += PACKED_COLS) {
            final int nc = Math.min(PACKED_COLS, cols - j);
            for (int p0 = 0; p0 < examples; p0 += PACKED_INNER_BLOCK) {
                final int p1 = Math.min(examples, p0 + PACKED_INNER_BLOCK), steps = p1 - p0;
                final int mode = p0 == 0 ? STORE : CONTINUE;
                final double[] strip = Packing.packBroadcast(y, j * ldb, ldb, 1, p0, p1, nc, c);
                for (int r = 0; r < panelRows; r += TILE_ROWS) {
                    MicroKernels.tile2x5Packed(panels, r * examples + p0 * TILE_ROWS, strip, steps, product, r, panelRows,
                            mode);
                }
            }
            TileEpilogue.addProduct(product, 0, panelRows, z, j * ldc, ldc, vectors, nc);
        }
    }
}
