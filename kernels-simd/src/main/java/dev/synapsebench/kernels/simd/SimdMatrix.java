package dev.synapsebench.kernels.simd;

/**
 * A float64 matrix laid out for {@code L}-lane vectors ({@code L} = {@link Lanes#LANES}):
 * column-major, each column padded to a <em>column stride</em> so that columns never straddle
 * vectors awkwardly.
 *
 * <ul>
 *   <li>{@code rows <= L/2}: the stride is the next power of two ({@code 1, 2, 4, ...}), so one
 *       vector holds exactly {@code L / stride} whole columns. The tutorials' 4-example
 *       activations (4x4) fill two 8-lane vectors completely instead of four half-empty ones.</li>
 *   <li>{@code rows > L/2}: the stride is {@code rows} rounded up to a multiple of {@code L}, so a
 *       column is a whole number of vectors (7 examples: one vector per column, one lane spare).</li>
 * </ul>
 *
 * <p>Element {@code (r, c)} is {@code data[c * stride + r]}. The slots between {@code rows} and
 * {@code stride}, and the trailing ones, are padding: operations may write anything there, and
 * no element of a result ever depends on them. The array is longer than the elements need so that
 * every vector load an operation makes (whole vectors from any column start, index maps reaching
 * up to {@code L - 1} columns past the last) stays inside it without a bounds branch per load.
 * The price is memory for tall, thin matrices: an {@code n x 1} matrix with {@code n > L/2}
 * takes {@code L} columns' worth, irrelevant at the tutorials' sizes.
 *
 * <p>Index maps for the gathers that read this matrix along a row (stride apart) are made once
 * here, so the operations allocate nothing.
 */
public final class SimdMatrix {

    final int rows;
    final int cols;
    /** Distance between the starts of two columns in {@link #data}. */
    final int stride;
    /** {@code log2(stride)} when this matrix is narrow ({@code stride < L}), else -1. */
    final int strideLog2;
    /** Length of the prefix of {@link #data} that holds whole vectors of columns: element-wise ops cover it. */
    final int body;
    final double[] data;
    /**
     * {@code tileMaps[j][l] = (l % 2^j) * stride}: lane {@code l} of a vector laid out like a
     * matrix with column stride {@code 2^j} reads row-wise neighbours of this matrix, repeated per column.
     */
    final int[][] tileMaps;
    /** {@code spreadMaps[j][l] = (l / 2^j) * stride}: one element of this matrix per column of a stride-{@code 2^j} vector. */
    final int[][] spreadMaps;
    /** {@link BlockedProducts}' packed panels and scratch products for this matrix. */
    final PackingBuffers packing = new PackingBuffers();

    SimdMatrix(int rows, int cols) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("a matrix needs at least one row and one column, got " + rows + "x" + cols);
        }
        int lanes = Lanes.LANES;
        this.rows = rows;
        this.cols = cols;
        this.stride = columnStride(rows, lanes);
        this.strideLog2 = stride < lanes ? Integer.numberOfTrailingZeros(stride) : -1;
        // Columns rounded up to a whole vector of columns (index maps may address up to L columns
        // from a vector's first one), plus one vector of slack for loads that start at the last
        // column and read on (a vector read from a narrow column start, or at an inner offset).
        long length = (long) roundUp(cols, lanes) * stride + lanes;
        if (stride < rows || length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a " + rows + "x" + cols + " matrix is too large for the simd backend's"
                    + " padded layout (" + length + " doubles in one array)");
        }
        this.data = new double[(int) length];
        this.body = roundUp(cols * stride, lanes);
        int maps = Integer.numberOfTrailingZeros(lanes);
        this.tileMaps = new int[maps][lanes];
        this.spreadMaps = new int[maps][lanes];
        for (int j = 0; j < maps; j++) {
            int span = 1 << j;
            for (int l = 0; l < lanes; l++) {
                tileMaps[j][l] = (l % span) * stride;
                spreadMaps[j][l] = (l / span) * stride;
            }
        }
    }

    /** Power of two up to half a vector, else whole vectors. */
    static int columnStride(int rows, int lanes) {
        if (rows <= lanes / 2) {
            return Integer.highestOneBit(rows) == rows ? rows : Integer.highestOneBit(rows) << 1;
        }
        return roundUp(rows, lanes);
    }

    private static int roundUp(int n, int multiple) {
        return (int) (((long) n + multiple - 1) / multiple * multiple);
    }

    void load(double[] rowMajor) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                data[c * stride + r] = (double) rowMajor[r * cols + c]; // the twin rounds here: (float), numpy's astype(np.float32)
            }
        }
    }

    void store(double[] rowMajor) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                rowMajor[r * cols + c] = data[c * stride + r];
            }
        }
    }

    @Override
    public String toString() {
        return "SimdMatrix " + rows + "x" + cols + " (column stride " + stride + ")";
    }
}
