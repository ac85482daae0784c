package dev.synapsebench.kernels.scalar;

/** A dense row-major float64 matrix (its float32 twin: float32): element (r, c) is {@code data[r * cols + c]}. */
public final class ScalarMatrix {

    final int rows;
    final int cols;
    final double[] data;

    ScalarMatrix(int rows, int cols) {
        this.rows = rows;
        this.cols = cols;
        this.data = new double[rows * cols];
    }
}
