package dev.synapsebench.benchmarks.launcher;

import dev.synapsebench.core.testing.DropInBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A backend that does not compute what scalar computes stops the run before it is timed, and nothing is published. */
class ParityFailureTest {

    @Test
    @Timeout(value = 12, unit = TimeUnit.MINUTES)
    void aWrongBackendFailsTheRunLoudly(@TempDir Path results) throws Exception {
        Path log = results.resolve("launcher.log");
        JmhLock.awaitFree(10);
        String classPath = DropInBackend.classPathWith(DropInBackend.register(results.resolve("registration"),
                PerturbedKernel.class));
        Process launcher = new ProcessBuilder(List.of(ForkJvm.currentExecutable(), "-cp",
                classPath, Main.class.getName(), "--profile=quick",
                "--backends=perturbed", "--benchmarks=trainingStep", "--networks=3-1",
                "--results=" + results.resolve("runs")))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(launcher.waitFor(2, TimeUnit.MINUTES));
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(1, launcher.exitValue(), output);
        assertTrue(output.contains("perturbed differs from scalar on 3-1"), output);
        assertTrue(output.contains("refusing to time a backend that computes something else"), output);
        String networkPasses = output.substring(output.indexOf("# Measuring the tutorials' networks"));
        assertFalse(java.util.regex.Pattern.compile("(?m)^Iteration ").matcher(networkPasses).find(),
                "nothing was measured (only the peak, before it):\n" + output);
        try (var runs = Files.list(results.resolve("runs"))) {
            assertTrue(runs.allMatch(p -> p.getFileName().toString().startsWith(".failed-")),
                    "nothing published; the partial data kept as .failed-<name>");
        }
    }
}
