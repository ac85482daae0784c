package dev.synapsebench.benchmarks.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.synapsebench.benchmarks.publish.EnvironmentReport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link EnvironmentProbe} on the fork JVM, with the fork flags and class path, before the
 * benchmarks: what it finds is what the forks will find. If a backend crashes that JVM (a native
 * library can), each backend is probed in a JVM of its own and the one that crashes is reported
 * unavailable with the JVM's last words; the others still run.
 */
final class ForkProbe {

    /** Generous: a backend's first run may unpack its natives (hundreds of MB). */
    private static final long TIMEOUT_MINUTES = 15;

    private ForkProbe() {
    }

    /** The probe's report (see {@link EnvironmentProbe}) for the named backends. */
    static JsonNode run(ForkJvm jvm, List<String> jvmArgs, String classPath, Collection<String> backends) {
        Attempt all = attempt(jvm, jvmArgs, classPath, String.join(",", backends));
        if (all.report() != null) {
            return all.report();
        }
        Attempt none = attempt(jvm, jvmArgs, classPath, "");
        if (none.report() == null) {
            throw new UsageException("the fork JVM " + jvm.executable() + " cannot run the environment probe: "
                    + none.failure());
        }
        ObjectNode report = (ObjectNode) none.report(); // knows what is installed, has probed nothing
        ArrayNode merged = report.putArray("backends");
        for (String backend : backends) {
            Attempt one = attempt(jvm, jvmArgs, classPath, backend);
            if (one.report() != null) {
                one.report().path("backends").forEach(merged::add);
            } else {
                merged.addObject().put("name", backend).put("description", "").put("available", false)
                        .put("reason", "loading it crashed the JVM: " + one.failure());
            }
        }
        return report;
    }

    private record Attempt(JsonNode report, String failure) {
    }

    private static Attempt attempt(ForkJvm jvm, List<String> jvmArgs, String classPath, String backends) {
        Path output = null;
        Path log = null;
        try {
            output = Files.createTempFile("synapse-probe", ".json");
            log = Files.createTempFile("synapse-probe", ".log");
            List<String> command = new ArrayList<>();
            command.add(jvm.executable());
            command.addAll(jvmArgs);
            command.addAll(List.of("-cp", classPath, EnvironmentProbe.class.getName(), output.toString(), backends));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return new Attempt(null, "no answer within " + TIMEOUT_MINUTES + " minutes");
            }
            if (process.exitValue() != 0 || Files.size(output) == 0) {
                return new Attempt(null, "exit code " + process.exitValue() + ", last output: " + ChildOutput.lastLine(Files.readString(log), "(none)"));
            }
            return new Attempt(EnvironmentReport.JSON.readTree(output.toFile()), null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the environment probe", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UsageException("interrupted while probing the fork JVM");
        } finally {
            ChildOutput.delete(output);
            ChildOutput.delete(log);
        }
    }
}
