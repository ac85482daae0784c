package dev.synapsebench.kernels.simd;

import jdk.incubator.vector.DoubleVector;

import static dev.synapsebench.kernels.simd.VectorOps.LANES;
import static dev.synapsebench.kernels.simd.VectorOps.SPECIES;

/**
 * Register-blocked products for wide outputs (column stride a multiple of {@code L}), the three
 * products of a training step at size: {@code a·b} (forward), {@code a·bT} (hidden delta) and
 * {@code c += aT·b} (update).
 *
 * <p>The structure is GotoBLAS's and BLIS's, without their outer cache blocking of the output
 * (the sweep's matrices are small enough that one level suffices): the output is cut into
 * <em>micro-tiles</em> of {@link #TILE_VECTORS} vectors by {@link #TILE_COLS} columns (32 x 6 on
 * AVX-512) whose 24 accumulators stay in registers for the whole inner loop. Per inner index a
 * micro-tile loads 4 vectors of {@code a} and broadcasts 6 values of {@code b} for 24 FMAs, so
 * the FMA units, not the loads, set the pace, and 24 independent chains cover the FMA latency
 * (4 cycles x 2 pipes needs at least 8). 24 accumulators + 4 vectors of {@code a} + 1 broadcast
 * use 29 of AVX-512's 32 vector registers; C2 keeps them all in registers (no spills: the
 * 784x256x128 product reaches 87 GFLOP/s, 77% of this machine's peak, in a plain loop test).
 * With AVX2's 16 registers the tile is 2 vectors x 6 columns ({@link #tile2x6}): 12 chains still
 * cover the latency (4 cycles x 2 FMA pipes needs 8). Either tile sums each element's terms in the
 * same order, so the tile shape does not change a bit. On AVX2, float64's {@code a·b} and {@code
 * a·bT} of inner length {@link #PACKED_MIN_INNER} and more pack both operands first and run a 2 x 5
 * tile on the packed panels ({@link #packedProduct}), the same chains again.
 *
 * <ul>
 *   <li><b>{@code a·b}, {@code a·bT}</b>: {@code a} is read in place (column-major: a column of
 *       {@code a} is contiguous, so the 4 vectors are plain loads), {@code b} through a column
 *       step and an inner step, so the transpose is read in place too. The inner index is cut
 *       into blocks of {@link #INNER_BLOCK}: a block's 6-column panel of {@code b} stays in L1
 *       while every micro-tile of a column strip uses it. Later blocks continue each tile's FMA
 *       chain from the stored partial sum, which is exact, so blocking does not change a bit.
 *       The sigmoid (forward) or the derivative factor {@code a(1-a)} (hidden delta) is applied
 *       to each finished tile right after its last store, while it is in L1
 *       ({@link #finishTile}): no extra pass over memory.</li>
 *   <li><b>{@code c += aT·b}</b>: the inner index is the examples, along the columns of both
 *       operands, but a vector of {@code c} needs a <em>row</em> of {@code a}. So {@code a} is
 *       first copied transposed into panels of {@link #TILE_ROWS} rows ({@link #packTransposed},
 *       N x K values against N x K x M multiply-adds: 1/M of the work), and then the same
 *       micro-tiles run, each over all the examples, so that the finished product is added to
 *       {@code c} once (the project's rule: numpy computes {@code a.T.dot(b)} before adding).</li>
 * </ul>
 *
 * <p>Edges: tiles with fewer columns run two columns at a time ({@link #tile4x2}, {@link
 * #tile4x1} for an odd last one), with fewer vectors vector by vector ({@link #tile1x6}, {@link
 * #tile1x1}). Rows are computed in whole vectors,
 * padding rows included: they hold anything, and no valid element depends on them.
 *
 * <p>Like the rest of the backend, nothing allocates in steady state: every vector lives inside
 * one method, and the transposed panels are a buffer the matrix keeps ({@link
 * SimdMatrix#transposedPanels}), allocated on its first use as an update's left operand. Vectors
 * are loaded with {@code DoubleVector.fromArray} itself, which the JDK forces inline, not through a
 * helper method: C2 inlines a helper only where its call site is frequent, and a rarely taken load
 * (a tile's {@link #CONTINUE} start, where other shapes ran first) left as a call returns a boxed
 * vector, which then boxes its accumulator on every FMA of the loop (seen with the float32 twin:
 * 7 KB per 20-24-3x12 step after a mix of shapes, and 130 KB at 40-70-13x80).
 */
