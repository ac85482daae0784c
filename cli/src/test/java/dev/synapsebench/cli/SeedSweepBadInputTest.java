package dev.synapsebench.cli;

import org.junit.jupiter.api.BeforeAll;
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

/** Bad flags for {@code train --seeds} and bad files for {@code merge}: one line, exit status 2. */
class SeedSweepBadInputTest {

    @TempDir
    static Path dir;

    private static Path json1to3;
    private static Path json3to4;
    private static Path json5to6;
    private static Path json5to6Other;
    private static Path csv5to6;
    private static Path csv1to3;
    private static Path csvDamaged;
    private static Path truncated;
    private static Path single;

    @BeforeAll
    static void outputs() throws IOException {
        json1to3 = sweep("1-3.json", "1-3", "json", "10");
        json3to4 = sweep("3-4.json", "3-4", "json", "10");
        json5to6 = sweep("5-6.json", "5-6", "json", "10");
        json5to6Other = sweep("5-6-other.json", "5-6", "json", "11");
        csv5to6 = sweep("5-6.csv", "5-6", "csv", "10");
        csv1to3 = sweep("1-3.csv", "1-3", "csv", "10");
        String csv = Files.readString(csv1to3);
        csvDamaged = Files.writeString(dir.resolve("damaged.csv"), csv.replace(",0.01,", ",zero,"));
        String json = Files.readString(json1to3);
        truncated = Files.writeString(dir.resolve("truncated.json"), json.substring(0, json.length() / 2));
        CliRun r = CliRun.of("train", "--iterations", "10", "--format", "json");
        single = Files.writeString(dir.resolve("single.json"), r.out());
    }

    private static Path sweep(String name, String seeds, String format, String iterations) throws IOException {
        CliRun r = CliRun.of("train", "--preset", "multi-layer", "--seeds", seeds, "--iterations", iterations,
                "--format", format);
        assertEquals(0, r.status(), r.err());
        return Files.writeString(dir.resolve(name), r.out());
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of(List.of("train", "--seeds", "5-1"), "--seeds range 5-1 runs backwards"),
                Arguments.of(List.of("train", "--seeds", "x"), "--seeds takes ranges A-B and single seeds"),
                Arguments.of(List.of("train", "--seeds", "1-"), "--seeds takes ranges A-B and single seeds"),
                Arguments.of(List.of("train", "--seeds", "1-99999999999"), "99999999999 is outside numpy's seed range"),
                Arguments.of(List.of("train", "--seeds", "99999999999999999999999"), "is outside numpy's seed range"),
                Arguments.of(List.of("train", "--seeds", "1,1"), "--seeds lists seed 1 twice"),
                Arguments.of(List.of("train", "--seeds", "1-10,7-20"), "--seeds lists seed 7 twice"),
                Arguments.of(List.of("train", "--seed", "1", "--seeds", "1-2"), "--seed and --seeds are mutually exclusive"),
                Arguments.of(List.of("train", "--seeds", "1-2", "--threads", "0"), "--threads must be 1 or more, got 0"),
                Arguments.of(List.of("train", "--seeds", "1-2", "--converged-below", "-1"),
                        "--converged-below must be a positive finite number, got -1.0"),
                Arguments.of(List.of("train", "--seeds", "1-2", "--converged-below", "NaN"),
                        "Invalid value for option '--converged-below': NaN is not a finite number"),
                Arguments.of(List.of("train", "--seeds", "0-4294967295"),
                        "--seeds gives 4294967296 networks of 3-1, about"),
                Arguments.of(List.of("train", "--seeds", "1-2", "--backend", "cuda"), "unknown backend 'cuda'"),
                Arguments.of(List.of("train", "--threads", "2"), "--threads and --converged-below go with --seeds"),
                Arguments.of(List.of("train", "--format", "csv"), "--format csv goes with --seeds"),
                Arguments.of(List.of("merge", json1to3.toString(), json3to4.toString()),
                        "seed 3 is in both " + json1to3 + " and " + json3to4),
                Arguments.of(List.of("merge", json1to3.toString(), json5to6Other.toString()),
                        "was trained with another configuration than " + json1to3 + " (iterations 10 vs 11)"),
                Arguments.of(List.of("merge", json1to3.toString(), csv5to6.toString()), "cannot merge json and csv outputs"),
                Arguments.of(List.of("merge", csv1to3.toString(), csvDamaged.toString()), "malformed configuration"),
                Arguments.of(List.of("merge", json5to6.toString(), truncated.toString()), "is not valid JSON"),
                Arguments.of(List.of("merge", json5to6.toString(), single.toString()),
                        "is not a complete output of 'synapse train --seeds --format json': 'examples' is missing"),
                Arguments.of(List.of("merge", dir.resolve("missing.json").toString()), "missing.json does not exist"),
                Arguments.of(List.of("merge"), "Missing required parameter"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badInput")
    void oneLineAndExitStatus2(List<String> args, String message) {
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertEquals(2, r.status(), () -> "exit status for " + args + "; stderr: " + r.err());
        assertTrue(r.err().contains(message), () -> "stderr for " + args + ": " + r.err());
        assertEquals(1, r.err().strip().lines().count(), () -> "one line on stderr, got: " + r.err());
        assertTrue(r.err().startsWith("synapse: "), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace");
        assertEquals("", r.out());
    }
}
