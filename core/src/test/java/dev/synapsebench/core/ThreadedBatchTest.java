package dev.synapsebench.core;

import dev.synapsebench.core.testing.DropInKernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** ThreadedBatch's hand-off: no call is lost, however soon it comes, and a slice's failure reaches the caller. */
class ThreadedBatchTest {

    private static final Workload XOR = Workloads.XOR_3LAYER;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void everyCallTrainsEverySliceEvenRightAfterConstructionAndInQuickSuccession() {
        for (int round = 0; round < 200; round++) {
            try (ThreadedBatch batch = new ThreadedBatch(DropInKernel::new, XOR.topology(), 4, 3, 3)) {
                for (int k = 0; k < 3; k++) {
                    batch.load(k, XOR.trainingSet(), NumpyInit.weights(XOR.topology(), k + 1));
                }
                for (int call = 0; call < 5; call++) {
                    batch.train(2); // the first call may come before the workers have started
                }
                for (int k = 0; k < 3; k++) {
                    Network<?> alone = Network.seeded(new DropInKernel(), XOR.topology(), XOR.trainingSet(), k + 1);
                    alone.train(10);
                    assertEquals(alone.weights(), batch.weights(k), "round " + round + ", network " + k);
                }
            }
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aFailingSliceFailsTheCall() {
        try (ThreadedBatch batch = new ThreadedBatch(DropInKernel::new, XOR.topology(), 4, 2, 2)) {
            batch.load(0, XOR.trainingSet(), NumpyInit.weights(XOR.topology(), 1));
            // network 1 has no training set: its slice (a SequentialBatch) refuses to train
            assertThrows(IllegalStateException.class, () -> batch.train(1));
        }
    }

    @Test
    void slicesAreContiguousAndNearEqual() {
        try (ThreadedBatch batch = new ThreadedBatch(DropInKernel::new, XOR.topology(), 4, 5, 8)) {
            assertEquals(5, batch.threads(), "no more threads than networks");
        }
    }
}
