package dev.synapsebench.kernels.ejml;

import org.ejml.data.DMatrixRBlock;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DSubmatrixD1;

/**
 * The EJML kernel's matrix handle: one {@code double[]} seen both as EJML's row-major
 * {@link DMatrixRMaj} (this object) and as its block format {@link DMatrixRBlock} ({@link #block}),
 * plus the scratch matrices the block products need, all allocated here once so that no
 * operation allocates.
 *
 * <p>The values are laid out in blocks of {@link #BLOCK}: for every shape with at most
 * {@code BLOCK} columns that is exactly row-major, so this object is a valid {@code DMatrixRMaj}
 * and {@code CommonOps_DDRM} reads it directly (the small shapes, {@link #small}, never have more).
 * Wider matrices are only read through {@link #block}. Every handle uses the same block length,
 * so two handles of one shape keep each element at the same index of {@code data}: element-wise
 * operations loop over {@code data} whatever the layout. The handle extends {@code DMatrixRMaj}
 * instead of holding one because at the tutorials' sizes the extra pointer per operand cost 10%
 * of a training step (3-1: 60 vs 54 ns).
 *
 * <p>The scratch triples a handle's memory (e.g. 4.8 MB for the 256x784 inputs of the MNIST-sized
 * sweep network); in exchange no product allocates, converts or shares a buffer between handles.
 */
public final class EjmlMatrix extends DMatrixRMaj {

    /**
     * Block length of every handle. 64 measured best of 48, 60 (EJML's {@code BLOCK_WIDTH}), 64, 96
     * and 128 on the sweep's two large products with 8-byte elements (a 64x64 tile is 32 KB; L1 here
     * is 48 KB). The float32 twin keeps it (not measured there: its tiles are half the size).
     */
    static final int BLOCK = 64;

    /** Both dimensions below {@link Products#SMALL}: the products take {@code CommonOps_DDRM} on this object. */
    final boolean small;
    /** {@code numRows * numCols}, the length of every loop over {@code data}. */
    final int elements;
    /** The same values in EJML's block format (the same array). */
    final DMatrixRBlock block;
    final DSubmatrixD1 whole;
    /** Scratch: this matrix transposed ({@code cols x rows}), the operand form of the fastest tile kernel. */
    final DMatrixRBlock transposed;
    final DSubmatrixD1 transposedWhole;
    /** Scratch of this shape: a product finished before it is added to this matrix. */
    final DMatrixRBlock product;
    final DSubmatrixD1 productWhole;

    EjmlMatrix(int rows, int cols) {
        super(rows, cols);
        small = rows < Products.SMALL && cols < Products.SMALL;
        elements = rows * cols;
        block = DMatrixRBlock.wrap(data, rows, cols, BLOCK);
        whole = new DSubmatrixD1(block);
        transposed = new DMatrixRBlock(cols, rows, BLOCK);
        transposedWhole = new DSubmatrixD1(transposed);
        product = new DMatrixRBlock(rows, cols, BLOCK);
        productWhole = new DSubmatrixD1(product);
    }

    /**
     * Copies row-major values in (setup only; allocates nothing). A loop, not {@code arraycopy}: the
     * float32 twin rounds each value here ({@code (double)} becomes {@code (float)}, numpy's
     * {@code astype(np.float32)}).
     */
    void load(double[] rowMajor) {
        if (numCols <= BLOCK) {
            for (int i = 0; i < elements; i++) {
                data[i] = (double) rowMajor[i];
            }
            return;
        }
        for (int i = 0; i < numRows; i++) {
            for (int j = 0; j < numCols; j++) {
                block.unsafe_set(i, j, (double) rowMajor[i * numCols + j]);
            }
        }
    }

    /** Copies the values out, row-major (read-back only; allocates nothing; the float32 twin widens exactly). */
    void store(double[] rowMajor) {
        if (numCols <= BLOCK) {
            for (int i = 0; i < elements; i++) {
                rowMajor[i] = data[i];
            }
            return;
        }
        for (int i = 0; i < numRows; i++) {
            for (int j = 0; j < numCols; j++) {
                rowMajor[i * numCols + j] = block.unsafe_get(i, j);
            }
        }
    }
}
