package dev.synapsebench.report.compare;

import dev.synapsebench.model.Measurement;
import dev.synapsebench.model.MeasuredRun;
import dev.synapsebench.model.FigureFormat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The words and numbers of a comparison, shared by its text and Markdown forms. */
final class ComparisonCells {

    static final List<String> COLUMNS = List.of("benchmark", "network", "backend", "base", "new", "ratio",
            "95% interval", "verdict", "detectable", "alloc B/op");

    private ComparisonCells() {
    }

    static List<List<String>> rows(Comparison c) {
        List<List<String>> rows = new ArrayList<>();
        for (Comparison.Row row : c.rows()) {
            VerdictRule.RowVerdict v = row.verdict();
            Measurement.Key key = row.key();
            rows.add(List.of(key.benchmark(), key.network(), key.label(), FigureFormat.score(row.base()), FigureFormat.score(row.candidate()),
                    String.format(Locale.ROOT, "%.3f", v.ratio()),
                    String.format(Locale.ROOT, "%.3f-%.3f", v.ratioLow(), v.ratioHigh()),
                    v.verdict().label(), "+" + percent(v.detectable()), row.allocation().describe()));
        }
        return rows;
    }

    static String title(Comparison c) {
        return "Comparing " + describe(c.base()) + " (base) with " + describe(c.candidate()) + " (new)";
    }

    /** The rule in one paragraph, with this comparison's noise. */
    static String rule(Comparison c) {
        VerdictRule r = c.rule();
        String noise = c.noise().measured()
                ? String.format(Locale.ROOT, "run-to-run noise measured from the %d rows in common: %s (1 sd of their"
                        + " log ratios, robust), %s of it beyond what their own intervals show, added to every interval",
                        c.noise().rows(), percent(Math.expm1(c.noise().logSpread())), percent(Math.expm1(c.noise().logExtra())))
                : "run-to-run noise not measured (too few rows)";
        return String.format(Locale.ROOT, "ratio = new / base (Hodges-Lehmann, all samples of all forks); %.0f%% "
                + "interval: Moses, widened by the run-to-run noise; verdict: slower/faster when the Mann-Whitney p < %.2f "
                + "and the whole interval lies beyond the %s band, same when it lies inside it, else inconclusive; "
                + "detectable = the smallest slowdown this row's interval would let the rule call; %s.",
                100 * r.confidence(), r.alpha(), "±" + percent(r.threshold()), noise);
    }

    static String summary(Comparison c) {
        long allocation = c.rows().stream().filter(r -> r.allocation().isRegression()).count();
        double[] detectable = c.rows().stream().mapToDouble(r -> r.verdict().detectable()).sorted().toArray();
        return String.format(Locale.ROOT, "%d rows: %d faster, %d slower, %d same, %d inconclusive; %d allocation "
                + "regression(s). Smallest detectable slowdown: median +%s (rows from +%s to +%s).", c.rows().size(),
                c.count(Verdict.FASTER), c.count(Verdict.SLOWER), c.count(Verdict.SAME), c.count(Verdict.INCONCLUSIVE),
                allocation, percent(detectable[detectable.length / 2]), percent(detectable[0]),
                percent(detectable[detectable.length - 1]));
    }

    static List<String> differences(Comparison c) {
        return c.differences().stream().map(d -> d.aspect() + ": " + d.base() + " -> " + d.candidate()).toList();
    }

    static String describe(MeasuredRun run) {
        String commit = run.environmentText("git", "commit").map(s -> s.substring(0, Math.min(7, s.length())))
                .orElse("commit unknown");
        String started = run.environmentText("run", "started").map(s -> s.replace('T', ' ')
                .replaceAll("\\.\\d+Z$", "Z")).orElse("date unknown");
        return run.name() + " (" + commit + ", " + started + ")";
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, fraction >= 0.1 ? "%.0f%%" : "%.1f%%", 100 * fraction);
    }
}
