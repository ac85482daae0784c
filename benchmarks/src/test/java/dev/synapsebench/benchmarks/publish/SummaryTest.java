package dev.synapsebench.benchmarks.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.synapsebench.benchmarks.jmh.ThreadAllocationProfiler;
import dev.synapsebench.model.Allocation;
import dev.synapsebench.model.DerivedFigures;
import dev.synapsebench.model.FigureFormat;
import dev.synapsebench.model.MeasuredRun;
import dev.synapsebench.model.Measurement;
import dev.synapsebench.model.RunFolder;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SummaryTest {

    /** An FP64 peak of 50 GFLOP/s and an FP32 one of 100. */
    private static final ObjectNode ENVIRONMENT = new ObjectMapper().createObjectNode();

    static {
        ENVIRONMENT.putObject("peak").put("fp64GflopsOneCore", 50.0).put("fp32GflopsOneCore", 100.0);
    }

    private static final List<Measurement> ROWS = List.of(
            row("trainingStep", "3-4-1", "scalar", Map.of(), 150.0, 2.0, new Allocation(0.0, 0.006)),
            row("trainingStep", "3-4-1", "simd", Map.of(), 75.0, 1.0, new Allocation(0.0, 0.003)),
            row("trainingStep", "3-4-1", "nd4j", Map.of(), 15000.0, 300.0, new Allocation(1234.5, 1240.0)),
            row("trainingStep", "3-1", "simd", Map.of(), 30.0, Double.NaN, Allocation.NOT_MEASURED));

    private static Measurement row(String benchmark, String network, String backend, Map<String, String> params,
                                   double score, double error, Allocation allocation) {
        return new Measurement(benchmark, backend, network, new TreeMap<>(params), "avgt", "ns/op", score, error,
                List.of(new double[]{score}), allocation, null);
    }

    private static MeasuredRun run(List<Measurement> rows) {
        return RunFolder.of(Path.of("run"), rows, ENVIRONMENT);
    }

    private static String relative(Measurement row, List<Measurement> rows) {
        return FigureFormat.ratio(DerivedFigures.of(run(rows)).vsScalar(row));
    }

    private static String print(List<Measurement> rows, String numpyNote) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Summary.print(run(rows), numpyNote, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static JsonNode json(List<Measurement> rows) {
        return Summary.json(run(rows));
    }

    @Test
    void relativeSpeedIsScalarsTimeOverTheBackends() {
        assertEquals("1.00x", relative(ROWS.get(0), ROWS));
        assertEquals("2.00x", relative(ROWS.get(1), ROWS));
        assertEquals("0.010x", relative(ROWS.get(2), ROWS), "two significant digits when slow");
        assertEquals(FigureFormat.NONE, relative(ROWS.get(3), ROWS), "no scalar row for 3-1");
    }

    @Test
    void aFloat32RowIsPutAgainstItsBackendsFloat64Row() {
        Measurement float32 = row("trainingStep", "3-4-1", "simd", Map.of("dtype", "float32"), 30.0, 1.0,
                new Allocation(0.0, 0.003));
        List<Measurement> rows = new java.util.ArrayList<>(ROWS);
        rows.add(float32);
        DerivedFigures figures = DerivedFigures.of(run(rows));
        assertEquals("2.50x", FigureFormat.ratio(figures.vsFloat64(float32)), "simd's float64 75 ns over its float32 30 ns");
        assertEquals(FigureFormat.NONE, FigureFormat.ratio(figures.vsFloat64(ROWS.get(1))), "a float64 row has none");
        JsonNode f32 = java.util.stream.StreamSupport.stream(json(rows).spliterator(), false)
                .filter(n -> n.path("dtype").asText().equals("float32")).findFirst().orElseThrow();
        assertEquals(2.5, f32.get("vsFloat64").asDouble());
        String table = print(rows, "numpy: not run.");
        assertTrue(table.matches("(?s).*simd dtype=float32 .* 2\\.50x\n.*"), table);
    }

    @Test
    void printsOneLinePerBackend() {
        String table = print(ROWS, "numpy: not run.");
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
        JsonNode nd4j = json(ROWS).get(2);
        assertEquals(1234.5, nd4j.get("allocatedBytesPerOp").asDouble());
        assertEquals(ThreadAllocationProfiler.METRIC, nd4j.get("allocationMetric").asText());
        assertEquals(1234.5, nd4j.get("threadAllocatedBytesPerOp").asDouble());
        assertEquals(1240.0, nd4j.get("gcAllocatedBytesPerOp").asDouble());
        JsonNode numpy = json(ROWS).get(3);
        assertFalse(numpy.has("allocatedBytesPerOp") || numpy.has("allocationMetric"), numpy.toString());
    }

    @Test
    void olderRunsShowJmhsFigureAndSayWhatItIs() {
        List<Measurement> old = List.of(
                row("trainingStep", "128-512-1x512", "scalar", Map.of(), 1.7e8, 8e6, new Allocation(Double.NaN, 3565.0)));
        String legend = Summary.allocationLegend(run(old));
        assertTrue(legend.startsWith("alloc B/op = gc.alloc.rate.norm: the whole fork's"), legend);
        assertEquals(3565.0, json(old).get(0).get("allocatedBytesPerOp").asDouble());
        assertEquals(Allocation.GC_METRIC, json(old).get(0).get("allocationMetric").asText());
    }

    @Test
    void aTableMixingBothMarksJmhsFigures() {
        List<Measurement> mixed = List.of(ROWS.get(0),
                row("trainingStep", "3-4-1", "ejml", Map.of(), 140.0, 2.0, new Allocation(Double.NaN, 0.006)));
        String table = print(mixed, "");
        assertTrue(table.contains("* = gc.alloc.rate.norm"), table);
        assertTrue(line(table, "ejml").contains(" 0.0* "), table);
        assertTrue(line(table, "scalar").contains(" 0.0 "), table);
    }

    /** simd's trainingStep on 3-4-1 is 75 ns; its batches 12.5 ns per network-step on one thread, 6.25 on two. */
    private static List<Measurement> withManyNetworks() {
        List<Measurement> rows = new java.util.ArrayList<>(ROWS);
        rows.add(many("simd", "1024", "2", 6.25));
        rows.add(many("simd", "8", "1", 25.0));
        rows.add(many("simd", "1024", "1", 12.5));
        rows.add(many("scalar", "1024", "1", 50.0));
        return run(rows).results();
    }

    private static Measurement many(String backend, String batch, String threads, double ns) {
        return row("trainMany", "3-4-1", backend, Map.of("batch", batch, "threads", threads), ns, ns / 10,
                new Allocation(0.0, 0.01));
    }

    @Test
    void manyNetworksRowsAreKeyedByTheirParametersAndPutAgainstTrainingStepAndOneThread() {
        List<Measurement> rows = withManyNetworks();
        DerivedFigures figures = DerivedFigures.of(run(rows));
        List<Measurement> simd = rows.stream().filter(r -> r.benchmark().equals("trainMany") && r.backend().equals("simd"))
                .toList();
        assertEquals(List.of("8 1", "1024 1", "1024 2"), simd.stream().map(r -> r.otherParams().get("batch") + " "
                + r.otherParams().get("threads")).toList(), "by batch, then threads, numerically");
        assertEquals(6.0, figures.vsTrainingStep(simd.get(1)), "75 ns a step over 12.5 per network-step");
        assertEquals(2.0, figures.vsOneThread(simd.get(2)));
        assertTrue(Double.isNaN(figures.vsOneThread(simd.get(1))), "a 1-thread row has none");
        assertEquals("4.00x", relative(simd.get(1), rows), "against scalar's same batch, not its first row");
        assertEquals(FigureFormat.NONE, relative(simd.get(0), rows), "scalar has no batch of 8");

        JsonNode json = json(rows);
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
        String text = print(withManyNetworks(), "numpy: not run.");
        String main = text.substring(0, text.indexOf("trainMany: K networks"));
        assertFalse(main.contains("trainMany"), "not in the main table: " + text);
        String many = text.substring(text.indexOf("trainMany: K networks"));
        assertTrue(many.matches("(?s).*\\n +simd +1024 +2 +6\\.250 ± +0\\.625 +ns/op +1\\.60e\\+08 +0\\.0 +12\\.00x +2\\.00x\\n.*"),
                many);
        assertTrue(many.matches("(?s).*\\n3-4-1 +scalar +1024 +1 +50\\.000 .* 3\\.00x +–\\n.*"),
                "the network on its first row; vs trainingStep 150 / 50 ns, no vs 1 thread: " + many);
    }

    private static String line(String table, String backend) {
        return table.lines().filter(l -> l.matches(".* " + backend + " +\\d.*")).findFirst().orElseThrow();
    }
}
