package dev.synapsebench.benchmarks.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Real benchmark runs, stopped part-way the three ways a run ends early (SIGKILL of the launcher,
 * SIGKILL of a fork, SIGINT), and two runs started at once. Whatever happens, no run folder is
 * published half-written, an earlier run is never touched, no fork outlives its launcher, and the
 * next run works and removes what a killed one left. Each run is the smallest real plan (scalar,
 * forward on 3-1, quick profile, numpy skipped), so the whole class takes about half a minute.
 */
class KilledRunTest {

    /** A moment to kill a run: its staging folder exists and its first fork (the FP64 peak's) is measuring. */
    private static final Pattern MEASURING = Pattern.compile("# Warmup Iteration");

    /** A fork is timing a network: the peaks' pass has finished and is in the staging folder's jmh.json. */
    private static final Pattern MEASURING_A_NETWORK = Pattern.compile(
            "(?s)# Measuring the tutorials.*# Warmup Iteration");

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aKilledLauncherPublishesNothingAndTheNextRunRemovesWhatItLeft(@TempDir Path dir) throws Exception {
        Path runs = dir.resolve("runs");
        Map<String, byte[]> earlier = earlierRun(runs);
        JmhLock.awaitFree(10);

        Launched killed = Launched.start(dir, "killed", runs);
        killed.awaitOutput(MEASURING);
        List<ProcessHandle> forks = killed.process.descendants().toList();
        assertFalse(forks.isEmpty(), "a fork was running");
        killed.process.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertTrue(killed.process.waitFor(30, TimeUnit.SECONDS));
        assertGone(forks);
        assertEquals(List.of(".tmp-"), hiddenPrefixes(runs), "only the killed run's hidden staging folder is new");

        Launched next = Launched.start(dir, "next", runs);
        next.awaitOutput(Pattern.compile("# Measuring"));
        Launched second = Launched.start(dir, "second", runs); // while next holds the lock
        assertTrue(second.process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, second.process.exitValue(), second.output());
        assertTrue(second.output().contains("another benchmark run is measuring on this machine (pid "
                + next.process.pid()), second.output());
        assertEquals(1, second.output().strip().lines().filter(l -> l.startsWith("benchmarks:")).count(),
                second.output());
        assertFalse(second.output().contains("\tat "), "no stack trace: " + second.output());

        assertEquals(0, next.awaitExit(), next.output());
        assertTrue(next.output().contains("# Removed " + runs.resolve(".tmp-")), next.output());
        assertTrue(next.output().contains(", left by a run that was killed before it finished"), next.output());
        assertEquals(List.of(), hiddenPrefixes(runs), "the killed run's staging folder is gone");
        assertEquals(2, published(runs).size(), "the earlier run and the next one: " + published(runs));
        assertEquals(earlier.keySet(), contents(runs.resolve("20261123T010203Z-host")).keySet());
        earlier.forEach((file, bytes) -> assertTrue(java.util.Arrays.equals(bytes,
                contents(runs.resolve("20261123T010203Z-host")).get(file)), "the earlier run's " + file + " is untouched"));
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aKilledForkFailsTheRunWhichKeepsItsPartialData(@TempDir Path dir) throws Exception {
        Path runs = dir.resolve("runs");
        earlierRun(runs);
        JmhLock.awaitFree(10);

        Launched run = Launched.start(dir, "fork-killed", runs);
        run.awaitOutput(MEASURING_A_NETWORK);
        List<ProcessHandle> children = run.process.children().toList(); // while a fork measures, only that fork
        assertEquals(1, children.size(), "one fork: " + children);
        children.get(0).destroyForcibly();
        assertEquals(1, run.awaitExit(), run.output());
        assertTrue(run.output().contains("<forked VM failed with exit code 137>"), run.output());
        assertTrue(run.output().contains("benchmarks: the partial data of this run are in " + runs.resolve(".failed-")),
                run.output());
        assertEquals(List.of(".failed-"), hiddenPrefixes(runs), "kept as .failed-<name>, not as a run");
        assertEquals(1, published(runs).size(), "only the earlier run is a run");
        Path failed = onlyHidden(runs);
        assertTrue(Files.readString(failed.resolve("jmh.json")).contains("fmaChains"),
                "the passes finished before the fork died (the peaks) are kept");
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void anInterruptedRunRemovesItsStagingFolder(@TempDir Path dir) throws Exception {
        Path runs = dir.resolve("runs");
        earlierRun(runs);
        JmhLock.awaitFree(10);

        // Ctrl-C in a terminal signals the whole foreground process group: the launcher and its fork.
        // setsid makes the launcher a group leader (it execs, keeping the pid), so kill -INT -PID does the same.
        Launched run = Launched.start(dir, "interrupted", runs, "setsid");
        run.awaitOutput(MEASURING);
        List<ProcessHandle> forks = run.process.descendants().toList();
        assertFalse(forks.isEmpty(), "a fork was running");
        Process kill = new ProcessBuilder("kill", "-INT", "--", "-" + run.process.pid()).inheritIO().start();
        assertEquals(0, kill.waitFor());
        assertEquals(130, run.awaitExit(), run.output()); // 128 + SIGINT: the JVM's shutdown after its hooks
        assertGone(forks);
        assertTrue(run.output().contains("benchmarks: stopped before the end; nothing published, "
                + runs.resolve(".tmp-")), run.output());
        assertEquals(List.of(), hiddenPrefixes(runs), "no staging folder left");
        assertEquals(1, published(runs).size(), "only the earlier run");
    }

    /** A published run from before, with a file whose bytes must survive everything. */
    private static Map<String, byte[]> earlierRun(Path runs) throws IOException {
        Path earlier = Files.createDirectories(runs.resolve("20261123T010203Z-host"));
        Files.writeString(earlier.resolve("jmh.json"), "[]");
        Files.writeString(earlier.resolve("environment.json"), "{\"run\": \"earlier\"}");
        return contents(earlier);
    }

    private static void assertGone(List<ProcessHandle> processes) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (processes.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(processes.stream().noneMatch(ProcessHandle::isAlive), "a fork outlived its launcher");
    }

    /** The prefixes (.tmp-, .failed-) of the hidden folders in runs. */
    private static List<String> hiddenPrefixes(Path runs) throws IOException {
        try (Stream<Path> all = Files.list(runs)) {
            return all.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("."))
                    .map(n -> n.substring(0, n.indexOf('-') + 1)).sorted().toList();
        }
    }

    private static Path onlyHidden(Path runs) throws IOException {
        try (Stream<Path> all = Files.list(runs)) {
            return all.filter(p -> p.getFileName().toString().startsWith(".")).findFirst().orElseThrow();
        }
    }

    private static List<Path> published(Path runs) throws IOException {
        try (Stream<Path> all = Files.list(runs)) {
            // folders only: the launcher also writes the index, README.md, beside the runs
            return all.filter(p -> !p.getFileName().toString().startsWith(".") && Files.isDirectory(p)).sorted().toList();
        }
    }

    private static Map<String, byte[]> contents(Path folder) {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> all = Files.list(folder)) {
            for (Path p : all.toList()) {
                files.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return files;
    }

    /** One launcher process on the smallest real plan, its output in a log file. */
    private record Launched(Process process, Path log) {

        static Launched start(Path dir, String name, Path runs, String... wrapper) throws IOException {
            Path log = dir.resolve(name + ".log");
            List<String> command = new ArrayList<>(List.of(wrapper));
            command.addAll(List.of(ForkJvm.currentExecutable(), "-cp",
                    System.getProperty("java.class.path"), Main.class.getName(), "--profile=quick",
                    "--backends=scalar", "--networks=3-1", "--benchmarks=forward", "--dtypes=float64",
                    "--results=" + runs));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put(NumpyRace.PYTHON_VARIABLE, dir.resolve("no-python").toString());
            return new Launched(builder.start(), log);
        }

        String output() {
            try {
                return Files.readString(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        void awaitOutput(Pattern pattern) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                if (pattern.matcher(output()).find()) {
                    return;
                }
                if (!process.isAlive()) {
                    fail("the run ended (" + process.exitValue() + ") before " + pattern + ":\n" + output());
                }
                Thread.sleep(50);
            }
            process.destroyForcibly();
            fail("no " + pattern + " within 60 s:\n" + output());
        }

        int awaitExit() throws InterruptedException {
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                fail("the run did not end within 2 minutes:\n" + output());
            }
            return process.exitValue();
        }
    }
}
