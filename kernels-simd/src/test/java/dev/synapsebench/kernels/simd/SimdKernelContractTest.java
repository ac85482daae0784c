package dev.synapsebench.kernels.simd;

import dev.synapsebench.core.MatrixKernel;
import dev.synapsebench.core.testing.MatrixKernelContract;

class SimdKernelContractTest extends MatrixKernelContract<SimdMatrix> {

    @Override
    protected MatrixKernel<SimdMatrix> createKernel() {
        return new SimdKernel();
    }
}
