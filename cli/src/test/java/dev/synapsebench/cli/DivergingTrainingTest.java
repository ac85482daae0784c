package dev.synapsebench.cli;

import dev.synapsebench.core.testing.DivergingKernel;
import dev.synapsebench.core.testing.DropInBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Training that leaves the finite numbers ends {@code train} with one sentence naming the iteration,
 * the layer and the weight, and exit status 1, for one seed and for many. No real data makes the
 * tutorials' networks diverge (huge inputs saturate the sigmoids, which zeroes the updates), so the
 * test-only {@link DivergingKernel} does it, registered as a new backend's jar would be.
 */
class DivergingTrainingTest {

    private ClassLoader original;
    private URLClassLoader withDiverging;

    @BeforeEach
    void register(@TempDir Path registration) throws IOException {
        original = Thread.currentThread().getContextClassLoader();
        withDiverging = DropInBackend.classLoader(DropInBackend.register(registration, DivergingKernel.class));
        Thread.currentThread().setContextClassLoader(withDiverging); // ServiceLoader looks there
    }

    @AfterEach
    void unregister() throws IOException {
        Thread.currentThread().setContextClassLoader(original);
        withDiverging.close();
    }

    @Test
    void oneSeedNamesTheIterationAndTheWeight() {
        assertDiverged("synapse: training diverged at iteration 1 of 5000: weight (0,0) of layer 1 became NaN (an "
                + "overflow met an operation without a result, such as inf - inf or 0 x inf: scale the inputs down)",
                "train", "--backend", DivergingKernel.NAME, "--preset", "xor-3layer", "--iterations", "5000");
    }

    @Test
    void manySeedsCountTheDivergedOnesAndNameTheFirst() {
        assertDiverged("synapse: training diverged for 12 of 12 seeds (3, 4, 5, 6, 7, ...); seed 3 diverged at "
                + "iteration 1 of 5000: weight (0,0) of layer 1 became NaN (an overflow met an operation without a "
                + "result, such as inf - inf or 0 x inf: scale the inputs down)",
                "train", "--backend", DivergingKernel.NAME, "--preset", "xor-3layer", "--iterations", "5000",
                "--seeds", "3-14", "--threads", "2");
    }

    private static void assertDiverged(String sentence, String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(1, r.status(), r::err);
        assertEquals(sentence, r.err().strip());
        assertFalse(r.err().contains("\tat "), "no stack trace");
        assertEquals("", r.out(), "no output: a diverged run is not a result");
    }
}
