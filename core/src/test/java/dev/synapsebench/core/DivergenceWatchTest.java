package dev.synapsebench.core;

import dev.synapsebench.core.testing.DropInKernel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** DivergenceWatch names the first iteration and weight that leave the finite numbers. */
class DivergenceWatchTest {

    @Test
    void anUpdateThatOverflowsIsCaughtAtItsIteration() {
        // 16 examples of (1e308, 1e308, 0) and weights (0.5, -0.5, 0): the sum is exactly 0, the output
        // 0.5, and the first update adds 16 x 1e308 x 0.125 = 2e308, past Double.MAX_VALUE: infinite.
        double[][] x = new double[16][];
        double[] y = new double[16];
        for (int e = 0; e < 16; e++) {
            x[e] = new double[] {1e308, 1e308, 0};
            y[e] = 1;
        }
        TrainingSet set = new TrainingSet(Matrix.ofRows(x), new Matrix(16, 1, y));
        List<Matrix> weights = List.of(new Matrix(3, 1, new double[] {0.5, -0.5, 0}));
        Network<?> network = new Network<>(new DropInKernel(), Topology.of(3, 1), set, weights);
        DivergenceWatch.Diverged diverged = DivergenceWatch.train(network, 5000);
        assertEquals(1, diverged.iteration());
        assertEquals("training diverged at iteration 1 of 5000: weight (0,0) of layer 1 became Infinity (a sum "
                + "overflowed: scale the inputs down)", diverged.sentence(5000));
    }

    @Test
    void aHealthyRunIsTheUnwatchedRunBitForBit() {
        Network<?> watched = Network.of(new DropInKernel(), Workloads.XOR_3LAYER);
        Network<?> plain = Network.of(new DropInKernel(), Workloads.XOR_3LAYER);
        assertNull(DivergenceWatch.train(watched, 2500), "the tutorial stays finite");
        plain.train(2500);
        assertEquals(plain.weights(), watched.weights(), "checks and chunks change nothing");
    }
}
