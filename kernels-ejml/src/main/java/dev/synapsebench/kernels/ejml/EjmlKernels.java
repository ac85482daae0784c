package dev.synapsebench.kernels.ejml;

import dev.synapsebench.core.DType;
import dev.synapsebench.core.MatrixKernel;

/** The EJML backend in each dtype: {@link EjmlKernel} and its generated float32 twin. */
public final class EjmlKernels {

    public static final String NAME = "ejml";

    private EjmlKernels() {
    }

    public static MatrixKernel<?> of(DType dtype) {
        return switch (dtype) {
            case FLOAT64 -> new EjmlKernel();
            case FLOAT32 -> new dev.synapsebench.kernels.ejml.float32.EjmlKernel();
        };
    }
}
