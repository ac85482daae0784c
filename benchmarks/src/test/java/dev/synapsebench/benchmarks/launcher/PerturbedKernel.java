package dev.synapsebench.benchmarks.launcher;

import dev.synapsebench.core.Kernels;
import dev.synapsebench.core.MatrixKernel;

/**
 * A test-only backend that computes almost what scalar computes: its sigmoid is off by one part in
 * a million, far beyond the parity tolerance. The benchmark must refuse to time it.
 */
public final class PerturbedKernel implements MatrixKernel<Object> {

    private MatrixKernel<Object> scalar;

    @Override
    public String name() {
        return "perturbed";
    }

    @Override
    public String description() {
        return "test backend: scalar with a sigmoid off by 1e-6";
    }

    /** Looked up at the first operation: in the constructor, ServiceLoader would recurse into this class. */
    @SuppressWarnings("unchecked")
    private MatrixKernel<Object> scalar() {
        if (scalar == null) {
            scalar = (MatrixKernel<Object>) Kernels.byName("scalar").orElseThrow();
        }
        return scalar;
    }

    @Override
    public Object create(int rows, int cols) {
        return scalar().create(rows, cols);
    }

    @Override
    public int rows(Object m) {
        return scalar().rows(m);
    }

    @Override
    public int cols(Object m) {
        return scalar().cols(m);
    }

    @Override
    public void load(Object m, double[] rowMajor) {
        scalar().load(m, rowMajor);
    }

    @Override
    public void store(Object m, double[] rowMajor) {
        scalar().store(m, rowMajor);
    }

    @Override
    public void multiply(Object a, Object b, Object out) {
        scalar().multiply(a, b, out);
    }

    @Override
    public void multiplyTransB(Object a, Object b, Object out) {
        scalar().multiplyTransB(a, b, out);
    }

    @Override
    public void multiplyAddTransA(Object a, Object b, Object c) {
        scalar().multiplyAddTransA(a, b, c);
    }

    @Override
    public void sigmoid(Object m) {
        scalar().sigmoid(m);
        double[] values = new double[rows(m) * cols(m)];
        store(m, values);
        for (int i = 0; i < values.length; i++) {
            values[i] *= 1 + 1e-6;
        }
        load(m, values);
    }

    @Override
    public void forwardLayer(Object input, Object weights, Object activation) {
        multiply(input, weights, activation);
        sigmoid(activation);
    }

    @Override
    public void outputDelta(Object target, Object output, Object delta) {
        scalar().outputDelta(target, output, delta);
    }

    @Override
    public void scaleBySigmoidDerivative(Object delta, Object activation) {
        scalar().scaleBySigmoidDerivative(delta, activation);
    }
}
