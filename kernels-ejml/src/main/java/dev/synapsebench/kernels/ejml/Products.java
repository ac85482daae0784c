package dev.synapsebench.kernels.ejml;

import org.ejml.dense.block.MatrixMult_DDRB;
import org.ejml.dense.block.MatrixOps_DDRB;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The three products of the training step, each choosing an EJML variant by shape, as
 * {@code CommonOps_DDRM} does, with thresholds measured on this project's shapes (JDK 25, AVX-512).
 *
 * <ul>
 *   <li>Small shapes (every dimension below {@link #SMALL}, which covers the tutorials) take
 *       {@code CommonOps_DDRM} on the handles as row-major matrices: its "small" kernels sum each element over the
 *       inner index in ascending order, numpy's rounding bit for bit, and cost no call overhead.
 *   <li>Everything else takes the block products of {@link MatrixMult_DDRB}. Of EJML's kernels the
 *       fastest by far is the dot-product tile ({@code a·bT}: four sums at once over contiguous rows),
 *       about 10 GFLOP/s against about 5 for the row-major "reorder" and "aux" kernels and the other
 *       tiles, so {@code a·b} and {@code aT·b} transpose their operands into the handles' scratch
 *       ({@code MatrixOps_DDRB.transpose}, O(n^2) against the product's O(n^3)) and run that tile.
 *   <li>Below {@link #MIN_DOT_LENGTH} terms a dot product costs more than it sums (the hidden delta
 *       {@code d·WT} of a one-output layer is an outer product): there the axpy-form tile is 3x faster.
 *       The update of a layer with fewer outputs than that computes its product transposed, for the
 *       same reason.
 * </ul>
 *
 * <p>{@code c += aT·b} computes the product into {@code c}'s scratch and then adds it
 * ({@code CommonOps_DDRM.addEquals}): numpy's {@code W += a.T.dot(b)}, at every size.
 */
final class Products {

    /** {@link EjmlMatrix#BLOCK}, by its simple name: the float32 twin reads its own {@code EjmlMatrix}. */
    private static final int BLOCK = EjmlMatrix.BLOCK;

    /**
     * Below this in every dimension, {@code CommonOps_DDRM}: EJML's own switch between its small and
     * reorder kernels, read from EJML so that the two never disagree.
     */
    static final int SMALL = org.ejml.EjmlParameters.MULT_COLUMN_SWITCH;

    /** Inner lengths (and update widths) below this take the axpy-form tile instead of the dot-product tile. */
    static final int MIN_DOT_LENGTH = 4;

    private Products() {
    }

    /** {@code out = a·b}. */
    static void multiply(EjmlMatrix a, EjmlMatrix b, EjmlMatrix out) {
        if (small(a, b, out)) {
            CommonOps_DDRM.mult(a, b, out);
        } else if (a.numCols < MIN_DOT_LENGTH) {
            MatrixMult_DDRB.mult(BLOCK, a.whole, b.whole, out.whole);
        } else {
            MatrixOps_DDRB.transpose(b.block, b.transposed);
            MatrixMult_DDRB.multTransB(BLOCK, a.whole, b.transposedWhole, out.whole);
        }
    }

    /** {@code out = a·bT}. */
    static void multiplyTransB(EjmlMatrix a, EjmlMatrix b, EjmlMatrix out) {
        if (small(a, b, out)) {
            CommonOps_DDRM.multTransB(a, b, out);
        } else if (a.numCols < MIN_DOT_LENGTH) {
            MatrixOps_DDRB.transpose(b.block, b.transposed);
            MatrixMult_DDRB.mult(BLOCK, a.whole, b.transposedWhole, out.whole);
        } else {
            MatrixMult_DDRB.multTransB(BLOCK, a.whole, b.whole, out.whole);
        }
    }

    /** {@code c = c + (aT·b)}, the product finished in {@code c}'s scratch before it is added. */
    static void multiplyAddTransA(EjmlMatrix a, EjmlMatrix b, EjmlMatrix c) {
        if (small(a, b, c)) {
            // Below the switch CommonOps_DDRM takes the "small" kernels, which finish each element's sum, then add it.
            CommonOps_DDRM.multAddTransA(a, b, c);
            return;
        }
        if (a.numRows < MIN_DOT_LENGTH) {
            MatrixMult_DDRB.multTransA(BLOCK, a.whole, b.whole, c.productWhole);
        } else if (b.numCols < MIN_DOT_LENGTH) {
            // A narrow product (one-output layer): cT = bT·a with the axpy-form tile, then cT transposed
            // back; transposing the wide a would cost as much as the product (measured 2-3x faster).
            MatrixOps_DDRB.transpose(b.block, b.transposed);
            MatrixMult_DDRB.mult(BLOCK, b.transposedWhole, a.whole, c.transposedWhole);
            MatrixOps_DDRB.transpose(c.transposed, c.product);
        } else {
            MatrixOps_DDRB.transpose(a.block, a.transposed);
            MatrixOps_DDRB.transpose(b.block, b.transposed);
            MatrixMult_DDRB.multTransB(BLOCK, a.transposedWhole, b.transposedWhole, c.productWhole);
        }
        CommonOps_DDRM.addEquals(c.block, c.product);
    }

    /** Whether all three fit {@code CommonOps_DDRM}'s small kernels (and so are row-major). */
    private static boolean small(EjmlMatrix x, EjmlMatrix y, EjmlMatrix z) {
        return x.small && y.small && z.small;
    }
}
