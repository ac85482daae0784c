package dev.synapsebench.benchmarks.launcher;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Defaults;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.ProfilerConfig;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.runner.options.WarmupMode;
import org.openjdk.jmh.util.Optional;

import java.io.IOException;
import java.io.Serial;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * JMH's {@code -rf FORMAT} / {@code -rff FILE} for the launcher's whole run: ONE result file with the
 * results of every JMH pass, in JMH's own formats ({@link JmhJson} over all passes'
 * {@link RunResult}s) but LaTeX, which JMH cannot write for benchmarks with different parameters
 * (the peaks have none; it fails part-way), so it is refused before anything runs. Named as JMH names it: {@code -rff}, else {@code jmh-result.<format>}; the
 * format is {@code -rf}, else JMH's default ({@link Defaults#RESULT_FORMAT}, CSV).
 * <p>
 * The passes themselves run without {@code -rf}/{@code -rff} ({@link #withoutRunFiles}): left to JMH,
 * each pass would write the file again, leaving only the last pass's rows in it ({@code -o} likewise:
 * {@link JmhOutput}).
 *
 * @param format the result format
 * @param file   where it goes
 */
record ResultFile(ResultFormatType format, Path file) {

    /**
     * The result file the command line asks for, if it asks for one (JMH writes one when either
     * option is given).
     *
     * @throws UsageException when the file cannot be written
     */
    static java.util.Optional<ResultFile> of(Options given) {
        if (!given.getResult().hasValue() && !given.getResultFormat().hasValue()) {
            return java.util.Optional.empty();
        }
        ResultFormatType format = given.getResultFormat().orElse(Defaults.RESULT_FORMAT);
        if (format == ResultFormatType.LATEX) {
            throw new UsageException("-rf latex cannot hold this launcher's results, as JMH's LaTeX table needs every"
                    + " benchmark to have the same parameters (the peaks have none); use -rf json, csv, scsv or text,"
                    + " or --results=DIR for the run folder");
        }
        String name = given.getResult().orElse(Defaults.RESULT_FILE_PREFIX + "." + format.toString()
                .toLowerCase(Locale.ROOT));
        ResultFile result = new ResultFile(format, Path.of(name));
        result.checkWritable();
        return java.util.Optional.of(result);
    }

    /**
     * Replaces the file with every result so far (the launcher calls it after each pass, so a run that
     * fails part-way leaves the passes it finished; it says so on the console).
     *
     * @throws UncheckedIOException when it cannot be written
     */
    void write(Collection<RunResult> results) {
        Path absolute = file.toAbsolutePath();
        try {
            Path partial = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".partial");
            try {
                Files.writeString(partial, JmhJson.of(format, results), StandardCharsets.UTF_8);
                Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the result file " + file, e);
        }
    }

    /** Before measuring anything: a file that exists and is writable, or a writable folder to create it in. */
    private void checkWritable() {
        Path absolute = file.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            throw new UsageException("the result file " + file + " is a folder; name a file with -rff");
        }
        boolean writable = Files.exists(absolute) ? Files.isWritable(absolute)
                : absolute.getParent() != null && Files.isDirectory(absolute.getParent())
                && Files.isWritable(absolute.getParent());
        if (!writable) {
            throw new UsageException("cannot write the result file " + file + "; name a writable file with -rff");
        }
    }

    /**
     * {@code options} without {@code -rf}, {@code -rff} and {@code -o}, which are the whole run's
     * (this class, {@link JmhOutput}): what each pass's {@code Runner} gets as its parent.
     */
    static Options withoutRunFiles(Options options) {
        return new WithoutRunFiles(options);
    }

    /** Every option as given but the run's files (serialisable: JMH sends a pass's options to its forks). */
    private record WithoutRunFiles(Options given) implements Options {

        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Optional<ResultFormatType> getResultFormat() {
            return Optional.none();
        }

        @Override
        public Optional<String> getResult() {
            return Optional.none();
        }

        @Override
        public List<String> getIncludes() {
            return given.getIncludes();
        }

        @Override
        public List<String> getExcludes() {
            return given.getExcludes();
        }

        @Override
        public Optional<String> getOutput() {
            return Optional.none();
        }

        @Override
        public Optional<Boolean> shouldDoGC() {
            return given.shouldDoGC();
        }

        @Override
        public List<ProfilerConfig> getProfilers() {
            return given.getProfilers();
        }

        @Override
        public Optional<VerboseMode> verbosity() {
            return given.verbosity();
        }

        @Override
        public Optional<Boolean> shouldFailOnError() {
            return given.shouldFailOnError();
        }

        @Override
        public Optional<Integer> getThreads() {
            return given.getThreads();
        }

        @Override
        public Optional<int[]> getThreadGroups() {
            return given.getThreadGroups();
        }

        @Override
        public Optional<Boolean> shouldSyncIterations() {
            return given.shouldSyncIterations();
        }

        @Override
        public Optional<Integer> getWarmupIterations() {
            return given.getWarmupIterations();
        }

        @Override
        public Optional<TimeValue> getWarmupTime() {
            return given.getWarmupTime();
        }

        @Override
        public Optional<Integer> getWarmupBatchSize() {
            return given.getWarmupBatchSize();
        }

        @Override
        public Optional<WarmupMode> getWarmupMode() {
            return given.getWarmupMode();
        }

        @Override
        public List<String> getWarmupIncludes() {
            return given.getWarmupIncludes();
        }

        @Override
        public Optional<Integer> getMeasurementIterations() {
            return given.getMeasurementIterations();
        }

        @Override
        public Optional<TimeValue> getMeasurementTime() {
            return given.getMeasurementTime();
        }

        @Override
        public Optional<Integer> getMeasurementBatchSize() {
            return given.getMeasurementBatchSize();
        }

        @Override
        public Collection<Mode> getBenchModes() {
            return given.getBenchModes();
        }

        @Override
        public Optional<TimeUnit> getTimeUnit() {
            return given.getTimeUnit();
        }

        @Override
        public Optional<Integer> getOperationsPerInvocation() {
            return given.getOperationsPerInvocation();
        }

        @Override
        public Optional<Integer> getForkCount() {
            return given.getForkCount();
        }

        @Override
        public Optional<Integer> getWarmupForkCount() {
            return given.getWarmupForkCount();
        }

        @Override
        public Optional<String> getJvm() {
            return given.getJvm();
        }

        @Override
        public Optional<Collection<String>> getJvmArgs() {
            return given.getJvmArgs();
        }

        @Override
        public Optional<Collection<String>> getJvmArgsAppend() {
            return given.getJvmArgsAppend();
        }

        @Override
        public Optional<Collection<String>> getJvmArgsPrepend() {
            return given.getJvmArgsPrepend();
        }

        @Override
        public Optional<Collection<String>> getParameter(String name) {
            return given.getParameter(name);
        }

        @Override
        public Optional<TimeValue> getTimeout() {
            return given.getTimeout();
        }
    }
}
