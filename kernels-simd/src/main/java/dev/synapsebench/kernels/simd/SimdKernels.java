package dev.synapsebench.kernels.simd;

import dev.synapsebench.core.DType;
import dev.synapsebench.core.MatrixKernel;
import dev.synapsebench.core.NetworkBatch;
import dev.synapsebench.core.Topology;

import java.util.Optional;

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

    /**
     * The networks-in-lanes batch ({@link SimdBatch}) for a kernel of {@code dtype}, where it
     * applies: float64 networks whose group fits L1. Empty otherwise (the kernel then uses the
     * default batch). Here, outside the twinned sources, because {@link SimdBatch} is float64 code with
     * no float32 twin yet.
     */
    public static Optional<NetworkBatch> batch(DType dtype, Topology topology, int examples, int size) {
        if (dtype == DType.FLOAT64 && size >= 1 && examples >= 1 && SimdBatch.applies(topology, examples)) {
            return Optional.of(new SimdBatch(topology, examples, size));
        }
        return Optional.empty();
    }
}
