package dev.synapsebench.kernels.scalar;

import dev.synapsebench.core.MatrixKernel;
import dev.synapsebench.core.testing.MatrixKernelContract;
import dev.synapsebench.kernels.scalar.float32.ScalarKernel;
import dev.synapsebench.kernels.scalar.float32.ScalarMatrix;

/**
 * The reference backend's generated float32 twin: the contract's float32 defaults (float32
 * operations against float64 references on the same inputs; numpy float32 within 1e-5).
 */
class ScalarFloat32KernelContractTest extends MatrixKernelContract<ScalarMatrix> {

    @Override
    protected MatrixKernel<ScalarMatrix> createKernel() {
        return new ScalarKernel();
    }
}
