package dev.synapsebench.kernels.scalar;

import dev.synapsebench.core.DType;
import dev.synapsebench.core.MatrixKernel;
import dev.synapsebench.core.NetworkBatch;
import dev.synapsebench.core.SequentialBatch;
import dev.synapsebench.core.Topology;
import dev.synapsebench.kernels.scalar.ScalarKernels;

import java.util.Optional;

/**
 * The reference backend: straightforward loops over row-major {@code double[]}, in numpy's
 * rounding order (each product element summed over the inner index in ascending order from 0,
 * no FMA; Java never contracts {@code a*b+c} on its own). Allocates nothing after {@link #create}.
 *
 * <p>The fused steps compute each element once and apply the sigmoid or the derivative factor
 * right away instead of making a second pass; the arithmetic per element is unchanged.
 *
 * <p>The build generates its float32 twin from this file ({@code codegen/float32-twin.xml}: every
 * double a float), so everything here is written to mean the same in both.
 */
public final class ScalarKernel implements MatrixKernel<ScalarMatrix> {

    @Override
    public String name() {
        return ScalarKernels.NAME;
    }

    @Override
    public String description() {
        return "plain Java loops over row-major double[] (reference and baseline)";
    }

    @Override
    public DType dtype() {
        return DType.FLOAT64;
    }

    @Override
    public Optional<MatrixKernel<?>> withDtype(DType dtype) {
        return Optional.of(ScalarKernels.of(dtype));
    }

    /** {@link ScalarBatch} where a block of members fits in L1, else one network after another. */
    @Override
    public NetworkBatch batch(Topology topology, int examples, int size) {
        if (size >= 1 && examples >= 1 && ScalarBatch.applies(topology, examples)) {
            return new ScalarBatch(topology, examples, size);
        }
        return new SequentialBatch<>(this, topology, examples, size);
    }

    @Override
    public ScalarMatrix create(int rows, int cols) {
        return new ScalarMatrix(rows, cols);
    }

    @Override
    public int rows(ScalarMatrix m) {
        return m.rows;
    }

    @Override
    public int cols(ScalarMatrix m) {
        return m.cols;
    }

    @Override
    public void load(ScalarMatrix m, double[] rowMajor) {
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = (double) rowMajor[i]; // the twin rounds here: (float), numpy's astype(np.float32)
        }
    }

    @Override
    public void store(ScalarMatrix m, double[] rowMajor) {
        for (int i = 0; i < m.data.length; i++) {
            rowMajor[i] = m.data[i];
        }
    }

    @Override
    public void multiply(ScalarMatrix a, ScalarMatrix b, ScalarMatrix out) {
        final int n = a.rows, inner = a.cols, m = b.cols;
        final double[] x = a.data, y = b.data, z = out.data;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                z[i * m + j] = dotRowCol(x, i * inner, y, j, m, inner);
            }
        }
    }

    @Override
    public void multiplyTransB(ScalarMatrix a, ScalarMatrix b, ScalarMatrix out) {
        final int n = a.rows, inner = a.cols, m = b.rows;
        final double[] x = a.data, y = b.data, z = out.data;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                z[i * m + j] = dotRowRow(x, i * inner, y, j * inner, inner);
            }
        }
    }

    @Override
    public void multiplyAddTransA(ScalarMatrix a, ScalarMatrix b, ScalarMatrix c) {
        final int n = a.cols, inner = a.rows, m = b.cols;
        final double[] x = a.data, y = b.data, z = c.data;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double sum = 0.0;
                int xi = i, yi = j;
                for (int k = 0; k < inner; k++) {
                    sum += x[xi] * y[yi];
                    xi += n;
                    yi += m;
                }
                z[i * m + j] += sum;
            }
        }
    }

    @Override
    public void sigmoid(ScalarMatrix m) {
        final double[] z = m.data;
        for (int i = 0; i < z.length; i++) {
            z[i] = sigmoid(z[i]);
        }
    }

    @Override
    public void outputDelta(ScalarMatrix target, ScalarMatrix output, ScalarMatrix delta) {
        final double[] t = target.data, o = output.data, d = delta.data;
        for (int i = 0; i < d.length; i++) {
            d[i] = (t[i] - o[i]) * (o[i] * (1 - o[i]));
        }
    }

    @Override
    public void scaleBySigmoidDerivative(ScalarMatrix delta, ScalarMatrix activation) {
        final double[] d = delta.data, a = activation.data;
        for (int i = 0; i < d.length; i++) {
            d[i] = d[i] * (a[i] * (1 - a[i]));
        }
    }

    @Override
    public void forwardLayer(ScalarMatrix input, ScalarMatrix weights, ScalarMatrix activation) {
        final int n = input.rows, inner = input.cols, m = weights.cols;
        final double[] x = input.data, w = weights.data, z = activation.data;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                z[i * m + j] = sigmoid(dotRowCol(x, i * inner, w, j, m, inner));
            }
        }
    }

    @Override
    public void hiddenDelta(ScalarMatrix nextDelta, ScalarMatrix nextWeights, ScalarMatrix activation,
                            ScalarMatrix delta) {
        final int n = nextDelta.rows, inner = nextDelta.cols, m = nextWeights.rows;
        final double[] x = nextDelta.data, w = nextWeights.data, a = activation.data, d = delta.data;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double act = a[i * m + j];
                d[i * m + j] = dotRowRow(x, i * inner, w, j * inner, inner) * (act * (1 - act));
            }
        }
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** Row {@code x[xFrom ..]} times column {@code y[col], y[col + stride], ...}. */
    private static double dotRowCol(double[] x, int xFrom, double[] y, int col, int stride, int length) {
        double sum = 0.0;
        int yi = col;
        final int end = xFrom + length;
        for (int xi = xFrom; xi < end; xi++) {
            sum += x[xi] * y[yi];
            yi += stride;
        }
        return sum;
    }

    /** Row {@code x[xFrom ..]} times row {@code y[yFrom ..]}. */
    private static double dotRowRow(double[] x, int xFrom, double[] y, int yFrom, int length) {
        double sum = 0.0;
        for (int k = 0; k < length; k++) {
            sum += x[xFrom + k] * y[yFrom + k];
        }
        return sum;
    }
}
