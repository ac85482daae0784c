package dev.synapsebench.kernels.ejml;

import dev.synapsebench.core.MatrixKernel;
import dev.synapsebench.core.testing.MatrixKernelContract;
import dev.synapsebench.kernels.ejml.float32.EjmlKernel;
import dev.synapsebench.kernels.ejml.float32.EjmlMatrix;

/**
 * EJML's generated float32 twin (FMatrixRBlock, MatrixMult_FDRB, CommonOps_FDRM at small shapes)
 * at the contract's float32 defaults. Its block tiles sum in blocks of 64 terms like the float64
 * kernel's, well inside the float32 product tolerance; at the tutorials' sizes it trains bit for
 * bit like the scalar kernel's twin ({@link EjmlKernelTest}). Seen against numpy float32 (the
 * smallest tolerance each would pass): multi-layer 1.3e-6, xor-3layer 5.7e-7, the 30-50-40-5x80
 * network 4.1e-6; the contract allows 1e-5.
 */
class EjmlFloat32KernelContractTest extends MatrixKernelContract<EjmlMatrix> {

    @Override
    protected MatrixKernel<EjmlMatrix> createKernel() {
        return new EjmlKernel();
    }
}
