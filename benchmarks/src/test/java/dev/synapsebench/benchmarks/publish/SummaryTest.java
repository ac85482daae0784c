package dev.synapsebench.benchmarks.publish;

import dev.synapsebench.model.Allocation;
import com.fasterxml.jackson.databind.JsonNode;
import dev.synapsebench.benchmarks.jmh.ThreadAllocationProfiler;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SummaryTest {

    /** An FP64 peak of 50 GFLOP/s and an FP32 one of 100. */
    private static final java.util.Map<String, Double> PEAKS = java.util.Map.of("float64", 50.0, "float32", 100.0);

    private static final List<Summary.Row> ROWS = List.of(
            new Summary.Row("trainingStep", "3-4-1", "scalar", 150.0, 2.0, "ns/op", new Allocation(0.0, 0.006)),
            new Summary.Row("trainingStep", "3-4-1", "simd", 75.0, 1.0, "ns/op", new Allocation(0.0, 0.003)),
            new Summary.Row("trainingStep", "3-4-1", "nd4j", 15000.0, 300.0, "ns/op", new Allocation(1234.5, 1240.0)),
            new Summary.Row("trainingStep", "3-1", "simd", 30.0, Double.NaN, "ns/op", Allocation.NOT_MEASURED));

    @Test
    void relativeSpeedIsScalarsTimeOverTheBackends() {
        assertEquals("1.00x", Summary.relative(ROWS.get(0), ROWS));
        assertEquals("2.00x", Summary.relative(ROWS.get(1), ROWS));
        assertEquals("0.010x", Summary.relative(ROWS.get(2), ROWS), "two significant digits when slow");
        assertEquals("", Summary.relative(ROWS.get(3), ROWS), "no scalar row for 3-1");
    }

    @Test
    void aFloat32RowIsPutAgainstItsBackendsFloat64Row() {
        Summary.Row float32 = new Summary.Row("trainingStep", "3-4-1", "simd", "float32", 30.0, 1.0, "ns/op",
                new Allocation(0.0, 0.003));
        List<Summary.Row> rows = new java.util.ArrayList<>(ROWS);
        rows.add(float32);
        assertEquals("2.50x", Summary.againstFloat64(float32, rows), "simd's float64 75 ns over its float32 30 ns");
        assertEquals("", Summary.againstFloat64(ROWS.get(1), rows), "a float64 row has none");
        assertEquals(2.5, Summary.json(rows, PEAKS).get(4).get("vsFloat64").asDouble());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Summary.print(rows, PEAKS, "numpy: not run.", new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertTrue(bytes.toString(StandardCharsets.UTF_8).matches("(?s).*simd f32 .* 2\\.50x\n.*"), bytes.toString());
    }

    @Test
    void printsOneLinePerBackend() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Summary.print(ROWS, PEAKS, "numpy: not run.", new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String table = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(table.contains("trainingStep  3-4-1           scalar"), table);
        assertTrue(table.contains("15000.0 ±      300.0  ns/op"), table);
        assertTrue(table.matches("(?s).*nd4j .* 1234\\.5 +0\\.010x.*"), table);
        assertTrue(table.contains("50.0 GFLOP/s"), "the peak is named: " + table);
        assertTrue(table.contains("n/a"), table);
        assertTrue(table.contains("benchmark thread allocated per operation"), "the legend names the measure: " + table);
        assertFalse(table.contains("*"), "no mark without a row of JMH's figure: " + table);
    }

    @Test
    void theColumnHoldsTheThreadsOwnFigureAndSummaryJsonBoth() {
        JsonNode nd4j = Summary.json(ROWS, PEAKS).get(2);
        assertEquals(1234.5, nd4j.get("allocatedBytesPerOp").asDouble());
        assertEquals(ThreadAllocationProfiler.METRIC, nd4j.get("allocationMetric").asText());
        assertEquals(1234.5, nd4j.get("threadAllocatedBytesPerOp").asDouble());
        assertEquals(1240.0, nd4j.get("gcAllocatedBytesPerOp").asDouble());
        JsonNode numpy = Summary.json(ROWS, PEAKS).get(3);
        assertFalse(numpy.has("allocatedBytesPerOp") || numpy.has("allocationMetric"), numpy.toString());
    }

    @Test
    void olderRunsShowJmhsFigureAndSayWhatItIs() {
        List<Summary.Row> old = List.of(
                new Summary.Row("trainingStep", "128-512-1x512", "scalar", 1.7e8, 8e6, "ns/op", new Allocation(Double.NaN, 3565.0)));
        String legend = Summary.allocationLegend(old);
        assertTrue(legend.startsWith("alloc B/op = gc.alloc.rate.norm: the whole fork's"), legend);
        assertEquals(3565.0, Summary.json(old, PEAKS).get(0).get("allocatedBytesPerOp").asDouble());
        assertEquals(Allocation.GC_METRIC, Summary.json(old, PEAKS).get(0).get("allocationMetric").asText());
    }

    @Test
    void aTableMixingBothMarksJmhsFigures() {
        List<Summary.Row> mixed = List.of(ROWS.get(0),
                new Summary.Row("trainingStep", "3-4-1", "ejml", 140.0, 2.0, "ns/op", new Allocation(Double.NaN, 0.006)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Summary.print(mixed, PEAKS, "", new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String table = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(table.contains("* = gc.alloc.rate.norm"), table);
        assertTrue(line(table, "ejml").contains(" 0.0* "), table);
        assertTrue(line(table, "scalar").contains(" 0.0 "), table);
    }

    /** simd's trainingStep on 3-4-1 is 75 ns; its batches 12.5 ns per network-step on one thread, 6.25 on two. */
    private static List<Summary.Row> withManyNetworks() {
        List<Summary.Row> rows = new java.util.ArrayList<>(ROWS);
        rows.add(many("simd", "1024", "2", 6.25));
        rows.add(many("simd", "8", "1", 25.0));
        rows.add(many("simd", "1024", "1", 12.5));
        rows.add(many("scalar", "1024", "1", 50.0));
        return Summary.withNumpy(rows, List.of(), List.of("scalar", "simd", "nd4j"), List.of("3-1", "3-4-1"));
    }

    private static Summary.Row many(String backend, String batch, String threads, double ns) {
        return new Summary.Row("trainMany", "3-4-1", backend, "float64", ns, ns / 10, "ns/op", new Allocation(0.0, 0.01),
                new java.util.TreeMap<>(java.util.Map.of("batch", batch, "threads", threads)));
    }

    @Test
    void manyNetworksRowsAreKeyedByTheirParametersAndPutAgainstTrainingStepAndOneThread() {
        List<Summary.Row> rows = withManyNetworks();
        List<Summary.Row> simd = rows.stream().filter(r -> r.benchmark().equals("trainMany") && r.backend().equals("simd"))
                .toList();
        assertEquals(List.of("8 1", "1024 1", "1024 2"), simd.stream().map(r -> r.params().get("batch") + " "
                + r.params().get("threads")).toList(), "by batch, then threads, numerically");
        assertEquals(6.0, Summary.againstTrainingStep(simd.get(1), rows), "75 ns a step over 12.5 per network-step");
        assertEquals(2.0, Summary.againstOneThread(simd.get(2), rows));
        assertTrue(Double.isNaN(Summary.againstOneThread(simd.get(1), rows)), "a 1-thread row has none");
        assertEquals("4.00x", Summary.relative(simd.get(1), rows), "against scalar's same batch, not its first row");
        assertEquals("", Summary.relative(simd.get(0), rows), "scalar has no batch of 8");

        JsonNode json = Summary.json(rows, PEAKS);
        JsonNode twoThreads = java.util.stream.StreamSupport.stream(json.spliterator(), false)
                .filter(n -> n.path("benchmark").asText().equals("trainMany") && n.path("threads").asInt() == 2)
                .findFirst().orElseThrow();
        assertEquals(1024, twoThreads.get("batch").asInt());
        assertTrue(twoThreads.get("threads").isInt(), twoThreads.toString());
        assertEquals(1.6e8, twoThreads.get("networkStepsPerSecond").asDouble(), 1);
        assertEquals(12.0, twoThreads.get("vsTrainingStep").asDouble());
        assertEquals(2.0, twoThreads.get("vsOneThread").asDouble());
        assertFalse(json.get(0).has("batch") || json.get(0).has("vsTrainingStep"), "a trainingStep row has neither");
    }

    @Test
    void manyNetworksHaveATableOfTheirOwn() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Summary.print(withManyNetworks(), PEAKS, "numpy: not run.", new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String text = bytes.toString(StandardCharsets.UTF_8);
        String main = text.substring(0, text.indexOf("trainMany: K networks"));
        assertFalse(main.contains("trainMany"), "not in the main table: " + text);
        String many = text.substring(text.indexOf("trainMany: K networks"));
        assertTrue(many.matches("(?s).*\\n +simd +1024 +2 +6\\.250 ± +0\\.625 +ns/op +1\\.60e\\+08 +0\\.0 +12\\.00x +2\\.00x\\n.*"),
                many);
        assertTrue(many.matches("(?s).*\\n3-4-1 +scalar +1024 +1 +50\\.000 .* 3\\.00x +\\n.*"),
                "the network on its first row; vs trainingStep 150 / 50 ns, no vs 1 thread: " + many);
    }

    private static String line(String table, String backend) {
        return table.lines().filter(l -> l.matches(".* " + backend + " +\\d.*")).findFirst().orElseThrow();
    }
}
