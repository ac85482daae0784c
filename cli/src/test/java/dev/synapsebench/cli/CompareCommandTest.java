package dev.synapsebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code synapse compare} on the committed runs, on runs made slower by hand, and on bad input. */
class CompareCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path RESULTS = Path.of("..", "results");
    private static final String BASE = "20261202T180228Z-vm";
    private static final String NEW = "20261203T104306Z-vm";


    @Test
    void printsEveryCommonRowWithAVerdict() {
        CliRun o = CliRun.of("compare", RESULTS.resolve(BASE).toString(), RESULTS.resolve(NEW).toString());
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().contains("trainingStep  784-128-10x256  simd"), o.out());
        assertTrue(o.out().contains("commit: 1bc42a5"), "the environment's differences: " + o.out());
        assertTrue(o.out().matches("(?s).*114 rows: \\d+ faster, \\d+ slower, \\d+ same, \\d+ inconclusive.*"), o.out());
    }

    @Test
    void jsonRowsCarryTheRatioItsIntervalAndTheVerdict() throws IOException {
        CliRun o = CliRun.of("compare", RESULTS.resolve(BASE).toString(), RESULTS.resolve(NEW).toString(), "--format", "json");
        assertEquals(0, o.status(), o.err());
        JsonNode root = JSON.readTree(o.out());
        assertEquals(114, root.path("rows").size());
        for (JsonNode row : root.path("rows")) {
            for (String field : List.of("benchmark", "backend", "network", "base", "new", "ratio", "ratioLow",
                    "ratioHigh", "verdict")) {
                assertFalse(row.path(field).isMissingNode(), field + " in " + row);
            }
            assertTrue(row.path("ratioLow").asDouble() <= row.path("ratio").asDouble()
                    && row.path("ratio").asDouble() <= row.path("ratioHigh").asDouble(), row.toString());
        }
        assertTrue(root.path("environmentDifferences").size() >= 1);
    }

    @Test
    void markdownIsATable() {
        CliRun o = CliRun.of("compare", RESULTS.resolve(BASE).toString(), RESULTS.resolve(NEW).toString(), "--format", "markdown");
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().contains("|benchmark|network|backend|base|new|ratio|95% interval|verdict|"), o.out());
    }

    @Test
    void failOnRegressionFailsOnASlowerRowAndOnNewAllocation(@TempDir Path dir) throws IOException {
        Path slower = copyRun(dir.resolve("slower"), root -> scale(root, "simd", 1.3));
        CliRun o = CliRun.of("compare", RESULTS.resolve(NEW).toString(), slower.toString(), "--fail-on-regression");
        assertEquals(1, o.status(), o.out() + o.err());
        assertTrue(o.out().contains("slower"), o.out());
        assertEquals(0, CliRun.of("compare", RESULTS.resolve(NEW).toString(), slower.toString()).status(),
                "without the flag a slower row is not a failure");

        Path allocating = copyRun(dir.resolve("allocating"), root -> allocate(root, "scalar", "3-4-1", 48.0));
        CliRun a = CliRun.of("compare", RESULTS.resolve(NEW).toString(), allocating.toString(), "--fail-on-regression");
        assertEquals(1, a.status(), a.out() + a.err());
        assertTrue(a.out().contains("0.0 -> 48.0 REGRESSION"), a.out());
    }

    @Test
    void badInputGetsOneSentenceAndStatusTwo(@TempDir Path dir) throws IOException {
        String base = RESULTS.resolve(BASE).toString();
        Files.createDirectories(dir.resolve("empty"));
        Path truncated = Files.createDirectories(dir.resolve("truncated"));
        String jmh = Files.readString(RESULTS.resolve(NEW).resolve("jmh.json"));
        Files.writeString(truncated.resolve("jmh.json"), jmh.substring(0, jmh.length() / 2));
        Path corrupt = Files.createDirectories(dir.resolve("corrupt"));
        Files.writeString(corrupt.resolve("jmh.json"), "\u0000\u00ff not json");
        Path unrelated = copyRun(dir.resolve("unrelated"), root -> {
            for (JsonNode row : root) {
                if (row.path("params").isObject()) {
                    ((ObjectNode) row.path("params")).put("network", "another-network");
                }
            }
        });
        Files.delete(unrelated.resolve("numpy.json")); // its rows would be in common
        for (String[] args : List.of(
                new String[] {"compare", base, dir.resolve("absent").toString()},
                new String[] {"compare", base, dir.resolve("empty").toString()},
                new String[] {"compare", base, truncated.toString()},
                new String[] {"compare", corrupt.toString(), base},
                new String[] {"compare", base, unrelated.toString()},
                new String[] {"compare", base, base, "--format", "html"},
                new String[] {"compare", base, base, "--threshold", "-5"},
                new String[] {"compare", base})) {
            CliRun o = CliRun.of(args);
            assertEquals(2, o.status(), String.join(" ", args) + ": " + o.err());
            assertEquals(1, o.err().strip().lines().count(), "one line: " + o.err());
            assertFalse(o.err().contains("Exception") || o.err().contains("\tat "), o.err());
        }
    }

    interface Edit {
        void apply(ArrayNode jmh);
    }

    /** A copy of the new committed run with its jmh.json edited. */
    static Path copyRun(Path target, Edit edit) throws IOException {
        Files.createDirectories(target);
        for (String file : List.of("environment.json", "numpy.json")) {
            Files.copy(RESULTS.resolve(NEW).resolve(file), target.resolve(file));
        }
        ArrayNode jmh = (ArrayNode) JSON.readTree(RESULTS.resolve(NEW).resolve("jmh.json").toFile());
        edit.apply(jmh);
        JSON.writeValue(target.resolve("jmh.json").toFile(), jmh);
        return target;
    }

    static void scale(ArrayNode jmh, String backend, double factor) {
        for (JsonNode row : jmh) {
            if (backend.equals(row.path("params").path("backend").asText())) {
                ObjectNode primary = (ObjectNode) row.path("primaryMetric");
                primary.put("score", primary.path("score").asDouble() * factor);
                for (JsonNode fork : primary.path("rawData")) {
                    for (int i = 0; i < fork.size(); i++) {
                        ((ArrayNode) fork).set(i, fork.get(i).asDouble() * factor);
                    }
                }
            }
        }
    }

    static void allocate(ArrayNode jmh, String backend, String network, double bytes) {
        for (JsonNode row : jmh) {
            if (backend.equals(row.path("params").path("backend").asText())
                    && network.equals(row.path("params").path("network").asText())) {
                ((ObjectNode) row.path("secondaryMetrics").path("alloc.thread.norm")).put("score", bytes);
            }
        }
    }
}
