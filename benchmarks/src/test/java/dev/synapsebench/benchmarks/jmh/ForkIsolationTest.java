package dev.synapsebench.benchmarks.jmh;

import dev.synapsebench.benchmarks.launcher.JmhLock;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * JMH gives every parameter combination its own forks (with -f 1 or more); with -f 0 they would
 * all share this JVM and distort each other's compiled code. The benchmark refuses that itself,
 * whoever starts it: two workloads in one JVM fail the run.
 */
class ForkIsolationTest {

    @Test
    void twoWorkloadsInOneJvmFailTheRun() throws Exception {
        JmhLock.awaitFree(10);
        var options = new OptionsBuilder()
                .include(NetworkBenchmark.class.getName() + "\\.forward$")
                .param("backend", "scalar")
                .param("network", "3-1", "3-4-1")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(10))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();
        RunnerException e = assertThrows(RunnerException.class, () -> new Runner(options).run());
        String messages = causes(e);
        assertTrue(messages.contains("needs its own forks"), messages);
    }

    private static String causes(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            all.append(c).append('\n');
            for (Throwable s : c.getSuppressed()) {
                all.append(causes(s));
            }
        }
        return all.toString();
    }
}
