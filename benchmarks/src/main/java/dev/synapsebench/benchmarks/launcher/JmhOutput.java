package dev.synapsebench.benchmarks.launcher;

import org.openjdk.jmh.runner.Defaults;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.util.UnCloseablePrintStream;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * JMH's {@code -o FILE} for the launcher's whole run: JMH's console output of every pass in one file.
 * Left to JMH, each pass's {@code Runner} would open the file again, emptying it, so only the last
 * pass's output would be left. Without {@code -o}, each pass's Runner prints to the console as JMH does.
 */
final class JmhOutput implements AutoCloseable {

    private final PrintStream file;

    private JmhOutput(PrintStream file) {
        this.file = file;
    }

    /**
     * Opens (and empties) {@code -o}'s file once for the run, if {@code given} names one.
     *
     * @throws UsageException when it cannot be written
     */
    static JmhOutput of(Options given) {
        return open(given, false);
    }

    /** {@code -o}'s file again, after what the run's measured passes wrote there (the flame graphs' pass). */
    static JmhOutput appending(Options given) {
        return open(given, true);
    }

    private static JmhOutput open(Options given, boolean append) {
        if (!given.getOutput().hasValue()) {
            return new JmhOutput(null);
        }
        String name = given.getOutput().get();
        try {
            OutputStream out = new FileOutputStream(name, append);
            return new JmhOutput(new PrintStream(out, true, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UsageException("cannot write JMH's output to " + name + " (" + e.getMessage() + "); name a"
                    + " writable file with -o");
        }
    }

    /** A Runner for one pass, writing to the run's {@code -o} file when there is one. */
    Runner runner(Options pass) {
        if (file == null) {
            return new Runner(pass);
        }
        try {
            // each Runner closes its output when done: the file must stay open for the next pass
            PrintStream shared = new UnCloseablePrintStream(file, StandardCharsets.UTF_8);
            return new Runner(pass, OutputFormatFactory.createFormatInstance(shared,
                    pass.verbosity().orElse(Defaults.VERBOSITY)));
        } catch (IOException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
    }

    @Override
    public void close() {
        if (file != null) {
            file.close();
        }
    }
}
