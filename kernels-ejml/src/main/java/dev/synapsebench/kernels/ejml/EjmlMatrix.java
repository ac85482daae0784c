package dev.synapsebench.kernels.ejml;

import org.ejml.data.DMatrixRBlock;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DSubmatrixD1;

/**
 * The EJML kernel's matrix handle: the values in EJML's block format ({@link DMatrixRBlock}) plus
 * the scratch matrices the products need, all allocated here once so that no operation allocates.
 *
 * <p>Every handle uses the same block length ({@link #BLOCK}), so two handles of the same shape keep
 * each element at the same index of {@code data}: element-wise operations loop over {@code data}
 * whatever the layout. With at most {@code BLOCK} columns the block layout is exactly row-major;
 * then {@link #rowMajor} is a {@link DMatrixRMaj} over the same array, for {@code CommonOps_DDRM}.
 *
 * <p>The scratch triples a handle's memory (e.g. 4.8 MB for the 256x784 inputs of the MNIST-sized
 * sweep network); in exchange no product allocates, converts or shares a buffer between handles.
 */
public final class EjmlMatrix {

    /**
     * Block length of every handle. 64 measured best of 48, 60 (EJML's {@code BLOCK_WIDTH}), 64, 96
     * and 128 on the sweep's two large products (a 64x64 tile of doubles is 32 KB; L1 here is 48 KB).
     */
    static final int BLOCK = 64;

    final int rows;
    final int cols;
    /** The values. */
    final DMatrixRBlock block;
    final DSubmatrixD1 whole;
    /** The same array seen as row-major, when the layouts agree ({@code cols <= BLOCK}); else null. */
    final DMatrixRMaj rowMajor;
    /** Scratch: this matrix transposed ({@code cols x rows}), the operand form of the fastest tile kernel. */
    final DMatrixRBlock transposed;
    final DSubmatrixD1 transposedWhole;
    /** Scratch of this shape: a product finished before it is added to this matrix. */
    final DMatrixRBlock product;
    final DSubmatrixD1 productWhole;
    final DMatrixRMaj productRowMajor;

    EjmlMatrix(int rows, int cols) {
        this.rows = rows;
        this.cols = cols;
        block = new DMatrixRBlock(rows, cols, BLOCK);
        whole = new DSubmatrixD1(block);
        rowMajor = cols <= BLOCK ? DMatrixRMaj.wrap(rows, cols, block.data) : null;
        transposed = new DMatrixRBlock(cols, rows, BLOCK);
        transposedWhole = new DSubmatrixD1(transposed);
        product = new DMatrixRBlock(rows, cols, BLOCK);
        productWhole = new DSubmatrixD1(product);
        productRowMajor = cols <= BLOCK ? DMatrixRMaj.wrap(rows, cols, product.data) : null;
    }

    /** Whether both dimensions are below {@code limit} and the row-major view exists. */
    boolean isSmallerThan(int limit) {
        return rows < limit && cols < limit && rowMajor != null;
    }

    double[] data() {
        return block.data;
    }

    int elements() {
        return rows * cols;
    }

    /** Copies row-major values in (setup only; allocates nothing). */
    void load(double[] rowMajorValues) {
        if (rowMajor != null) {
            System.arraycopy(rowMajorValues, 0, block.data, 0, elements());
            return;
        }
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                block.unsafe_set(i, j, rowMajorValues[i * cols + j]);
            }
        }
    }

    /** Copies the values out, row-major (read-back only; allocates nothing). */
    void store(double[] rowMajorValues) {
        if (rowMajor != null) {
            System.arraycopy(block.data, 0, rowMajorValues, 0, elements());
            return;
        }
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                rowMajorValues[i * cols + j] = block.unsafe_get(i, j);
            }
        }
    }
}
