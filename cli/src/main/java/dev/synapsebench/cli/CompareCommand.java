package dev.synapsebench.cli;

import dev.synapsebench.report.compare.Comparison;
import dev.synapsebench.report.compare.ComparisonFormat;
import dev.synapsebench.report.compare.VerdictRule;
import dev.synapsebench.model.RunFolder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code synapse compare BASE NEW}: every row of two run folders side by side, with a verdict that
 * accounts for the noise (dev.synapsebench.report.compare). Reads the folders only.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compare two benchmark runs row by row: ratio new/base with its interval, and a verdict "
                + "(faster, slower, same, inconclusive) that accounts for the run-to-run noise.",
                "Exit status: 0; 1 with --fail-on-regression when a row is slower or newly allocates; 2 on bad input."})
final class CompareCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BASE_DIR", description = "The base run's folder (results/<run>).")
    Path base;

    @Parameters(index = "1", paramLabel = "NEW_DIR", description = "The new run's folder.")
    Path candidate;

    @Option(names = "--threshold", paramLabel = "PCT",
            description = "Noise band in percent: smaller changes are never called (default: ${DEFAULT-VALUE}).")
    double thresholdPercent = VerdictRule.DEFAULT_THRESHOLD * 100;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text, markdown or json (default: ${DEFAULT-VALUE}).")
    String format = "text";

    @Option(names = "--fail-on-regression", description = "Exit with status 1 when any row is slower or newly allocates.")
    boolean failOnRegression;

    @Override
    public Integer call() {
        if (!(thresholdPercent >= 0) || thresholdPercent > 1000) {
            throw new UsageException("--threshold must be a percentage from 0 to 1000, not " + thresholdPercent);
        }
        ComparisonFormat output = ComparisonFormat.parse(format);
        VerdictRule rule = new VerdictRule(thresholdPercent / 100, VerdictRule.DEFAULT.confidence(),
                VerdictRule.DEFAULT.alpha());
        Comparison comparison = Comparison.of(RunFolder.read(base), RunFolder.read(candidate), rule);
        PrintWriter out = spec.commandLine().getOut();
        out.print(output.render(comparison));
        out.flush();
        return failOnRegression && !comparison.regressions().isEmpty() ? SynapseCli.FAILURE : 0;
    }
}