final class BlockedProducts {

    /**
     * Whether the machine has 16 vector registers, not 32: x86 below AVX-512 (AVX2's 16 ymm
     * registers). The Vector API does not say; the preferred species does (512 bits only with
     * AVX-512 and its 32 zmm registers). ARM's NEON and SVE have 32.
     */
    static final boolean SIXTEEN_REGISTERS = isX86() && SPECIES.vectorBitSize() < 512;
    /**
     * Rows of a micro-tile in vectors: 4 with 32 registers (32 rows on AVX-512: 24 accumulators,
     * {@link #tile4x6}), 2 with 16 (8 rows on AVX2: 12 accumulators, 2 vectors of {@code a} and a
     * broadcast, {@link #tile2x6}; BLIS's Haswell kernel keeps 12 accumulators for the same
     * reason). The 4-vector tile on AVX2 spills: 37-40% of the FP64 peak at 64-256-1x256 and up.
     */
    static final int TILE_VECTORS = SIXTEEN_REGISTERS ? 2 : 4;
    /** Rows of a micro-tile, and of a panel of the transposed left operand of the update. */
    static final int TILE_ROWS = TILE_VECTORS * LANES;
    /** Columns of a micro-tile: 4 x 6 = 24 or 2 x 6 = 12 accumulators (see {@link #TILE_VECTORS}). */
    static final int TILE_COLS = 6;
    /**
     * Inner-index block of {@code a·b} and {@code a·bT}: a 256 x 6 panel of {@code b} is 12 KB,
     * a quarter of L1, and a 256-row block of {@code a}'s 256 columns 512 KB, half of L2. Of 128,
     * 256, 392 and 784 on the 784x256x128 forward product, 256 was fastest (87 GFLOP/s; 79, 81, 71).
     */
    static final int INNER_BLOCK = 256;

    // The packed path of AVX2 (packedProduct)
    /**
     * Whether {@link #product} packs its operands: with 16 vector registers, in float64. The float32
     * twin (8 float lanes on AVX2) measured slower packed (simd float32 trainingStep 128-512-1x512
     * 2.83 ms unpacked, 3.60-3.69 packed; float64 6.94 and 5.76-6.10), which is not understood yet,
     * so it keeps the unpacked tiles. 64 is float64's element size in bits (the twin's is 32).
     */
    static final boolean PACKED = SIXTEEN_REGISTERS && SPECIES.elementSize() == 64;
    /** Columns of its micro-tile: 2 x 5 = 10 accumulators, which C2 keeps in AVX2's 16 registers with the panels' vectors. */
    static final int PACKED_COLS = 5;
    /**
     * Its inner block. Measured on Zen 3, 784-128-10x256's forward product, one JVM each: 96 steps
     * 30.5 GFLOP/s, 256 steps 25.9 (a strip of 256 x 5 vectors is 40 KB, past L1's 32 KB).
     */
    static final int PACKED_INNER_BLOCK = 96;
    /** Doubles per step of a packed strip: {@link #PACKED_COLS} vectors. */
    private static final int PACKED_STEP = PACKED_COLS * LANES;
    /**
     * Inner lengths below which products stay unpacked: packing copies each operand once per block,
     * which a short inner loop does not repay. A round figure, not measured: the sweep's shortest
     * packed product is 64-256-1x256's forward one (64 inputs).
     */
    static final int PACKED_MIN_INNER = 64;

