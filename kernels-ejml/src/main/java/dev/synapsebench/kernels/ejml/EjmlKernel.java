package dev.synapsebench.kernels.ejml;

import dev.synapsebench.core.MatrixKernel;
import org.ejml.EjmlVersion;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.Map;

/**
 * EJML backend: every matrix is a {@link DMatrixRMaj} (row-major {@code double[]}), every product a
 * {@link CommonOps_DDRM} call writing into a matrix the network allocated once. Allocates nothing
 * after {@link #create}.
 *
 * <p>{@code CommonOps_DDRM} picks its algorithm by shape: below
 * {@code EjmlParameters.MULT_COLUMN_SWITCH} (15) columns, which covers the tutorials' networks, the
 * "small" kernels sum each product element over the inner index in ascending order, i.e. numpy's
 * rounding, bit for bit; a vector operand takes the matrix-vector kernels, same order. Larger
 * shapes take the cache-friendly "reorder" kernels, which add row by row: still the same ascending
 * order for {@code mult} ({@code multTransB} has one kernel, a dot product per element); see
 * {@link #multiplyAddTransA} for the one difference.
 *
 * <p>EJML has no sigmoid or sigmoid-derivative operation. Those element-wise formulas are one loop
 * over {@code data} (as EJML writes its own element-wise operations such as {@code elementMult}):
 * composing them from {@code CommonOps_DDRM.changeSign/elementExp/add/divide} would take four passes
 * and, for the derivative, a scratch matrix, for identical results.
 */
public final class EjmlKernel implements MatrixKernel<DMatrixRMaj> {

    @Override
    public String name() {
        return "ejml";
    }

    @Override
    public String description() {
        return "EJML " + EjmlVersion.VERSION + " DMatrixRMaj with CommonOps_DDRM (pure Java)";
    }

    @Override
    public Map<String, Object> environment() {
        return Map.of("versions", Map.of("ejml", EjmlVersion.VERSION));
    }

    @Override
    public DMatrixRMaj create(int rows, int cols) {
        return new DMatrixRMaj(rows, cols);
    }

    @Override
    public int rows(DMatrixRMaj m) {
        return m.numRows;
    }

    @Override
    public int cols(DMatrixRMaj m) {
        return m.numCols;
    }

    @Override
    public void load(DMatrixRMaj m, double[] rowMajor) {
        System.arraycopy(rowMajor, 0, m.data, 0, m.getNumElements());
    }

    @Override
    public void store(DMatrixRMaj m, double[] rowMajor) {
        System.arraycopy(m.data, 0, rowMajor, 0, m.getNumElements());
    }

    @Override
    public void multiply(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj out) {
        CommonOps_DDRM.mult(a, b, out);
    }

    @Override
    public void multiplyTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj out) {
        CommonOps_DDRM.multTransB(a, b, out);
    }

    /**
     * {@code CommonOps_DDRM.multAddTransA}, no scratch matrix. For fewer than
     * {@code MULT_COLUMN_SWITCH} (15) columns in {@code a} and {@code b} (every tutorial network)
     * EJML's "small" kernel finishes each element's sum before adding it to {@code c}: numpy's
     * {@code W += a.T.dot(b)} bit for bit. Wider shapes take the "reorder" kernel, which adds the
     * terms into {@code c} one at a time; that moves an element by at most (inner length) ulps of
     * {@code |c| + sum|terms|}, e.g. about 1e-14 relative for an inner length of 129, well inside
     * the contract's 1e-12. The alternative, {@code multTransA} into a scratch then
     * {@code addEquals}, would need a scratch per weight shape and a second pass for no change at
     * the tutorials' sizes.
     */
    @Override
    public void multiplyAddTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        CommonOps_DDRM.multAddTransA(a, b, c);
    }

    @Override
    public void sigmoid(DMatrixRMaj m) {
        final double[] x = m.data;
        final int length = m.getNumElements();
        for (int i = 0; i < length; i++) {
            x[i] = 1 / (1 + Math.exp(-x[i]));
        }
    }

    @Override
    public void outputDelta(DMatrixRMaj target, DMatrixRMaj output, DMatrixRMaj delta) {
        final double[] t = target.data, o = output.data, d = delta.data;
        final int length = delta.getNumElements();
        for (int i = 0; i < length; i++) {
            d[i] = (t[i] - o[i]) * (o[i] * (1 - o[i]));
        }
    }

    @Override
    public void scaleBySigmoidDerivative(DMatrixRMaj delta, DMatrixRMaj activation) {
        final double[] d = delta.data, a = activation.data;
        final int length = delta.getNumElements();
        for (int i = 0; i < length; i++) {
            d[i] = d[i] * (a[i] * (1 - a[i]));
        }
    }
}
