package dev.synapsebench.cli;

import dev.synapsebench.cli.SeedSweep.Config;
import dev.synapsebench.cli.SeedSweep.Outcome;
import dev.synapsebench.cli.SeedSweep.Member;
import dev.synapsebench.cli.SeedSweep.TrainingTime;
import dev.synapsebench.cli.SeedSweepSummary.Distribution;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** {@code train --seeds --format text}: the summary for a person, with this machine's training time. */
final class SeedSweepText {

    private SeedSweepText() {
    }

    static void write(PrintWriter out, Outcome result, TrainingTime timing) {
        Config c = result.config();
        SeedSweepSummary s = SeedSweepSummary.of(result);
        out.printf(Locale.ROOT, "%d networks %s (preset %s, data %s, %d examples), seeds %s%n", s.networks(),
                c.network(), c.preset(), c.data(), c.examples(), result.seeds());
        out.printf(Locale.ROOT, "backend %s, %s, %d iterations, %d thread%s: trained in %.3f s (wall clock)%n%n",
                c.backend(), c.dtype(), c.iterations(), timing.threads(), timing.threads() == 1 ? "" : "s",
                timing.trainingNanos() / 1e9);
        out.printf(Locale.ROOT, "converged (finalError < %s): %d of %d (%.2f%%)%n", c.convergedBelow(), s.converged(),
                s.networks(), s.convergedPercent());
        out.println();
        out.println("                 min          p25          median       p75          p95          max          mean");
        out.println(row("finalError", s.finalError()));
        if (s.prediction() != null) {
            double[] input = c.predict().stream().mapToDouble(Double::doubleValue).toArray();
            out.printf("prediction for new situation %s:%n", NumpyFormat.list(input));
            for (int j = 0; j < s.prediction().size(); j++) {
                out.println(row("output[" + j + "]", s.prediction().get(j)));
            }
        }
        out.println();
        out.println("best seeds (lowest finalError):   " + seeds(s.best()));
        out.println("worst seeds (highest finalError): " + seeds(s.worst()));
    }

    private static String row(String label, Distribution d) {
        return String.format(Locale.ROOT, "  %-14s %-12.6g %-12.6g %-12.6g %-12.6g %-12.6g %-12.6g %.6g", label, d.min(),
                d.p25(), d.median(), d.p75(), d.p95(), d.max(), d.mean());
    }

    private static String seeds(List<Member> runs) {
        return runs.stream().map(r -> String.format(Locale.ROOT, "%d (%.4g)", r.seed(), r.finalError()))
                .collect(Collectors.joining(", "));
    }
}
