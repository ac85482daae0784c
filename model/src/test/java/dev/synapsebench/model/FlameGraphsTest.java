package dev.synapsebench.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** environment.json's flame section: what the launcher writes, the report reads back, and older runs lack. */
class FlameGraphsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static FlameGraphs example() {
        return new FlameGraphs("trainingStep", "async-profiler 4.1", "itimer", "CPU time", 1.0, "2 x 500 ms", "4 x 1 s",
                4.0, List.of(new FlameGraphs.Graph("simd", "3-4-1", "float64", Map.of(),
                "flame/trainingStep-simd-3-4-1-float64.html")), List.of("trainingStep-nd4j-3-4-1-float64: it failed"),
                null);
    }

    @Test
    void readsBackWhatItWrites() throws Exception {
        ObjectNode environment = JSON.createObjectNode();
        environment.set(FlameGraphs.SECTION, example().toJson());
        JsonNode file = JSON.readTree(JSON.writeValueAsString(environment));
        assertEquals(Optional.of(example()), FlameGraphs.of(file));
        assertFalse(file.path("flame").has("skipped"), "no 'skipped' when graphs were made: " + file);
        assertEquals("flame/trainingStep-simd-3-4-1-float64.html", file.at("/flame/graphs/0/file").asText());
    }

    @Test
    void aRunWithoutFlameGraphsOrWithADamagedSectionHasNone() throws Exception {
        assertEquals(Optional.empty(), FlameGraphs.of(JSON.readTree("{\"run\": {}}")));
        assertEquals(Optional.empty(), FlameGraphs.of(JSON.readTree("{\"flame\": \"yes\"}")));
        assertEquals(Optional.empty(), FlameGraphs.of(JSON.readTree("{\"flame\": {\"graphs\": 3}}")));
    }
}
