package dev.synapsebench.core;

import dev.synapsebench.core.testing.NumpyReference;
import dev.synapsebench.core.testing.Tolerance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

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
}
