package dev.synapsebench.report.compare;

import dev.synapsebench.model.MeasuredRun;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * One aspect of where and how a run was made, in both runs.
 *
 * @param aspect     what it is ("JDK", "CPU", ...)
 * @param base       its value in the base run ("unknown" where the run does not record it)
 * @param candidate  its value in the new run
 * @param breaksComparison whether a difference here makes the rows measure different things (the
 *                   machine, the vector width, the measurement profile), not only different code
 */
public record EnvironmentDifference(String aspect, String base, String candidate, boolean breaksComparison) {

    static final String UNKNOWN = "unknown";

    /**
     * An aspect compared, and when its two values count as different: by default when their text
     * differs; a measured figure ({@link #PEAK_RATIO_LIMIT}) only beyond its run-to-run spread.
     */
    private record Aspect(String name, boolean breaksComparison, Function<MeasuredRun, String> value,
                          BiPredicate<MeasuredRun, MeasuredRun> differs) {

        Aspect(String name, boolean breaksComparison, Function<MeasuredRun, String> value) {
            this(name, breaksComparison, value, (a, b) -> !Objects.equals(value.apply(a).trim(), value.apply(b).trim()));
        }
    }

    private static final List<Aspect> ASPECTS = List.of(
            new Aspect("measured FP64 peak", true, run -> Double.isFinite(run.peakGflops())
                    ? String.format(Locale.ROOT, "%.1f GFLOP/s", run.peakGflops()) : UNKNOWN,
                    EnvironmentDifference::peaksDiffer),
            new Aspect("CPU", true, run -> run.environmentText("cpu", "model").map(model -> model + ", "
                    + run.environmentText("cpu", "logicalProcessors").orElse("?") + " logical processors").orElse(UNKNOWN)),
            new Aspect("vector species", true, run -> run.environmentText("vectorApi", "preferredSpeciesBits")
                    .map(bits -> bits + " bits").orElse(UNKNOWN)),
            new Aspect("profile", true, run -> run.environmentText("run", "profile").orElse(UNKNOWN)),
            // the launcher's --jvm-args: they may change the code the JIT emits (-XX:UseAVX), not only its speed
            new Aspect("extra JVM options (--jvm-args)", true, run -> run.environmentText("jvm", "extraArgs").orElse("[]")),
            new Aspect("JDK", false, run -> run.environmentText("jdk", "vendor").orElse("") + " "
                    + run.environmentText("jdk", "runtime.version").orElse(UNKNOWN)),
            new Aspect("fork flags", false, run -> run.environmentText("jvm", "forkArgs").orElse(UNKNOWN)),
            new Aspect("commit", false, run -> run.environmentText("git", "commit").orElse(UNKNOWN)),
            new Aspect("dirty tree", false, run -> run.environmentText("git", "dirty").orElse(UNKNOWN)),
            new Aspect("numpy", false, EnvironmentDifference::numpy),
            new Aspect("backend libraries", false, run -> run.environmentText("versions").orElse(UNKNOWN)),
            new Aspect("host", false, run -> run.environmentText("run", "host").orElse(UNKNOWN)),
            new Aspect("working directory", false, run -> run.environmentText("run", "workingDirectory").orElse(UNKNOWN)));

    /**
     * How far apart two runs' measured FP64 peaks may be on the same kind of machine. The peak
     * varies by under 10% from run to run on one machine (115-126 GFLOP/s over six runs); two kinds
     * of AVX-512 machine may both report "AMD EPYC" and 2 logical processors while their peaks differ
     * by 2x (57 against 116-120), which runs without a recorded CPU family and model show only here.
     */
    static final double PEAK_RATIO_LIMIT = 1.25;

    /** Every aspect whose value differs between the two runs. */
    static List<EnvironmentDifference> between(MeasuredRun base, MeasuredRun candidate) {
        List<EnvironmentDifference> differences = new ArrayList<>();
        for (Aspect aspect : ASPECTS) {
            if (aspect.differs().test(base, candidate)) {
                differences.add(new EnvironmentDifference(aspect.name(), aspect.value().apply(base).trim(),
                        aspect.value().apply(candidate).trim(), aspect.breaksComparison()));
            }
        }
        return differences;
    }

    /** Both peaks measured and further apart than {@link #PEAK_RATIO_LIMIT}. */
    private static boolean peaksDiffer(MeasuredRun base, MeasuredRun candidate) {
        double basePeak = base.peakGflops();
        double newPeak = candidate.peakGflops();
        return Double.isFinite(basePeak) && Double.isFinite(newPeak)
                && Math.max(basePeak, newPeak) / Math.min(basePeak, newPeak) > PEAK_RATIO_LIMIT;
    }

    private static String numpy(MeasuredRun run) {
        if (run.numpy().isMissingNode()) {
            return "not timed";
        }
        String version = run.numpy().path("oneThread").path("numpy").asText("");
        String blas = run.numpy().path("oneThread").path("blas").path("config").asText("");
        return version.isEmpty() ? "not timed" : ("numpy " + version + (blas.isEmpty() ? "" : ", " + blas));
    }
}
