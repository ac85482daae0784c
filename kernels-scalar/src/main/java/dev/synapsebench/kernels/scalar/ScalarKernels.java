package dev.synapsebench.kernels.scalar;

import dev.synapsebench.core.DType;
import dev.synapsebench.core.MatrixKernel;

/** The scalar backend in each dtype: {@link ScalarKernel} and its generated float32 twin. */
public final class ScalarKernels {

    public static final String NAME = "scalar";

    private ScalarKernels() {
    }

    public static MatrixKernel<?> of(DType dtype) {
        return switch (dtype) {
            case FLOAT64 -> new ScalarKernel();
            case FLOAT32 -> new dev.synapsebench.kernels.scalar.float32.ScalarKernel();
        };
    }
}
