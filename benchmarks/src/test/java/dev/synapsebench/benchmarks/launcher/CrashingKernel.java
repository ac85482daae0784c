package dev.synapsebench.benchmarks.launcher;

import dev.synapsebench.core.Availability;
import dev.synapsebench.core.MatrixKernel;

/**
 * A test-only backend whose native library "crashes the JVM" when probed, as a broken native
 * library can: it halts the JVM from {@link #availability()}. Registered for the tests only.
 */
public final class CrashingKernel implements MatrixKernel<double[]> {

    @Override
    public String name() {
        return "crashing";
    }

    @Override
    public String description() {
        return "test backend that kills the JVM when probed";
    }

    @Override
    public Availability availability() {
        System.err.println("simulated native crash");
        Runtime.getRuntime().halt(134);
        return Availability.AVAILABLE;
    }

    @Override
    public double[] create(int rows, int cols) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int rows(double[] m) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int cols(double[] m) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void load(double[] m, double[] rowMajor) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void store(double[] m, double[] rowMajor) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void multiply(double[] a, double[] b, double[] out) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void multiplyTransB(double[] a, double[] b, double[] out) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void multiplyAddTransA(double[] a, double[] b, double[] c) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void sigmoid(double[] m) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void outputDelta(double[] target, double[] output, double[] delta) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void scaleBySigmoidDerivative(double[] delta, double[] activation) {
        throw new UnsupportedOperationException();
    }
}
