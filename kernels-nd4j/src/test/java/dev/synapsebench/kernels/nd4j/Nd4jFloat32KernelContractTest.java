package dev.synapsebench.kernels.nd4j;

import dev.synapsebench.core.DType;
import dev.synapsebench.core.MatrixKernel;
import dev.synapsebench.core.testing.MatrixKernelContract;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * ND4J in float32 ({@code FLOAT} arrays: OpenBLAS's {@code sgemm}, libnd4j's float transforms) at
 * the contract's float32 defaults. Seen against numpy float32 (the smallest tolerance each would
 * pass): multi-layer 1.2e-6, xor-3layer 2.8e-7, the 30-50-40-5x80 network 1.8e-6; the contract
 * allows 1e-5. Fails, not skips, when ND4J's natives cannot load.
 */
class Nd4jFloat32KernelContractTest extends MatrixKernelContract<INDArray> {

    @Override
    protected MatrixKernel<INDArray> createKernel() {
        return new Nd4jKernel(DType.FLOAT32);
    }

    /** As in float64 ({@link Nd4jKernelContractTest}): ND4J's executioner allocates its bookkeeping per op. */
    @Override
    protected boolean allocationFreeTrainingLoop() {
        return false;
    }

    /**
     * As in float64 ({@link Nd4jKernelContractTest}), ND4J's step costs tens of microseconds: a batch
     * of 2 (seed 1 twice) at full length against numpy float32 instead of 9, and 100 iterations
     * instead of 1000 in the batch's bit-for-bit tests.
     */
    @Override
    protected int batchSeedsAgainstNumpy() {
        return 2;
    }

    @Override
    protected int batchIterations() {
        return 100;
    }
}
