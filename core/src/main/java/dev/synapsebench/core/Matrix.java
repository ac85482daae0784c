package dev.synapsebench.core;

import java.util.Arrays;

/**
 * A plain row-major float64 matrix for data crossing the API boundary (training sets, initial
 * and final weights, outputs). Never used inside the training loop: kernels keep their own form.
 */
public record Matrix(int rows, int cols, double[] values) {

    public Matrix {
        if (rows < 1 || cols < 1 || values.length != rows * cols) {
            throw new IllegalArgumentException(
                    "matrix " + rows + "x" + cols + " needs " + rows * cols + " values, got " + values.length);
        }
    }

    /** From rows of equal length. */
    public static Matrix ofRows(double[][] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("matrix needs at least one row");
        }
        int cols = rows[0].length;
        double[] values = new double[rows.length * cols];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != cols) {
                throw new IllegalArgumentException("row " + (r + 1) + " has " + rows[r].length
                        + " values, row 1 has " + cols);
            }
            System.arraycopy(rows[r], 0, values, r * cols, cols);
        }
        return new Matrix(rows.length, cols, values);
    }

    /** A single row. */
    public static Matrix row(double... values) {
        return new Matrix(1, values.length, values.clone());
    }

    public double get(int r, int c) {
        return values[r * cols + c];
    }

    /** Whether every element is a finite number (no NaN, no infinity). */
    public boolean isFinite() {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    public double[][] toRows() {
        double[][] out = new double[rows][];
        for (int r = 0; r < rows; r++) {
            out[r] = Arrays.copyOfRange(values, r * cols, (r + 1) * cols);
        }
        return out;
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Matrix m && rows == m.rows && cols == m.cols && Arrays.equals(values, m.values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return Arrays.deepToString(toRows());
    }
}
