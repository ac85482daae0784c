package dev.synapsebench.benchmarks.launcher;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * JMH's own result formats, for the results of several JMH runs together: its JSON for the run
 * folder's {@code jmh.json}, and any format for {@code -rf} ({@link ResultFile}).
 */
final class JmhJson {

    private JmhJson() {
    }

    static String of(Collection<RunResult> results) {
        return of(ResultFormatType.JSON, results);
    }

    static String of(ResultFormatType format, Collection<RunResult> results) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(format, out).writeOut(results);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
