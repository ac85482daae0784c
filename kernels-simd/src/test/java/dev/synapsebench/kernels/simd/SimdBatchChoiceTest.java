package dev.synapsebench.kernels.simd;

import dev.synapsebench.core.DType;
import dev.synapsebench.core.SequentialBatch;
import dev.synapsebench.core.Topology;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * Which batch each dtype's kernel hands out: networks in lanes ({@code SimdBatch}, in float32 its
 * generated twin) where a group fits L1, one network after another where it does not. The contract
 * suite checks what either computes; this checks that float32 {@code --seeds} fills its lanes.
 */
class SimdBatchChoiceTest {

    @ParameterizedTest
    @EnumSource(DType.class)
    void smallNetworksTrainInLanes(DType dtype) {
        var batch = SimdKernels.of(dtype).batch(Topology.of(3, 4, 1), 4, 40);
        assertEquals("SimdBatch", batch.getClass().getSimpleName(), dtype + " 3-4-1");
        String expectedPackage = dtype == DType.FLOAT64 ? SimdBatch.class.getPackageName()
                : SimdBatch.class.getPackageName() + ".float32";
        assertEquals(expectedPackage, batch.getClass().getPackageName(), dtype + " 3-4-1");
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void largeNetworksTrainOneAfterAnother(DType dtype) {
        assertInstanceOf(SequentialBatch.class, SimdKernels.of(dtype).batch(Topology.of(784, 128, 10), 256, 2),
                dtype + " 784-128-10x256");
    }
}
