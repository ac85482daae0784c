package dev.synapsebench.kernels.simd;

import dev.synapsebench.core.MatrixKernel;
import dev.synapsebench.core.testing.MatrixKernelContract;
import dev.synapsebench.kernels.simd.float32.SimdKernel;
import dev.synapsebench.kernels.simd.float32.SimdMatrix;

/**
 * The Vector API backend's generated float32 twin ({@code FloatVector}, twice the float64 lanes:
 * 16 on AVX-512) against the shared contract, at the contract's float32 defaults: no override is
 * needed although FMA, the lane-wise partial sums of the wide update and the backend's own float32
 * {@code exp} round differently from numpy. Observed on the reference machine (AVX-512, JDK 25,
 * with the Vector API's EXP, before the backend had its own), as the smallest
 * tolerance each element would pass: trained weights within 1.2e-6 of numpy float32
 * (multi-layer's 60000 steps; xor-3layer 2.8e-7, single-neuron and trask-2layer bit for bit),
 * 8.9e-7 on the 30-50-40-5x80 network.
 */
class SimdFloat32KernelContractTest extends MatrixKernelContract<SimdMatrix> {

    @Override
    protected MatrixKernel<SimdMatrix> createKernel() {
        return new SimdKernel();
    }
}
