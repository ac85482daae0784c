package dev.synapsebench.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AllocationTest {

    @Test
    void theThreadsOwnFigureWinsWhereMeasured() {
        Allocation both = Allocation.of(Map.of("gc.alloc.rate.norm", 3565.0, Allocation.THREAD_METRIC, 0.0,
                "gc.count", 1.0));
        assertEquals(0.0, both.bytesPerOp());
        assertEquals(Allocation.THREAD_METRIC, both.metric());
        assertEquals(3565.0, both.gcBytesPerOp());

        Allocation gcOnly = Allocation.of(Map.of("gc.alloc.rate.norm", 3565.0));
        assertEquals(3565.0, gcOnly.bytesPerOp());
        assertEquals(Allocation.GC_METRIC, gcOnly.metric());
        assertFalse(gcOnly.isThreadOwn());

        assertNull(Allocation.of(Map.of()).metric());
        assertTrue(Double.isNaN(Allocation.NOT_MEASURED.bytesPerOp()));
    }

    /** Every committed run still has a figure: the thread's where recorded, else (older runs) JMH's. */
    @Test
    void committedRunsSummariseWithTheirBestFigure() throws IOException {
        List<Path> runs;
        try (Stream<Path> files = Files.walk(Path.of("..", "results"), 2)) {
            runs = files.filter(f -> f.getFileName().toString().equals("jmh.json")).toList();
        }
        assertFalse(runs.isEmpty(), "no committed jmh.json under ../results");
        ObjectMapper json = new ObjectMapper();
        int results = 0;
        for (Path run : runs) {
            for (JsonNode result : json.readTree(run.toFile())) {
                if (result.at("/params/network").isMissingNode()) {
                    continue; // the peak
                }
                Map<String, Double> scores = new HashMap<>();
                result.path("secondaryMetrics").fields().forEachRemaining(f -> scores.put(f.getKey(),
                        f.getValue().path("score").asDouble()));
                Allocation allocation = Allocation.of(scores);
                String what = run + " " + result.path("benchmark").asText() + " " + result.path("params");
                String expected = scores.containsKey(Allocation.THREAD_METRIC) ? Allocation.THREAD_METRIC
                        : Allocation.GC_METRIC;
                assertEquals(expected, allocation.metric(), what);
                assertEquals(scores.get(expected), allocation.bytesPerOp(), what);
                results++;
            }
        }
        assertTrue(results > 100, results + " results");
    }
}