    /**
     * Columns of {@code a} {@link #packTransposed} reads side by side. Columns of 256 or 512
     * examples lie 2 or 4 KB apart, which maps them to the same 1-2 sets of the 12-way L1: 32
     * such lines evict each other before their 8 examples are read (measured: 3.5 cycles per value
     * copied), 16 fit.
     */
    static final int PACK_ROWS = Math.min(16, TILE_ROWS); // a pack stays within one panel (8 rows on AVX2)

    /** The finished tile as it is: no epilogue. */
    static final int PLAIN = 0;
    /** The finished tile through {@code 1 / (1 + exp(-x))}: the forward layer. */
    static final int SIGMOID = 1;
    /** The finished tile times {@code act * (1 - act)}: the hidden delta. */
    static final int DERIVATIVE = 2;

    // what a micro-tile does with its output
    /** {@code c = product}: the first inner block. */
    private static final int STORE = 0;
    /** {@code c = c + terms}, the FMA chain continued from {@code c}: later inner blocks (exact). */
    private static final int CONTINUE = 1;
    /** {@code c = c + product}, the product finished first: the update. */
    private static final int ADD = 2;

    private BlockedProducts() {
    }

    private static boolean isX86() {
        String arch = System.getProperty("os.arch", "");
        return arch.equals("amd64") || arch.equals("x86_64") || arch.equals("x86");
    }

    /**
     * {@code out = a·B}, {@code B(p, col) = b[col * colStep + p * innerStep]} ({@code a·b}:
     * {@code colStep} = b's stride, {@code innerStep} = 1; {@code a·bT}: 1 and b's stride), then
     * {@code epilogue} on each finished tile ({@code act}: the activation of {@link #DERIVATIVE}).
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
                    final int at = j * ldc + v * LANES;
                    tile(x, v * LANES, lda, b, j * colStep, colStep, innerStep, p0, p1, z, at, ldc, nv, nc, mode);
                    if (last) {
                        finishTile(z, at, ldc, nv, nc, epilogue, act);
                    }
                }
            }
        }
    }

    /**
     * {@link #product} with 16 vector registers (AVX2): both operands packed, as BLIS does. Read in
     * the code C2 emits ({@code tools/disassemble-c2.py}), {@link #tile2x6} on operands read in
     * place through their strides runs 8 range checks, 2 multiplies and 7 reloads of array bases
     * from the stack per step of 12 FMAs, about half the peak. Packed, the loop is loads and FMAs:
     * per inner block of {@link #PACKED_INNER_BLOCK}, {@code a}'s full row panels once ({@link
     * #packRows}), then per strip of {@link #PACKED_COLS} columns of {@code b} its values repeated
     * across vectors ({@link #packBroadcast}), then {@link #tile2x5Packed} down the strip. Rows past
     * the last full panel and columns past the last full strip take {@link #tile}. Each element is
     * the same FMA chain in the same order as in {@link #product}'s tiles: the same bits.
     */
    private static void packedProduct(SimdMatrix a, double[] b, int colStep, int innerStep, SimdMatrix out,
                                      int epilogue, double[] act) {
        final int inner = a.cols, vectors = out.stride / LANES, cols = out.cols, lda = a.stride, ldc = out.stride;
        final int panelVectors = vectors / TILE_VECTORS * TILE_VECTORS, stripCols = cols / PACKED_COLS * PACKED_COLS;
        final double[] x = a.data, z = out.data;
        for (int p0 = 0; p0 < inner; p0 += PACKED_INNER_BLOCK) {
            final int p1 = Math.min(inner, p0 + PACKED_INNER_BLOCK), steps = p1 - p0;
            final int mode = p0 == 0 ? STORE : CONTINUE;
            final boolean last = p1 == inner;
            final double[] rows = packRows(x, lda, panelVectors, p0, p1, out);
            for (int j = 0; j < stripCols; j += PACKED_COLS) {
                final double[] strip = packBroadcast(b, j * colStep, colStep, innerStep, p0, p1, out);
                for (int v = 0; v < panelVectors; v += TILE_VECTORS) {
                    final int at = j * ldc + v * LANES;
                    tile2x5Packed(rows, v * LANES * steps, strip, steps, z, at, ldc, mode);
                    if (last) {
                        finishTile(z, at, ldc, TILE_VECTORS, PACKED_COLS, epilogue, act);
                    }
                }
                for (int v = panelVectors; v < vectors; v++) { // rows past the last full panel, a vector at a time
                    final int at = j * ldc + v * LANES;
                    tile(x, v * LANES, lda, b, j * colStep, colStep, innerStep, p0, p1, z, at, ldc, 1, PACKED_COLS, mode);
                    if (last) {
                        finishTile(z, at, ldc, 1, PACKED_COLS, epilogue, act);
                    }
                }
            }
            if (stripCols < cols) { // columns past the last full strip
                final int nc = cols - stripCols;
                for (int v = 0; v < vectors; v += TILE_VECTORS) {
                    final int nv = Math.min(TILE_VECTORS, vectors - v), at = stripCols * ldc + v * LANES;
                    tile(x, v * LANES, lda, b, stripCols * colStep, colStep, innerStep, p0, p1, z, at, ldc, nv, nc, mode);
                    if (last) {
                        finishTile(z, at, ldc, nv, nc, epilogue, act);
                    }
                }
            }
        }
    }

