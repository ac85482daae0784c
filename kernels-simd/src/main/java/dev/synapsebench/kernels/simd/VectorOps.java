package dev.synapsebench.kernels.simd;

import static dev.synapsebench.kernels.simd.Lanes.HALF;
import static dev.synapsebench.kernels.simd.Lanes.LANES;

/**
 * The Vector API operations of the {@code simd} backend on {@link SimdMatrix}, as a thin façade in
 * the manner of EJML's {@code CommonOps_DDRM}: each operation picks its variant by the output's
 * layout and named thresholds, and the variants live by job in {@link ElementWise}, {@link
 * NarrowProducts}, {@link NarrowUpdates} and {@link BlockedProducts}. Kept apart from {@link
 * SimdKernel} so that the kernel class loads, and reports itself unavailable, in a JVM started
 * without {@code jdk.incubator.vector}.
 *
 * <p>Layouts ({@link SimdMatrix}): a <b>wide</b> output has whole-vector columns (a column stride
 * that is a multiple of {@code L}: the sweep's sizes) and goes to {@link BlockedProducts}' tiles;
 * <b>half-vector</b> and <b>narrower</b> columns (the tutorials' 3 and 4 rows, two or more
 * columns per vector) go to the narrow forms.
 *
 * <p>Nothing here allocates once C2 has compiled the loops: every vector lives inside one method,
 * so it stays in registers. That is why the sigmoid and {@code a(1-a)} are written out in each
 * loop, or applied to stored vectors, instead of in helper methods taking and returning vectors: a
 * helper that C2 declines to inline (for instance because it was compiled on its own first) would
 * box its vectors on every call.
 */
final class VectorOps {

    /**
     * Wide {@code c += aT·b} with at least this many columns: {@link BlockedProducts}' tiles, after
     * copying {@code a} transposed (N x K values for N x K x M multiply-adds: 1/M of the work). With
     * fewer columns (a network's single output) that copy would cost as much as the product itself,
     * and {@link NarrowUpdates} reads {@code a} in place.
     */
    static final int BLOCKED_UPDATE_MIN_COLS = Blocking.TILE_COLS;
    /**
     * Wide {@code c += aT·b} with fewer columns: up to this many rows of {@code a} (examples), outer
     * products of gathered rows of {@code a}; beyond, dot products of whole columns. The dot form
     * pays a lane-wide reduction per element of {@code c}, which costs more than a gather per row up
     * to about one vector's worth of rows.
     */
    static final int WIDE_OUTER_MAX_ROWS = LANES;

    private VectorOps() {
    }

    static void sigmoid(SimdMatrix m) {
        ElementWise.sigmoid(m);
    }

    /** {@code (t - o) * (o * (1 - o))}, in numpy's order (no FMA: identical to the scalar kernel). */
    static void outputDelta(SimdMatrix target, SimdMatrix output, SimdMatrix delta) {
        ElementWise.outputDelta(target, output, delta);
    }

    static void scaleBySigmoidDerivative(SimdMatrix delta, SimdMatrix activation) {
        ElementWise.scaleBySigmoidDerivative(delta, activation);
    }

    /** {@code out = a·b}, through the sigmoid if asked (the forward layer). */
    static void multiply(SimdMatrix a, SimdMatrix b, SimdMatrix out, boolean applySigmoid) {
        if (out.stride == HALF) {
            NarrowProducts.multiplyHalves(a, b, out, applySigmoid);
        } else if (out.stride < HALF) {
            NarrowProducts.multiplyNarrow(a, b, out, applySigmoid);
        } else {
            BlockedProducts.product(a, b.data, b.stride, 1, out, // b(k, c) at c * stride + k
                    applySigmoid ? TileEpilogue.SIGMOID : TileEpilogue.PLAIN, null);
        }
    }

    /** {@code out = a·bT}, times {@code a(1-a)} of {@code derivativeOf} if given (the hidden delta). */
    static void multiplyTransB(SimdMatrix a, SimdMatrix b, SimdMatrix out, SimdMatrix derivativeOf) {
        if (out.strideLog2 >= 0) {
            NarrowProducts.multiplyTransBNarrow(a, b, out, derivativeOf);
        } else {
            BlockedProducts.product(a, b.data, 1, b.stride, out, // bT(q, c) = b(c, q) at q * stride + c
                    derivativeOf == null ? TileEpilogue.PLAIN : TileEpilogue.DERIVATIVE,
                    derivativeOf == null ? null : derivativeOf.data);
        }
    }

    /** {@code c += aT·b}, the product finished before it is added (the weight update). */
    static void multiplyAddTransA(SimdMatrix a, SimdMatrix b, SimdMatrix c) {
        if (c.stride == HALF) {
            NarrowUpdates.multiplyAddTransAHalves(a, b, c);
        } else if (c.stride < HALF) {
            NarrowUpdates.multiplyAddTransANarrow(a, b, c);
        } else if (c.cols >= BLOCKED_UPDATE_MIN_COLS) {
            BlockedProducts.addTransAProduct(a, b, c);
        } else if (a.rows <= WIDE_OUTER_MAX_ROWS) {
            NarrowUpdates.multiplyAddTransAWideOuter(a, b, c);
        } else {
            NarrowUpdates.multiplyAddTransAWideDot(a, b, c);
        }
    }
}
