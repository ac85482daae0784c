package dev.synapsebench.kernels.simd;

import dev.synapsebench.core.DType;
import dev.synapsebench.core.MatrixKernel;

/**
 * The simd backend in each dtype: {@link SimdKernel} ({@code DoubleVector}) and its generated
 * float32 twin ({@code FloatVector} of the same preferred shape: twice the lanes, 16 on AVX-512).
 */
public final class SimdKernels {

    public static final String NAME = "simd";

    private SimdKernels() {
    }

    public static MatrixKernel<?> of(DType dtype) {
        return switch (dtype) {
            case FLOAT64 -> new SimdKernel();
            case FLOAT32 -> new dev.synapsebench.kernels.simd.float32.SimdKernel();
        };
    }
}
