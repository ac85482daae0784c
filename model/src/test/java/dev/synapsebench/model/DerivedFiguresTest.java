package dev.synapsebench.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one place ratios are computed: times and rates both read "above 1, the row is faster". */
class DerivedFiguresTest {

    private static Measurement row(String backend, Map<String, String> params, double score, String unit) {
        return new Measurement(BenchmarkSchema.TRAINING_STEP, backend, "3-4-1", new TreeMap<>(params), "avgt", unit,
                score, 1.0, List.of(new double[]{score}), Allocation.NOT_MEASURED, null);
    }

    private static MeasuredRun run(Measurement... rows) {
        ObjectNode environment = new ObjectMapper().createObjectNode();
        environment.putObject("peak").put("fp64GflopsOneCore", 50.0).put("fp32GflopsOneCore", 100.0);
        return RunFolder.of(Path.of("run"), List.of(rows), environment);
    }

    @Test
    void aTimeIsFasterWhenSmallerAndARateWhenLarger() {
        Measurement scalar = row("scalar", Map.of(), 150.0, "ns/op");
        Measurement simd = row("simd", Map.of(), 75.0, "ns/op");
        assertEquals(2.0, DerivedFigures.of(run(scalar, simd)).vsScalar(simd));
        Measurement scalarRate = row("scalar", Map.of(), 1e6, "ops/s");
        Measurement simdRate = row("simd", Map.of(), 2e6, "ops/s");
        assertEquals(2.0, DerivedFigures.of(run(scalarRate, simdRate)).vsScalar(simdRate));
    }

    @Test
    void float32IsPutAgainstItsTwinAndItsOwnPeakAndNotAgainstNumpy() {
        Measurement simd = row("simd", Map.of(), 75.0, "ns/op");
        Measurement simd32 = row("simd", Map.of(BenchmarkSchema.DTYPE, "float32"), 30.0, "ns/op");
        Measurement numpy = row(BenchmarkSchema.NUMPY_ONE_THREAD, Map.of(), 15000.0, "ns/op");
        DerivedFigures figures = DerivedFigures.of(run(simd, simd32, numpy));
        assertEquals(2.5, figures.vsFloat64(simd32));
        assertEquals(200.0, figures.vsNumpy(simd));
        assertTrue(Double.isNaN(figures.vsNumpy(simd32)), "numpy was timed in float64");
        double gflops = Work.gflops(Work.flops(BenchmarkSchema.TRAINING_STEP, "3-4-1"), 30.0, "ns/op");
        assertEquals(gflops / 100.0, figures.fractionOfPeak(simd32), 1e-15);
        assertEquals("simd dtype=float32", simd32.label());
        assertEquals("2.50x", FigureFormat.ratio(figures.vsFloat64(simd32)));
        assertEquals(FigureFormat.NONE, FigureFormat.ratio(figures.vsFloat64(simd)));
    }
}
