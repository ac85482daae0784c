package dev.synapsebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.synapsebench.core.Kernels;
import dev.synapsebench.core.Matrix;
import dev.synapsebench.core.MatrixKernel;
import dev.synapsebench.core.Network;
import dev.synapsebench.core.Workloads;
import dev.synapsebench.core.testing.NumpyReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SynapseCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;


    @Test
    void xorPresetPrintsTheTutorialsFinalOutput() {
        CliRun r = CliRun.of("train", "--preset", "xor-3layer");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("Output after training:\n[[0.00287151]\n [0.99637876]\n [0.99671879]\n [0.00426668]]"),
                r.out());
    }

    @Test
    void multiLayerPresetPredictsTheNewSituation() {
        CliRun r = CliRun.of("train", "--preset", "multi-layer");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("Considering new situation [1, 1, 0] -> ?:\n[0.0078876]"), r.out());
    }

    @Test
    void jsonParsesAndMatchesTheCoreBitForBit() throws IOException {
        CliRun r = CliRun.of("train", "--preset", "multi-layer", "--iterations", "1000", "--predict", "1,0,1",
                "--format", "json");
        assertEquals(0, r.status(), r.err());
        JsonNode json = JSON.readTree(r.out());
        assertEquals("3-4-1", json.get("network").asText());
        assertEquals("scalar", json.get("backend").asText());
        assertEquals(1, json.get("seed").asLong());
        assertEquals(1000, json.get("iterations").asInt());
        assertEquals("float64", json.get("dtype").asText());

        MatrixKernel<?> kernel = Kernels.byName("scalar").orElseThrow();
        Network<?> network = Network.of(kernel, Workloads.MULTI_LAYER);
        List<Matrix> initial = network.weights();
        network.train(1000);
        assertLayers(initial, json.get("initialWeights"));
        assertLayers(network.weights(), json.get("weights"));
        assertMatrix(network.outputWithCurrentWeights(), json.get("output"));
        assertEquals("[1.0,0.0,1.0]", json.at("/prediction/input").toString());
        List<Matrix> prediction = network.predict(new double[] {1, 0, 1});
        assertEquals(Double.doubleToLongBits(prediction.get(1).get(0, 0)),
                Double.doubleToLongBits(json.at("/prediction/output/0").doubleValue()));
    }

    @Test
    void jsonInitialWeightsAreNumpys() throws IOException {
        CliRun r = CliRun.of("train", "--preset", "xor-3layer", "--iterations", "0", "--format", "json");
        assertEquals(0, r.status(), r.err());
        JsonNode json = JSON.readTree(r.out());
        assertLayers(NumpyReference.of(Workloads.XOR_3LAYER).initialWeights(), json.get("initialWeights"));
        assertLayers(NumpyReference.of(Workloads.XOR_3LAYER).initialWeights(), json.get("weights"));
    }

    @Test
    void trainsOnCsvDataWithAnyNetwork() throws IOException {
        Path x = write("x.csv", "0,0,1,0\n0,1,1,1\n1,0,1,0\n1,1,1,1\n");
        Path y = write("y.csv", "0,1\n1,0\n1,1\n0,0\n");
        CliRun r = CliRun.of("train", "--inputs", x.toString(), "--targets", y.toString(), "--network", "4-8-5-2",
                "--iterations", "200", "--seed", "42", "--format", "json");
        assertEquals(0, r.status(), r.err());
        JsonNode json = JSON.readTree(r.out());
        assertEquals("4-8-5-2", json.get("network").asText());
        assertEquals(3, json.get("weights").size());
        assertEquals(4, json.get("output").size());
        assertEquals(2, json.get("output").get(0).size());
    }

    @Test
    void backendsListsEveryBackendAndABrokenOneAsUnavailable() {
        CliRun r = CliRun.of("backends");
        assertEquals(0, r.status(), r.err());
        for (String name : List.of("scalar", "simd", "ejml", "nd4j")) {
            assertTrue(r.out().matches("(?s).*" + name + "\\s+available.*"), r.out());
        }
        // src/test/resources registers a provider class that does not exist
        assertTrue(r.out().contains("UNAVAILABLE  a registered backend could not be loaded: "
                + "dev.synapsebench.core.MatrixKernel: Provider dev.synapsebench.cli.NoSuchKernel not found"), r.out());
    }

    @Test
    void aBrokenBackendDoesNotStopTheOthers() {
        CliRun r = CliRun.of("train", "--backend", "ejml", "--iterations", "10", "--format", "json");
        assertEquals(0, r.status(), r.err());
    }

    @Test
    void helpWorks() {
        CliRun r = CliRun.of("--help");
        assertEquals(0, r.status());
        assertTrue(r.out().contains("train"));
        assertTrue(CliRun.of("train", "--help").out().contains("--backend"));
    }

    static Stream<Arguments> badInput() throws IOException {
        Path x = write("good-x.csv", "0,0,1\n1,1,1\n1,0,1\n0,1,1\n");
        Path y = write("good-y.csv", "0\n1\n1\n0\n");
        Path ragged = write("ragged.csv", "0,0,1\n1,1\n");
        Path text = write("text.csv", "0,0,1\n1,one,1\n");
        Path nan = write("nan.csv", "0,0,1\n1,NaN,1\n");
        Path inf = write("inf.csv", "0,0,1\n1,Infinity,1\n");
        Path shortY = write("short-y.csv", "0\n1\n");
        Path empty = write("empty.csv", "\n");
        Path quote = write("quote.csv", "0,\"1,1\n");
        return Stream.of(
                Arguments.of(List.of("train", "--preset", "nope"), "unknown preset 'nope'"),
                Arguments.of(List.of("train", "--backend", "cuda"), "unknown backend 'cuda'"),
                Arguments.of(List.of("train", "--bogus"), "Unknown option: '--bogus'"),
                Arguments.of(List.of("frobnicate"), "Unmatched argument"),
                Arguments.of(List.of("train", "--inputs", ragged.toString(), "--targets", y.toString()),
                        "line 2 has 2 values, the first row has 3"),
                Arguments.of(List.of("train", "--inputs", text.toString(), "--targets", y.toString()),
                        "'one' is not a number"),
                Arguments.of(List.of("train", "--inputs", nan.toString(), "--targets", y.toString()),
                        "NaN is not a finite number"),
                Arguments.of(List.of("train", "--inputs", inf.toString(), "--targets", y.toString()),
                        "Infinity is not a finite number"),
                Arguments.of(List.of("train", "--inputs", x.toString(), "--targets", shortY.toString()),
                        "has 4 rows but"),
                Arguments.of(List.of("train", "--inputs", empty.toString(), "--targets", y.toString()),
                        "has no rows of numbers"),
                Arguments.of(List.of("train", "--inputs", quote.toString(), "--targets", y.toString()),
                        "is not valid CSV"),
                Arguments.of(List.of("train", "--inputs", x.toString()), "--inputs and --targets go together"),
                Arguments.of(List.of("train", "--inputs", dir.resolve("missing.csv").toString(), "--targets",
                        y.toString()), "missing.csv does not exist"),
                Arguments.of(List.of("train", "--network", "4-4-1"), "--network 4-4-1 takes 4 inputs but X has 3 columns"),
                Arguments.of(List.of("train", "--network", "3-2"), "has 2 outputs but y has 1 columns"),
                Arguments.of(List.of("train", "--network", "3-x-1"), "network must be layer sizes joined by '-'"),
                Arguments.of(List.of("train", "--predict", "1,0"), "--predict has 2 values but the network 3-1 takes 3"),
                Arguments.of(List.of("train", "--predict", "1,NaN,0"), "--predict values must be finite numbers"),
                Arguments.of(List.of("train", "--predict", "1,a,0"), "Invalid value for option '--predict'"),
                Arguments.of(List.of("train", "--iterations", "-1"), "--iterations must be 0 or more, got -1"),
                Arguments.of(List.of("train", "--iterations", "many"), "Invalid value for option '--iterations'"),
                Arguments.of(List.of("train", "--seed", "-3"), "--seed must be between 0 and 4294967295"),
                Arguments.of(List.of("train", "--seed", "4294967296"), "--seed must be between 0 and 4294967295"),
                Arguments.of(List.of("train", "--format", "xml"), "Invalid value for option '--format'"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badInput")
    void badInputGetsOneLineAndExitStatus2(List<String> args, String message) {
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertEquals(2, r.status(), () -> "exit status for " + args + "; stderr: " + r.err());
        assertTrue(r.err().contains(message), () -> "stderr for " + args + ": " + r.err());
        assertEquals(1, r.err().strip().lines().count(), () -> "one line on stderr, got: " + r.err());
        assertTrue(r.err().startsWith("synapse: "), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace");
        assertEquals("", r.out());
    }

    private static Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static void assertLayers(List<Matrix> expected, JsonNode layers) {
        assertEquals(expected.size(), layers.size());
        for (int l = 0; l < expected.size(); l++) {
            assertMatrix(expected.get(l), layers.get(l));
        }
    }

    /** Bit for bit: the JSON numbers must parse back to the same doubles. */
    private static void assertMatrix(Matrix expected, JsonNode rows) {
        assertEquals(expected.rows(), rows.size());
        for (int r = 0; r < expected.rows(); r++) {
            assertEquals(expected.cols(), rows.get(r).size());
            for (int c = 0; c < expected.cols(); c++) {
                double parsed = Double.parseDouble(rows.get(r).get(c).asText());
                assertEquals(Double.doubleToLongBits(expected.get(r, c)), Double.doubleToLongBits(parsed),
                        "element (" + r + "," + c + ")");
            }
        }
    }
}