    /**
     * Rows {@code [r, r + TILE_ROWS)} of {@code a}'s columns {@code [p0, p1)} for every full panel
     * ({@code r} a multiple of {@link #TILE_ROWS} below {@code vectors L}), each panel step-major:
     * {@code a(r + i, p0 + k)} at {@code r (p1 - p0) + k TILE_ROWS + i}. In the output matrix's buffer
     * ({@link SimdMatrix#rowPanels}).
     */
    private static double[] packRows(double[] a, int lda, int vectors, int p0, int p1, SimdMatrix out) {
        final int steps = p1 - p0;
        final double[] packed = out.rowPanels(vectors * LANES * PACKED_INNER_BLOCK);
        for (int r = 0; r < vectors * LANES; r += TILE_ROWS) {
            for (int k = 0, from = r + p0 * lda, to = r * steps; k < steps; k++, from += lda, to += TILE_ROWS) {
                DoubleVector.fromArray(SPECIES, a, from).intoArray(packed, to);
                DoubleVector.fromArray(SPECIES, a, from + LANES).intoArray(packed, to + LANES);
            }
        }
        return packed;
    }

    /**
     * {@code B(p, j + t)} for {@code p} in {@code [p0, p1)} and the strip's {@link #PACKED_COLS}
     * columns {@code t}, each value repeated across a vector: value {@code (p0 + k, t)} at {@code k
     * PACKED_STEP + t L}. Loading whole vectors spares {@link #tile2x5Packed} a broadcast register per
     * column (with broadcasts C2 keeps three in flight and spills an accumulator: {@code
     * MicroKernelProbe}). In the output matrix's buffer ({@link SimdMatrix#broadcastPanel}).
     */
    private static double[] packBroadcast(double[] b, int bOff, int colStep, int innerStep, int p0, int p1,
                                          SimdMatrix out) {
        final double[] strip = out.broadcastPanel(PACKED_INNER_BLOCK * PACKED_STEP);
        for (int p = p0, to = 0; p < p1; p++) {
            final int from = bOff + p * innerStep;
            for (int t = 0; t < PACKED_COLS; t++, to += LANES) {
                DoubleVector.broadcast(SPECIES, b[from + t * colStep]).intoArray(strip, to);
            }
        }
        return strip;
    }

