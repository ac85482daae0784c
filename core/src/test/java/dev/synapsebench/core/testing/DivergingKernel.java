package dev.synapsebench.core.testing;

import dev.synapsebench.core.MatrixKernel;

/**
 * A test-only backend whose training leaves the finite numbers at its first step: {@link
 * DropInKernel}'s loops, with an output delta scaled past {@code Double.MAX_VALUE}, so that the first
 * weight update adds infinities (and {@code 0 x inf = NaN} where an input is 0). Real data cannot
 * make the tutorials' networks do this (huge inputs saturate the sigmoids first, whose derivative
 * then zeroes the update), so this is how tests reach the code that reports divergence. Registered
 * by {@link DropInBackend} only.
 */
public final class DivergingKernel implements MatrixKernel<double[][]> {

    public static final String NAME = "diverging";

    private final DropInKernel loops = new DropInKernel();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "test backend: drop-in's loops with an output delta that overflows (registered by tests only)";
    }

    @Override
    public double[][] create(int rows, int cols) {
        return loops.create(rows, cols);
    }

    @Override
    public int rows(double[][] m) {
        return loops.rows(m);
    }

    @Override
    public int cols(double[][] m) {
        return loops.cols(m);
    }

    @Override
    public void load(double[][] m, double[] rowMajor) {
        loops.load(m, rowMajor);
    }

    @Override
    public void store(double[][] m, double[] rowMajor) {
        loops.store(m, rowMajor);
    }

    @Override
    public void multiply(double[][] a, double[][] b, double[][] out) {
        loops.multiply(a, b, out);
    }

    @Override
    public void multiplyTransB(double[][] a, double[][] b, double[][] out) {
        loops.multiplyTransB(a, b, out);
    }

    @Override
    public void multiplyAddTransA(double[][] a, double[][] b, double[][] c) {
        loops.multiplyAddTransA(a, b, c);
    }

    @Override
    public void sigmoid(double[][] m) {
        loops.sigmoid(m);
    }

    @Override
    public void outputDelta(double[][] target, double[][] output, double[][] delta) {
        loops.outputDelta(target, output, delta);
        for (double[] row : delta) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= Double.MAX_VALUE * 16; // infinite: a nonzero delta becomes +-inf, a zero one NaN
            }
        }
    }

    @Override
    public void scaleBySigmoidDerivative(double[][] delta, double[][] activation) {
        loops.scaleBySigmoidDerivative(delta, activation);
    }
}
