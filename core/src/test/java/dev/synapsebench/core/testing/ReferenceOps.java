package dev.synapsebench.core.testing;

import dev.synapsebench.core.Matrix;

/**
 * The contract's oracle: each kernel operation written as its textbook definition on
 * {@link Matrix}, in numpy's rounding order (sum over the inner index, ascending, from 0; product
 * finished before it is added to the weights). The scalar kernel must match it bit for bit; every
 * other backend within the tolerance its contract test states.
 */
public final class ReferenceOps {

    private ReferenceOps() {
    }

    public static Matrix multiply(Matrix a, Matrix b) {
        double[] out = new double[a.rows() * b.cols()];
        for (int i = 0; i < a.rows(); i++) {
            for (int j = 0; j < b.cols(); j++) {
                double sum = 0.0;
                for (int k = 0; k < a.cols(); k++) {
                    sum += a.get(i, k) * b.get(k, j);
                }
                out[i * b.cols() + j] = sum;
            }
        }
        return new Matrix(a.rows(), b.cols(), out);
    }

    public static Matrix transpose(Matrix m) {
        double[] out = new double[m.rows() * m.cols()];
        for (int i = 0; i < m.rows(); i++) {
            for (int j = 0; j < m.cols(); j++) {
                out[j * m.rows() + i] = m.get(i, j);
            }
        }
        return new Matrix(m.cols(), m.rows(), out);
    }

    public static Matrix add(Matrix a, Matrix b) {
        double[] x = a.values();
        double[] y = b.values();
        for (int i = 0; i < x.length; i++) {
            x[i] = x[i] + y[i];
        }
        return new Matrix(a.rows(), a.cols(), x);
    }

    public static Matrix sigmoid(Matrix m) {
        double[] x = m.values();
        for (int i = 0; i < x.length; i++) {
            x[i] = 1 / (1 + Math.exp(-x[i]));
        }
        return new Matrix(m.rows(), m.cols(), x);
    }

    /** {@code (target - output) * (output * (1 - output))}. */
    public static Matrix outputDelta(Matrix target, Matrix output) {
        double[] t = target.values();
        double[] o = output.values();
        double[] d = new double[o.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = (t[i] - o[i]) * (o[i] * (1 - o[i]));
        }
        return new Matrix(output.rows(), output.cols(), d);
    }

    /** {@code delta * (activation * (1 - activation))}. */
    public static Matrix scaleBySigmoidDerivative(Matrix delta, Matrix activation) {
        double[] d = delta.values();
        double[] a = activation.values();
        for (int i = 0; i < d.length; i++) {
            d[i] = d[i] * (a[i] * (1 - a[i]));
        }
        return new Matrix(delta.rows(), delta.cols(), d);
    }

    /**
     * For each element of {@code a·b}, the sum of the absolute values of its terms: the scale a
     * product's rounding error is proportional to (summation order and FMA move a result by a few
     * ulps of this, not of the possibly cancelled result itself).
     */
    public static Matrix productMagnitude(Matrix a, Matrix b) {
        return multiply(abs(a), abs(b));
    }

    public static Matrix abs(Matrix m) {
        double[] x = m.values();
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.abs(x[i]);
        }
        return new Matrix(m.rows(), m.cols(), x);
    }
}
