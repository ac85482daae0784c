package dev.synapsebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.synapsebench.core.RelativeTolerance;
import dev.synapsebench.core.testing.Float32Reference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code synapse train --dtype float32} against numpy float32: the
 * single neuron's weights and its prediction for 1,0,0 within 1e-5, and the JSON says float32.
 */
class Float32TrainTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double PARITY = 1e-5;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"scalar", "simd", "ejml", "nd4j"})
    void singleNeuronMatchesNumpyFloat32(String backend) throws IOException {
        CliRun r = CliRun.of("train", "--preset", "single-neuron", "--dtype", "float32", "--backend", backend,
                "--predict", "1,0,0", "--format", "json");
        assertEquals(0, r.status(), r.err());
        JsonNode json = JSON.readTree(r.out());
        assertEquals("float32", json.get("dtype").asText());
        Float32Reference.Case numpy = Float32Reference.of("single-neuron");
        assertClose(numpy.initialWeights().get(0).values(), json.at("/initialWeights/0"), 0, "initial weights");
        assertClose(numpy.weights().get(0).values(), json.at("/weights/0"), PARITY, "trained weights");
        assertClose(numpy.prediction().values(), json.at("/prediction/output"), PARITY, "prediction");
    }

    /** Every number of {@code actual} (rows, or one row) within {@code tolerance} of {@code expected}, in order. */
    private static void assertClose(double[] expected, JsonNode actual, double tolerance, String what) {
        double[] values = flatten(actual);
        assertEquals(expected.length, values.length, what + ": count");
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = values[i];
            assertTrue(tolerance == 0 ? Double.doubleToLongBits(e) == Double.doubleToLongBits(a)
                    : RelativeTolerance.close(e, a, tolerance), what + " [" + i + "]: numpy float32 " + e + ", got " + a);
        }
    }

    private static double[] flatten(JsonNode node) {
        List<Double> values = new ArrayList<>();
        collect(node, values);
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void collect(JsonNode node, List<Double> values) {
        if (node.isArray()) {
            node.forEach(child -> collect(child, values));
        } else {
            values.add(node.asDouble());
        }
    }
}
