package dev.synapsebench.core;

import dev.synapsebench.core.testing.NumpyReference;
import dev.synapsebench.core.testing.NumpySeedsReference;
import dev.synapsebench.core.testing.Tolerance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NumpyInitTest {

    static Stream<NumpyReference.Case> cases() {
        return NumpyReference.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void initialWeightsAreNumpysBitForBit(NumpyReference.Case reference) {
        Workload preset = reference.preset();
        List<Matrix> expected = reference.initialWeights();
        List<Matrix> actual = NumpyInit.weights(preset.topology(), preset.seed());
        assertEquals(expected.size(), actual.size());
        for (int l = 0; l < expected.size(); l++) {
            Tolerance.assertBitExact(expected.get(l), actual.get(l), reference + " W" + l);
        }
    }

    static Stream<NumpySeedsReference.Seed> unseenSeeds() {
        return NumpySeedsReference.presets().stream().flatMap(p -> NumpySeedsReference.of(p).stream());
    }

    /** Seeds across numpy's whole range, its ends included (2^32-1 is a negative int in the Java port's state). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("unseenSeeds")
    void initialWeightsAreNumpysBitForBitForUnseenSeeds(NumpySeedsReference.Seed reference) {
        List<Matrix> expected = reference.initialWeights();
        List<Matrix> actual = NumpyInit.weights(reference.preset().topology(), reference.seed());
        assertEquals(expected.size(), actual.size());
        for (int l = 0; l < expected.size(); l++) {
            Tolerance.assertBitExact(expected.get(l), actual.get(l), reference + " W" + l);
        }
    }

    @org.junit.jupiter.api.Test
    void unseenSeedsAreTheDrawnOnesAndTheRangesEnds() {
        long[] seeds = NumpySeedsReference.seeds();
        assertEquals(22, seeds.length, NumpySeedsReference.drawRule());
        assertEquals(22, Arrays.stream(seeds).distinct().count(), "distinct seeds");
        assertEquals(0L, seeds[20]);
        assertEquals(0xffffffffL, seeds[21]);
        for (Workload preset : NumpySeedsReference.presets()) {
            assertEquals(preset.trainingSet(), NumpySeedsReference.trainingSet(preset), preset + "'s training set");
            assertEquals(preset.iterations(), NumpySeedsReference.of(preset).get(0).iterations(), preset + "'s iterations");
            assertEquals(Arrays.toString(seeds), Arrays.toString(NumpySeedsReference.of(preset).stream()
                    .mapToLong(NumpySeedsReference.Seed::seed).toArray()), preset + "'s seeds");
        }
    }
}