    /**
     * The packed micro-tile, 2 vectors x {@link #PACKED_COLS} columns, 10 accumulators, from zero
     * ({@link #STORE}) or from {@code c} ({@link #CONTINUE}). Written out by hand so that C2 keeps the
     * accumulators in registers. 2 x 6 on the same panels spilled two of them (C2 held four panel
     * vectors at once: 18.1 GFLOP/s against 25.9 for 2 x 5 on 784-128-10x256's forward product).
     * Both indexes are {@code k} times one constant: written as {@code (k * 5) * L}, C2 keeps a
     * range check in the loop.
     */
    private static void tile2x5Packed(double[] a, int aOff, double[] strip, int steps, double[] c, int cOff, int ldc,
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

    /** {@code c = c + aT·b}: {@code a} transposed into panels, then micro-tiles over all the examples. */
    static void addTransAProduct(SimdMatrix a, SimdMatrix b, SimdMatrix c) {
        final int examples = a.rows, vectors = c.stride / LANES, cols = c.cols, ldb = b.stride, ldc = c.stride;
        final double[] panels = packTransposed(a, c.stride);
        final int scratch = panels.length - TILE_ROWS * TILE_COLS; // a tile's worth after the panels
        final double[] y = b.data, z = c.data;
        for (int v = 0; v < vectors; v += TILE_VECTORS) {
            final int nv = Math.min(TILE_VECTORS, vectors - v);
            final int panel = v / TILE_VECTORS * TILE_ROWS * examples;
            for (int j = 0; j < cols; j += TILE_COLS) {
                final int nc = Math.min(TILE_COLS, cols - j), at = j * ldc + v * LANES;
                if (nv == TILE_VECTORS && nc == TILE_COLS) { // the product into the scratch tile, then added
                    fullTile(panels, panel, TILE_ROWS, y, j * ldb, ldb, 1, 0, examples, panels, scratch, TILE_ROWS, STORE);
                    addTile(panels, scratch, z, at, ldc);
                } else {
                    tile(panels, panel, TILE_ROWS, y, j * ldb, ldb, 1, 0, examples, z, at, ldc, nv, nc, ADD);
                }
            }
        }
    }

    /**
     * {@code aT} in panels of {@link #TILE_ROWS} rows (columns of {@code a}), each panel
     * example-major: {@code aT(i, p)} at {@code (i / TILE_ROWS) * TILE_ROWS * N + p * TILE_ROWS + i % TILE_ROWS},
     * so a micro-tile reads its 4 vectors per example from one contiguous run. Rows past
     * {@code a}'s columns, up to {@code rows} (the output's stride, rounded up to a panel), are 0.
     * The buffer ends with one more tile's worth, the scratch tile of the update.
     */
    static double[] packTransposed(SimdMatrix a, int rows) { // package-private: StepBreakdown times it alone
        final int examples = a.rows, sa = a.stride, cols = a.cols;
        final int panelRows = (rows + TILE_ROWS - 1) / TILE_ROWS * TILE_ROWS;
        final double[] x = a.data, packed = a.transposedPanels(panelRows * examples + TILE_ROWS * TILE_COLS);
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

    /**
     * One tile of {@code nv} vectors by {@code nc} columns: the full micro-tile, or its edges piece
     * by piece ({@link #ADD} only for edges: a full tile of the update is {@link #addTransAProduct}'s).
     */
    private static void tile(double[] a, int aOff, int lda, double[] b, int bOff, int colStep, int innerStep,
                             int p0, int p1, double[] c, int cOff, int ldc, int nv, int nc, int mode) {
        if (nv == TILE_VECTORS && nc == TILE_COLS) {
            fullTile(a, aOff, lda, b, bOff, colStep, innerStep, p0, p1, c, cOff, ldc, mode);
        } else if (nv == TILE_VECTORS) {
            columnEdge(a, aOff, lda, b, bOff, colStep, innerStep, p0, p1, c, cOff, ldc, nc, mode);
        } else if (nc == TILE_COLS) {
            for (int u = 0; u < nv; u++) {
                tile1x6(a, aOff + u * LANES, lda, b, bOff, colStep, innerStep, p0, p1, c, cOff + u * LANES, ldc, mode);
            }
        } else {
            for (int t = 0; t < nc; t++) {
                for (int u = 0; u < nv; u++) {
                    tile1x1(a, aOff + u * LANES, lda, b, bOff + t * colStep, innerStep, p0, p1,
                            c, cOff + t * ldc + u * LANES, mode);
                }
            }
        }
    }

    /**
     * A micro-tile's rows with fewer than {@link #TILE_COLS} columns, two columns at a time. Its own
     * method, so that {@link #tile} stays small enough for C2 to inline where the matrices are
     * tiny (with the AVX2 branch written into {@code tile}, 3-4-1's forward pass was 10-20% slower).
     */
    private static void columnEdge(double[] a, int aOff, int lda, double[] b, int bOff, int colStep, int innerStep,
                                   int p0, int p1, double[] c, int cOff, int ldc, int nc, int mode) {
        int t = 0;
        if (SIXTEEN_REGISTERS) {
            for (; t + 2 <= nc; t += 2) {
                tile2x2(a, aOff, lda, b, bOff + t * colStep, colStep, innerStep, p0, p1, c, cOff + t * ldc, ldc, mode);
            }
            for (int u = 0; t < nc && u < TILE_VECTORS; u++) { // an odd last column, vector by vector
                tile1x1(a, aOff + u * LANES, lda, b, bOff + t * colStep, innerStep, p0, p1, c, cOff + t * ldc + u * LANES,
                        mode);
            }
            return;
        }
        for (; t + 2 <= nc; t += 2) {
            tile4x2(a, aOff, lda, b, bOff + t * colStep, colStep, innerStep, p0, p1, c, cOff + t * ldc, ldc, mode);
        }
        if (t < nc) {
            tile4x1(a, aOff, lda, b, bOff + t * colStep, innerStep, p0, p1, c, cOff + t * ldc, mode);
        }
    }

    /** The micro-tile of this machine ({@link #TILE_VECTORS}). */
    private static void fullTile(double[] a, int aOff, int lda, double[] b, int bOff, int colStep, int innerStep,
                                 int p0, int p1, double[] c, int cOff, int ldc, int mode) {
        if (SIXTEEN_REGISTERS) {
            tile2x6(a, aOff, lda, b, bOff, colStep, innerStep, p0, p1, c, cOff, ldc, mode);
        } else {
            tile4x6(a, aOff, lda, b, bOff, colStep, innerStep, p0, p1, c, cOff, ldc, mode);
        }
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

    /** Column edge of the 2-vector tile, two columns: 4 chains, {@link #ADD} as {@link #tile4x2}. */
    private static void tile2x2(double[] a, int aOff, int lda, double[] b, int bOff, int colStep, int innerStep,
                                int p0, int p1, double[] c, int cOff, int ldc, int mode) {
        DoubleVector c00, c10, c01, c11;
        if (mode == CONTINUE) {
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
        if (mode == ADD) {
            c00 = DoubleVector.fromArray(SPECIES, c, cOff).add(c00);
            c10 = DoubleVector.fromArray(SPECIES, c, cOff + LANES).add(c10);
            c01 = DoubleVector.fromArray(SPECIES, c, cOff + ldc).add(c01);
            c11 = DoubleVector.fromArray(SPECIES, c, cOff + ldc + LANES).add(c11);
        }
        c00.intoArray(c, cOff); c10.intoArray(c, cOff + LANES);
        c01.intoArray(c, cOff + ldc); c11.intoArray(c, cOff + ldc + LANES);
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
     * Column edge, two columns: 8 chains, enough to keep both FMA pipes busy; one column alone
     * ({@link #tile4x1}) has 4 and reads {@code a} once per column, which made the last 2 of
     * 128 columns cost 10% of the 784x256x128 product.
     */
    private static void tile4x2(double[] a, int aOff, int lda, double[] b, int bOff, int colStep, int innerStep,
                                int p0, int p1, double[] c, int cOff, int ldc, int mode) {
        DoubleVector c00, c10, c20, c30, c01, c11, c21, c31;
        if (mode == CONTINUE) {
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
        if (mode == ADD) {
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
    private static void tile4x1(double[] a, int aOff, int lda, double[] b, int bOff, int innerStep,
                                int p0, int p1, double[] c, int cOff, int mode) {
        DoubleVector c0, c1, c2, c3;
        if (mode == CONTINUE) {
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
        if (mode == ADD) {
            c0 = DoubleVector.fromArray(SPECIES, c, cOff).add(c0); c1 = DoubleVector.fromArray(SPECIES, c, cOff + LANES).add(c1);
            c2 = DoubleVector.fromArray(SPECIES, c, cOff + 2 * LANES).add(c2);
            c3 = DoubleVector.fromArray(SPECIES, c, cOff + 3 * LANES).add(c3);
        }
        c0.intoArray(c, cOff); c1.intoArray(c, cOff + LANES); c2.intoArray(c, cOff + 2 * LANES); c3.intoArray(c, cOff + 3 * LANES);
    }

    /** Row edge: one vector of 6 columns, 6 chains. */
    private static void tile1x6(double[] a, int aOff, int lda, double[] b, int bOff, int colStep, int innerStep,
                                int p0, int p1, double[] c, int cOff, int ldc, int mode) {
        DoubleVector c0, c1, c2, c3, c4, c5;
        if (mode == CONTINUE) {
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
        if (mode == ADD) {
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
    private static void tile1x1(double[] a, int aOff, int lda, double[] b, int bOff, int innerStep,
                                int p0, int p1, double[] c, int cOff, int mode) {
        DoubleVector acc = mode == CONTINUE ? DoubleVector.fromArray(SPECIES, c, cOff) : DoubleVector.zero(SPECIES);
        for (int p = p0; p < p1; p++) {
            acc = DoubleVector.fromArray(SPECIES, a, aOff + p * lda).fma(DoubleVector.broadcast(SPECIES, b[bOff + p * innerStep]), acc);
        }
        if (mode == ADD) {
            acc = DoubleVector.fromArray(SPECIES, c, cOff).add(acc);
        }
        acc.intoArray(c, cOff);
    }

    /** The epilogue on a finished tile, while it is in L1 (nothing for {@link #PLAIN}). */
    private static void finishTile(double[] c, int cOff, int ldc, int nv, int nc, int epilogue, double[] act) {
        if (epilogue == PLAIN) {
            return;
        }
        for (int t = 0; t < nc; t++) {
            if (epilogue == SIGMOID) {
                sigmoid(c, cOff + t * ldc, nv);
            } else {
                timesDerivative(c, act, cOff + t * ldc, nv);
            }
        }
    }

    /** {@code 1 / (1 + exp(-x))} over {@code vectors} vectors from {@code at}. */
    private static void sigmoid(double[] c, int at, int vectors) {
        VectorSigmoid.sigmoidInPlace(c, at, at + vectors * LANES);
    }

    /** {@code x * (act * (1 - act))} over {@code vectors} vectors from {@code at}. */
    private static void timesDerivative(double[] c, double[] act, int at, int vectors) {
        final DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
        for (int end = at + vectors * LANES; at < end; at += LANES) {
            DoubleVector d = DoubleVector.fromArray(SPECIES, act, at);
            DoubleVector.fromArray(SPECIES, c, at).mul(d.mul(one.sub(d))).intoArray(c, at);
        }
    }

    /** {@code c += tile}: a finished product from its scratch tile (column stride {@link #TILE_ROWS}) added, in L1. */
    private static void addTile(double[] tile, int tileOff, double[] c, int cOff, int ldc) {
        for (int t = 0; t < TILE_COLS; t++) {
            for (int u = 0; u < TILE_ROWS; u += LANES) {
                final int at = cOff + t * ldc + u;
                DoubleVector.fromArray(SPECIES, c, at).add(DoubleVector.fromArray(SPECIES, tile, tileOff + t * TILE_ROWS + u)).intoArray(c, at);
            }
        }
    }
}
