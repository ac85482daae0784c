package dev.synapsebench.benchmarks.report;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SummaryTest {

    private static final List<Summary.Row> ROWS = List.of(
            new Summary.Row("trainingStep", "3-4-1", "scalar", 150.0, 2.0, "ns/op", 0.0),
            new Summary.Row("trainingStep", "3-4-1", "simd", 75.0, 1.0, "ns/op", 0.0),
            new Summary.Row("trainingStep", "3-4-1", "nd4j", 15000.0, 300.0, "ns/op", 1234.5),
            new Summary.Row("trainingStep", "3-1", "simd", 30.0, Double.NaN, "ns/op", Double.NaN));

    @Test
    void relativeSpeedIsScalarsTimeOverTheBackends() {
        assertEquals("1.00x", Summary.relative(ROWS.get(0), ROWS));
        assertEquals("2.00x", Summary.relative(ROWS.get(1), ROWS));
        assertEquals("0.010x", Summary.relative(ROWS.get(2), ROWS), "two significant digits when slow");
        assertEquals("", Summary.relative(ROWS.get(3), ROWS), "no scalar row for 3-1");
    }

    @Test
    void printsOneLinePerBackend() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Summary.print(ROWS, 50.0, "numpy: not run.", new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String table = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(table.contains("trainingStep  3-4-1           scalar"), table);
        assertTrue(table.contains("15000.0 ±      300.0  ns/op"), table);
        assertTrue(table.matches("(?s).*nd4j .* 1234\\.5 +0\\.010x.*"), table);
        assertTrue(table.contains("50.0 GFLOP/s"), "the peak is named: " + table);
        assertTrue(table.contains("n/a"), table);
    }
}
