package dev.synapsebench.report.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.synapsebench.model.RunFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two machines that report the same CPU name: two kinds of AVX-512 EPYC both say "AMD EPYC" with 2
 * logical processors; only the measured peak (57 against 120 GFLOP/s) tells them apart.
 */
class MachineDifferenceTest {

    private static final Path RUN = Path.of("..", "results", "20261202T180228Z-vm");

    @Test
    void aPeakTwiceAsHighMakesTheRunsNotComparable(@TempDir Path dir) throws IOException {
        Path base = copy(dir.resolve("base"), 120.0);
        Comparison same = Comparison.of(RunFolder.read(base), RunFolder.read(copy(dir.resolve("again"), 112.0)),
                VerdictRule.DEFAULT);
        assertTrue(same.warnings().stream().noneMatch(w -> w.contains("peak")), "a 7% spread is the same machine: "
                + same.warnings());
        Comparison other = Comparison.of(RunFolder.read(base), RunFolder.read(copy(dir.resolve("zen4"), 56.5)),
                VerdictRule.DEFAULT);
        assertTrue(other.warnings().stream().anyMatch(w -> w.startsWith("not comparable: the measured FP64 peak differs "
                + "(120.0 GFLOP/s / 56.5 GFLOP/s)")), other.warnings().toString());
    }

    /** Extra JVM options (--jvm-args) can change the code the JIT emits: runs with different ones measure different things. */
    @Test
    void differentExtraJvmOptionsMakeTheRunsNotComparable(@TempDir Path dir) throws IOException {
        Path base = copy(dir.resolve("base"), 120.0);
        Path narrow = copy(dir.resolve("narrow"), 120.0);
        ObjectMapper json = new ObjectMapper();
        ObjectNode environment = (ObjectNode) json.readTree(narrow.resolve("environment.json").toFile());
        ((ObjectNode) environment.path("jvm")).putArray("extraArgs").add("-XX:UseAVX=2");
        json.writeValue(narrow.resolve("environment.json").toFile(), environment);
        Comparison other = Comparison.of(RunFolder.read(base), RunFolder.read(narrow), VerdictRule.DEFAULT);
        assertTrue(other.warnings().stream().anyMatch(w -> w.startsWith("not comparable: the extra JVM options (--jvm-args)")),
                other.warnings().toString());
        Comparison same = Comparison.of(RunFolder.read(base), RunFolder.read(copy(dir.resolve("again"), 120.0)),
                VerdictRule.DEFAULT);
        assertTrue(same.warnings().stream().noneMatch(w -> w.contains("extra JVM options")), same.warnings().toString());
    }

    private static Path copy(Path to, double peak) throws IOException {
        Files.createDirectories(to);
        Files.copy(RUN.resolve("jmh.json"), to.resolve("jmh.json"));
        ObjectMapper json = new ObjectMapper();
        ObjectNode environment = (ObjectNode) json.readTree(RUN.resolve("environment.json").toFile());
        ((ObjectNode) environment.path("peak")).put("fp64GflopsOneCore", peak);
        json.writeValue(to.resolve("environment.json").toFile(), environment);
        return to;
    }
}
