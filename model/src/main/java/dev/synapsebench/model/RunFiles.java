package dev.synapsebench.model;

/**
 * The files of a run folder ({@code results/<run>/}), named once: the launcher writes them, the
 * reader, the report and the index read them.
 */
public final class RunFiles {

    /** JMH's results of every pass, in JMH's JSON format: the run's primary data. */
    public static final String JMH_JSON = "jmh.json";
    /** The machine, JDK, JVM flags, commit, backends and measured peak. */
    public static final String ENVIRONMENT_JSON = "environment.json";
    /** numpy's race: its timings, parity and BLAS configuration. */
    public static final String NUMPY_JSON = "numpy.json";
    /** Every row with its derived figures, as the console summary shows them. */
    public static final String SUMMARY_JSON = "summary.json";
    /** The console summary, as printed at the end of the run. */
    public static final String SUMMARY_TXT = "summary.txt";
    /** What is known of the run's machine, each fact with where it comes from. */
    public static final String MACHINE_JSON = "machine.json";
    /** The page to read: the run's tables and charts, written from the files above. */
    public static final String REPORT_MD = "report.md";
    /** The folder of the flame graphs ({@code --flame}), one HTML file per profiled row ({@link FlameGraphs}). */
    public static final String FLAME_DIR = "flame";

    private RunFiles() {
    }
}
