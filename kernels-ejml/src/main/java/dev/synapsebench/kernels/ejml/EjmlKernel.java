package dev.synapsebench.kernels.ejml;

import dev.synapsebench.core.DType;
import dev.synapsebench.core.MatrixKernel;
import dev.synapsebench.kernels.ejml.EjmlKernels;
import org.ejml.EjmlVersion;

import java.util.Map;
import java.util.Optional;

/**
 * EJML backend: every matrix is an {@link EjmlMatrix} (one array seen as EJML's {@code DMatrixRMaj}
 * and {@code DMatrixRBlock}, with scratch), every product the EJML variant {@link Products} picks for the shape: the block
 * products of {@code MatrixMult_DDRB} at size, {@code CommonOps_DDRM}'s small kernels at the
 * tutorials' sizes (numpy's summation order, so those train bit for bit like the scalar kernel).
 * Allocates nothing after {@link #create}, at every size.
 *
 * <p>EJML has no sigmoid or sigmoid-derivative operation. Those element-wise formulas are one loop
 * over {@code data} (as EJML writes its own element-wise operations such as {@code elementMult});
 * the block layout is the same for every handle of a shape, so the loops need not know it.
 *
 * <p>The build generates its float32 twin from this file, {@link EjmlMatrix} and {@link Products}
 * ({@code codegen/float32-twin.xml}: every double a float, EJML's {@code D} classes its {@code F}
 * ones, from {@code ejml-fdense}), so everything here is written to mean the same in both.
 */
public final class EjmlKernel implements MatrixKernel<EjmlMatrix> {

    @Override
    public String name() {
        return EjmlKernels.NAME;
    }

    @Override
    public String description() {
        return "EJML " + EjmlVersion.VERSION + " DMatrixRBlock with MatrixMult_DDRB, CommonOps_DDRM at small shapes (pure Java, one thread)";
    }

    @Override
    public DType dtype() {
        return DType.FLOAT64;
    }

    @Override
    public Optional<MatrixKernel<?>> withDtype(DType dtype) {
        return Optional.of(EjmlKernels.of(dtype));
    }

    @Override
    public Map<String, Object> environment() {
        return Map.of("versions", Map.of("ejml", EjmlVersion.VERSION));
    }

    @Override
    public EjmlMatrix create(int rows, int cols) {
        return new EjmlMatrix(rows, cols);
    }

    @Override
    public int rows(EjmlMatrix m) {
        return m.numRows;
    }

    @Override
    public int cols(EjmlMatrix m) {
        return m.numCols;
    }

    @Override
    public void load(EjmlMatrix m, double[] rowMajor) {
        m.load(rowMajor);
    }

    @Override
    public void store(EjmlMatrix m, double[] rowMajor) {
        m.store(rowMajor);
    }

    @Override
    public void multiply(EjmlMatrix a, EjmlMatrix b, EjmlMatrix out) {
        Products.multiply(a, b, out);
    }

    @Override
    public void multiplyTransB(EjmlMatrix a, EjmlMatrix b, EjmlMatrix out) {
        Products.multiplyTransB(a, b, out);
    }

    @Override
    public void multiplyAddTransA(EjmlMatrix a, EjmlMatrix b, EjmlMatrix c) {
        Products.multiplyAddTransA(a, b, c);
    }

    @Override
    public void sigmoid(EjmlMatrix m) {
        final double[] x = m.data;
        final int length = m.elements;
        for (int i = 0; i < length; i++) {
            x[i] = 1 / (1 + Math.exp(-x[i]));
        }
    }

    @Override
    public void outputDelta(EjmlMatrix target, EjmlMatrix output, EjmlMatrix delta) {
        final double[] t = target.data, o = output.data, d = delta.data;
        final int length = delta.elements;
        for (int i = 0; i < length; i++) {
            d[i] = (t[i] - o[i]) * (o[i] * (1 - o[i]));
        }
    }

    @Override
    public void scaleBySigmoidDerivative(EjmlMatrix delta, EjmlMatrix activation) {
        final double[] d = delta.data, a = activation.data;
        final int length = delta.elements;
        for (int i = 0; i < length; i++) {
            d[i] = d[i] * (a[i] * (1 - a[i]));
        }
    }
}
