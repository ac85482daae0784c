package dev.synapsebench.core.testing;

import dev.synapsebench.core.JvmOption;
import dev.synapsebench.core.MatrixKernel;

import java.util.List;
import java.util.Map;

/**
 * A test-only backend, as a new kernel module would bring one: textbook loops over
 * {@code double[rows][cols]}, a JVM option and an environment report of its own. It is registered
 * nowhere by default; {@link DropInBackend} registers it for a test, which then proves that the
 * CLI and the benchmark launcher find, configure and run it without any edit of theirs.
 *
 * <p>It declares {@link #OPTION} ({@code -Dsynapse.dropin=declared}) and reports, in its
 * environment section {@code dropIn}, whether the JVM it runs in was started with it.
 */
public final class DropInKernel implements MatrixKernel<double[][]> {

    public static final String NAME = "drop-in";
    public static final String PROPERTY = "synapse.dropin";
    public static final String OPTION = "-D" + PROPERTY + "=declared";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "test backend: textbook loops over double[][] (registered by tests only)";
    }

    @Override
    public List<JvmOption> jvmOptions() {
        return List.of(JvmOption.always(OPTION));
    }

    @Override
    public Map<String, Object> environment() {
        return Map.of("dropIn", Map.of("declaredOptionSeen", "declared".equals(System.getProperty(PROPERTY))));
    }

    @Override
    public double[][] create(int rows, int cols) {
        return new double[rows][cols];
    }

    @Override
    public int rows(double[][] m) {
        return m.length;
    }

    @Override
    public int cols(double[][] m) {
        return m[0].length;
    }

    @Override
    public void load(double[][] m, double[] rowMajor) {
        int cols = cols(m);
        for (int r = 0; r < m.length; r++) {
            System.arraycopy(rowMajor, r * cols, m[r], 0, cols);
        }
    }

    @Override
    public void store(double[][] m, double[] rowMajor) {
        int cols = cols(m);
        for (int r = 0; r < m.length; r++) {
            System.arraycopy(m[r], 0, rowMajor, r * cols, cols);
        }
    }

    @Override
    public void multiply(double[][] a, double[][] b, double[][] out) {
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b[0].length; j++) {
                double sum = 0;
                for (int k = 0; k < b.length; k++) {
                    sum += a[i][k] * b[k][j];
                }
                out[i][j] = sum;
            }
        }
    }

    @Override
    public void multiplyTransB(double[][] a, double[][] b, double[][] out) {
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                double sum = 0;
                for (int k = 0; k < a[0].length; k++) {
                    sum += a[i][k] * b[j][k];
                }
                out[i][j] = sum;
            }
        }
    }

    @Override
    public void multiplyAddTransA(double[][] a, double[][] b, double[][] c) {
        for (int i = 0; i < c.length; i++) {
            for (int j = 0; j < c[0].length; j++) {
                double sum = 0;
                for (int k = 0; k < a.length; k++) {
                    sum += a[k][i] * b[k][j];
                }
                c[i][j] += sum;
            }
        }
    }

    @Override
    public void sigmoid(double[][] m) {
        for (double[] row : m) {
            for (int j = 0; j < row.length; j++) {
                row[j] = 1 / (1 + Math.exp(-row[j]));
            }
        }
    }

    @Override
    public void outputDelta(double[][] target, double[][] output, double[][] delta) {
        for (int i = 0; i < delta.length; i++) {
            for (int j = 0; j < delta[0].length; j++) {
                double o = output[i][j];
                delta[i][j] = (target[i][j] - o) * (o * (1 - o));
            }
        }
    }

    @Override
    public void scaleBySigmoidDerivative(double[][] delta, double[][] activation) {
        for (int i = 0; i < delta.length; i++) {
            for (int j = 0; j < delta[0].length; j++) {
                double a = activation[i][j];
                delta[i][j] = delta[i][j] * (a * (1 - a));
            }
        }
    }
}
