package dev.synapsebench.benchmarks.publish;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultsFolderTest {

    private static final Instant START = Instant.parse("2026-11-23T01:02:03.456Z");

    @Test
    void namedByUtcTimestampAndHost() {
        assertEquals("20261123T010203Z-my-host.example", ResultsFolder.TIMESTAMP.format(START) + "-"
                + ResultsFolder.safe("my-host.example"));
        assertEquals("a_b_c", ResultsFolder.safe("a/b c"));
        assertEquals("unknown-host", ResultsFolder.safe(""));
        assertEquals("unknown-host..", ResultsFolder.safe(".."));
    }

    @Test
    void stagesHiddenThenPublishesWithoutTouchingEarlierRuns(@TempDir Path results) throws IOException {
        ResultsFolder first = ResultsFolder.create(results, START, "host");
        first.write("environment.json", "{\"run\": 1}");
        assertTrue(first.staging().getFileName().toString().startsWith(".tmp-"));
        assertFalse(Files.exists(results.resolve("20261123T010203Z-host")), "nothing under the final name before publish");
        Path published = first.publish();
        assertEquals(results.resolve("20261123T010203Z-host"), published);

        ResultsFolder second = ResultsFolder.create(results, START, "host");
        second.write("environment.json", "{\"run\": 2}");
        Path again = second.publish();
        assertEquals(results.resolve("20261123T010203Z-host-2"), again);
        assertEquals("{\"run\": 1}", Files.readString(published.resolve("environment.json")));
        assertEquals("{\"run\": 2}", Files.readString(again.resolve("environment.json")));

        try (Stream<Path> left = Files.list(results)) {
            List<String> names = left.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(List.of("20261123T010203Z-host", "20261123T010203Z-host-2"), names, "no staging folder left");
        }
        try (Stream<Path> files = Files.list(again)) {
            assertEquals(List.of("environment.json"), files.map(p -> p.getFileName().toString()).toList(),
                    "no temporary file left");
        }
    }

    @Test
    void removesOnlyThisHostsStagingFoldersWhoseProcessIsGone(@TempDir Path results) throws IOException {
        long dead = ProcessHandle.current().pid() + 1_000_000_000L; // above Linux's pid_max
        Path killed = Files.createDirectories(results.resolve(".tmp-20261123T010203Z-host-" + dead));
        Files.writeString(killed.resolve(".jmh.json.tmp"), "[{\"half");
        Path live = Files.createDirectories(results.resolve(".tmp-20261123T010203Z-host-" + ProcessHandle.current().pid()));
        Path otherHost = Files.createDirectories(results.resolve(".tmp-20261123T010203Z-other-" + dead));
        Path failed = Files.createDirectories(results.resolve(".failed-20261123T010203Z-host"));
        Path run = Files.createDirectories(results.resolve("20261123T010203Z-host"));

        assertEquals(List.of(killed), ResultsFolder.removeAbandoned(results, "host"));
        for (Path kept : List.of(live, otherHost, failed, run)) {
            assertTrue(Files.isDirectory(kept), kept + " is kept");
        }
        assertEquals(List.of(), ResultsFolder.removeAbandoned(results.resolve("none"), "host"), "no folder, nothing");
    }

    @Test
    void aFailedRunIsKeptHiddenUnderItsOwnName(@TempDir Path results) throws IOException {
        ResultsFolder run = ResultsFolder.create(results, START, "host");
        run.write("jmh.json", "[]");
        assertFalse(run.isSettled());
        Path kept = run.keepAsFailed();
        assertTrue(run.isSettled());
        assertEquals(results.resolve(".failed-20261123T010203Z-host"), kept);
        assertEquals("[]", Files.readString(kept.resolve("jmh.json")));
        ResultsFolder again = ResultsFolder.create(results, START, "host");
        assertEquals(results.resolve(".failed-20261123T010203Z-host-2"), again.keepAsFailed(), "never replaced");
    }
}
