package dev.synapsebench.kernels.simd;

import dev.synapsebench.core.MatrixKernel;
import dev.synapsebench.core.testing.MatrixKernelContract;

/**
 * The Vector API backend against the shared contract, at the project's default tolerances: 1e-12
 * relative for single operations (products scaled by the magnitude of their terms) and for the
 * trained networks against numpy.
 *
 * <p>No override is needed although the rounding is not the scalar kernel's: FMA rounds each
 * {@code sum + a*b} once instead of twice, the wide weight update sums lane-wise partial sums in
 * a fixed tree, and the sigmoid's {@code exp} is the backend's own ({@link VectorSigmoid}, within
 * 1 ulp) instead of {@link Math#exp}. Every one of those operations rounds the same in every JIT
 * tier, so the batch tests' bit-for-bit comparisons hold in any JVM state without warm-up.
 */
class SimdKernelContractTest extends MatrixKernelContract<SimdMatrix> {

    @Override
    protected MatrixKernel<SimdMatrix> createKernel() {
        return new SimdKernel();
    }
}
