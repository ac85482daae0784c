package dev.synapsebench.kernels.scalar;

import dev.synapsebench.core.MatrixKernel;
import dev.synapsebench.core.testing.MatrixKernelContract;

/** The reference backend: every operation bit-identical to the textbook loops, training within 1e-12 of numpy. */
class ScalarKernelContractTest extends MatrixKernelContract<ScalarMatrix> {

    @Override
    protected MatrixKernel<ScalarMatrix> createKernel() {
        return new ScalarKernel();
    }

    @Override
    protected double operationTolerance() {
        return 0; // same loops, same order, same Math.exp: identical bits
    }

    @Override
    protected boolean batchBitIdenticalToSingleNetwork() {
        return true; // a batch does each member's arithmetic in the same order, whatever its layout
    }
}
