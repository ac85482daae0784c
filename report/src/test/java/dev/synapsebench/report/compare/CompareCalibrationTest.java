package dev.synapsebench.report.compare;

import dev.synapsebench.model.Measurement;
import dev.synapsebench.model.MeasuredRun;
import dev.synapsebench.model.RunFolder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Calibration of the verdict rule on committed runs:
 * <ul>
 *   <li>A/A: two default runs of the same code on the same machine call at most 1 row in 10
 *       faster or slower;</li>
 *   <li>a 30% slowdown injected into one backend's raw samples is called slower on every row of
 *       that backend, and no other row is called anything but same or inconclusive.</li>
 * </ul>
 */
class CompareCalibrationTest {

    static final Path RESULTS = Path.of("..", "results");
    /**
     * The A/A pairs need two runs of one commit on one machine, which results/ no longer keeps: the
     * runs that left it keep here the two files the calibration reads (jmh.json, environment.json).
     */
    static final Path FIXTURES = Path.of("src", "test", "resources", "calibration");

    /** Pairs of committed default runs of the same code, one machine, back to back. */
    static Stream<Arguments> sameCode() {
        return Stream.of(
                // eba3cea and 5a8d902 (only the README and results changed between them)
                Arguments.of("20261123T012449Z-vm", "20261123T014308Z-vm"),
                // 7c46c83 and c9d5b64 (tests, a launcher helper and a visibility change between them)
                Arguments.of("20261202T003650Z-vm", "20261202T013345Z-vm"),
                // b57a8f8 twice: a fresh clone, then a newcomer's clone in an empty folder
                Arguments.of("20261202T023703Z-vm", "20261202T024941Z-vm"));
    }

    static Stream<Arguments> injections() {
        List<Arguments> cases = new ArrayList<>();
        for (String run : List.of("20261123T012449Z-vm", "20261123T014308Z-vm", "20261202T003650Z-vm",
                "20261202T013345Z-vm", "20261202T023703Z-vm", "20261202T024941Z-vm")) {
            for (String backend : List.of("scalar", "simd", "ejml", "nd4j")) {
                cases.add(Arguments.of(run, backend));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "A/A {0} vs {1}")
    @MethodSource("sameCode")
    void sameCodeCallsAtMostOneRowInTen(String baseName, String newName) {
        Comparison c = Comparison.of(read(baseName), read(newName), VerdictRule.DEFAULT);
        long called = c.count(Verdict.FASTER) + c.count(Verdict.SLOWER);
        assertTrue(c.rows().size() >= 30, "rows in common: " + c.rows().size());
        assertTrue(called * 10 <= c.rows().size(), called + " of " + c.rows().size() + " rows called faster or slower: "
                + c.rows().stream().filter(r -> r.verdict().verdict() == Verdict.FASTER
                        || r.verdict().verdict() == Verdict.SLOWER).map(r -> r.key() + " " + r.verdict()).toList());
    }

    @ParameterizedTest(name = "{0}: {1} 30% slower")
    @MethodSource("injections")
    void aThirtyPercentSlowdownIsCalledOnEveryRowOfTheBackend(String runName, String backend) {
        MeasuredRun run = read(runName);
        MeasuredRun slowed = withSlowdown(run, backend, 1.3);
        Comparison c = Comparison.of(run, slowed, VerdictRule.DEFAULT);
        for (Comparison.Row row : c.rows()) {
            Verdict expected = row.key().backend().equals(backend) ? Verdict.SLOWER : null;
            if (expected != null) {
                assertEquals(Verdict.SLOWER, row.verdict().verdict(), row.key() + ": " + row.verdict());
            } else {
                assertTrue(row.verdict().verdict() == Verdict.SAME || row.verdict().verdict() == Verdict.INCONCLUSIVE,
                        row.key() + " was not touched: " + row.verdict());
            }
        }
    }

    static MeasuredRun read(String name) {
        Path committed = RESULTS.resolve(name);
        return RunFolder.read(java.nio.file.Files.isDirectory(committed) ? committed : FIXTURES.resolve(name));
    }

    /** The run with every raw sample of {@code backend}'s rows multiplied by {@code factor} (time: slower). */
    static MeasuredRun withSlowdown(MeasuredRun run, String backend, double factor) {
        List<Measurement> results = run.results().stream().map(r -> !r.backend().equals(backend) ? r
                : new Measurement(r.benchmark(), r.backend(), r.network(), r.otherParams(), r.mode(), r.unit(),
                        r.score() * factor, r.error() * factor,
                        r.forks().stream().map(f -> java.util.Arrays.stream(f).map(x -> x * factor).toArray()).toList(),
                        r.allocation(), r.parity())).toList();
        return new MeasuredRun(run.folder(), results, run.environment(), run.numpy(), run.gaps());
    }
}
