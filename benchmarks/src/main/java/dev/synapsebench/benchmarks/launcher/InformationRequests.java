package dev.synapsebench.benchmarks.launcher;

import dev.synapsebench.model.BenchmarkSchema;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JMH's {@code -h, -l, -lp, -lprof, -lrf}, answered like {@code org.openjdk.jmh.Main} does, without
 * running anything, in JMH's own format:
 * <ul>
 *   <li>{@code -h} (or {@code --help}): JMH's options, then the launcher's own;</li>
 *   <li>{@code -l [regexp...]}: the benchmarks the regexps select (all without one) that this
 *       launcher would measure: the peaks, and the network benchmarks of the run's passes (so
 *       {@code --benchmarks} and {@code --networks} narrow the list as they narrow the run);</li>
 *   <li>{@code -lp}: the same list, each with the parameter values the run would use: every
 *       installed backend or {@code --backends}/{@code -p backend=}, the networks and dtypes of the passes
 *       that measure it (not the {@code @Param} defaults, which the launcher never runs alone).</li>
 * </ul>
 */
final class InformationRequests {

    private InformationRequests() {
    }

    /** Answers what {@code given} asks for; true when it asked for anything (the launcher then stops). */
    static boolean answer(LaunchOptions launch, CommandLineOptions given) throws CommandLineOptionException {
        return answer(launch, given, System.out);
    }

    static boolean answer(LaunchOptions launch, CommandLineOptions given, PrintStream out)
            throws CommandLineOptionException {
        if (given.shouldHelp()) {
            PrintStream console = System.out;
            try {
                System.setOut(out); // JMH prints its help to System.out
                given.showHelp();
            } catch (IOException e) {
                throw new UsageException("cannot print JMH's help: " + e);
            } finally {
                System.setOut(console);
            }
            out.println();
            out.print(LaunchOptions.HELP);
            return true;
        }
        boolean answered = false;
        if (given.shouldList() || given.shouldListWithParams()) {
            RunPlan plan = RunPlan.of(launch, given);
            if (given.shouldList()) {
                list(plan, false, out);
            }
            if (given.shouldListWithParams()) {
                list(plan, true, out);
            }
            answered = true;
        }
        if (given.shouldListProfilers()) {
            given.listProfilers();
            answered = true;
        }
        if (given.shouldListResultFormats()) {
            given.listResultFormats();
            answered = true;
        }
        return answered;
    }

    /** JMH's {@code Runner.list()} / {@code listWithParams()} output, for what this plan would measure. */
    static void list(RunPlan plan, boolean withParams, PrintStream out) {
        OutputFormat format = OutputFormatFactory.createFormatInstance(out, VerboseMode.NORMAL);
        Set<BenchmarkListEntry> entries = BenchmarkList.defaultList().find(format, plan.given().getIncludes(),
                plan.given().getExcludes());
        out.println("Benchmarks: ");
        Set<String> listed = new LinkedHashSet<>();
        for (BenchmarkListEntry entry : entries) {
            Map<String, List<String>> params = params(plan, entry);
            if (params == null || !listed.add(entry.getUsername() + (withParams ? params : ""))) {
                continue; // not measured by this launcher's run, or one of its modes already listed
            }
            out.println(entry.getUsername());
            if (withParams) {
                params.forEach((name, values) -> out.println("  param \"" + name + "\" = {"
                        + String.join(", ", values) + "}"));
            }
        }
    }

    /**
     * The parameter values the plan measures {@code entry} with, in the benchmark's own order; null
     * when no pass measures it.
     */
    private static Map<String, List<String>> params(RunPlan plan, BenchmarkListEntry entry) {
        String name = entry.getUsername();
        String method = name.substring(name.lastIndexOf('.') + 1);
        Map<String, List<String>> params = new LinkedHashMap<>();
        Map<String, String[]> declared = entry.getParams().orElse(Map.of());
        boolean network = BenchmarkSchema.BENCHMARK_ORDER.contains(method)
                && RunPlan.benchmarkClass(method).equals(entry.getUserClassQName());
        if (!network) { // the peaks: every run measures them, with JMH's parameters
            declared.forEach((param, values) -> params.put(param, List.copyOf(plan.given().getParameter(param)
                    .orElse(Arrays.asList(values)))));
            return params;
        }
        Map<String, Set<String>> measured = new LinkedHashMap<>();
        measured.put(BenchmarkSchema.BACKEND, new LinkedHashSet<>(plan.backends()));
        boolean anyPass = false;
        for (RunPlan.Pass pass : plan.passes()) {
            if (!pass.benchmarks().contains(method)) {
                continue;
            }
            anyPass = true;
            measured.computeIfAbsent(BenchmarkSchema.NETWORK, k -> new LinkedHashSet<>()).addAll(pass.networks());
            measured.computeIfAbsent(BenchmarkSchema.DTYPE, k -> new LinkedHashSet<>()).addAll(pass.dtypes());
            pass.params().forEach((param, value) -> measured.computeIfAbsent(param, k -> new LinkedHashSet<>())
                    .add(value));
        }
        if (!anyPass) {
            return null;
        }
        declared.forEach((param, values) -> {
            Collection<String> chosen = measured.containsKey(param) ? measured.get(param)
                    : plan.given().getParameter(param).orElse(Arrays.asList(values));
            params.put(param, new ArrayList<>(chosen));
        });
        return params;
    }
}
