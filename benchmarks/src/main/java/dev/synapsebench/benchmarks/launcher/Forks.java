package dev.synapsebench.benchmarks.launcher;

import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The fork JVM and its arguments as JMH will assemble them: {@code -jvmArgsPrepend}, then
 * {@code -jvmArgs} (by JMH's rule, the launcher JVM's own arguments when not given), then
 * {@code -jvmArgsAppend} followed by the backends' options not already there.
 *
 * @param jvm    the fork JVM
 * @param append what goes into JMH's {@code -jvmArgsAppend}: the user's, then {@code added}
 * @param added  the backends' options the user had not given
 * @param args   every argument a fork gets, in order
 */
record Forks(ForkJvm jvm, List<String> append, List<String> added, List<String> args) {

    static Forks of(CommandLineOptions given, LaunchOptions launch) {
        ForkJvm jvm = ForkJvm.inspect(launch.jvm().orElse(given.getJvm().orElse(ForkJvm.currentExecutable())));
        List<String> prepend = new ArrayList<>(given.getJvmArgsPrepend().orElse(List.of()));
        List<String> base = new ArrayList<>(given.getJvmArgs()
                .orElse(ManagementFactory.getRuntimeMXBean().getInputArguments()));
        List<String> append = new ArrayList<>(given.getJvmArgsAppend().orElse(List.of()));
        List<String> added = new ArrayList<>();
        for (String flag : jvm.backendFlags()) {
            if (!prepend.contains(flag) && !base.contains(flag) && !append.contains(flag)) {
                added.add(flag);
            }
        }
        append.addAll(added);
        List<String> args = new ArrayList<>(prepend);
        args.addAll(base);
        args.addAll(append);
        return new Forks(jvm, append, added, args);
    }
}
